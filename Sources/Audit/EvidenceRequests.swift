public import PolicyEngine
public import SSHScan

extension EvidenceRequest {
    /// What the scanner must gather for these policies: the union of their probes.
    ///
    /// Registry probes are gathered by the Windows batch only; on Linux hosts the rules that need
    /// them judge `error` or not applicable, never `fail`.
    public static func needed(by policies: [Policy]) -> [EvidenceRequest] {
        needed(by: Policy.probes(of: policies))
    }

    /// The requests for a list of probes, in its order.
    public static func needed(by probes: [Probe]) -> [EvidenceRequest] {
        probes.compactMap { probe in
            switch probe.kind {
            case .file: .file(path: probe.name)
            case .directory: .directory(path: probe.name)
            case .tree: .tree(path: probe.name, contents: probe.run)
            case .program: .program(text: probe.name)
            case .command: probe.run.map { .command(name: probe.name, run: $0) }
            case .processes: .processes
            case .registry: .registry(key: probe.name)
            }
        }
    }
}

public import InventoryModel
public import PolicyEngine
public import Reports
public import SSHScan

/// Everything a scan is judged against: native policies and imported Wazuh SCA policies.
///
/// Both kinds name their evidence as probes, so one scan gathers the union in its single round
/// trip, and both produce the same `Finding`s.
public struct PolicySet: Sendable {
    public var policies: [Policy]
    public var sca: [SCAPolicy]

    public init(policies: [Policy], sca: [SCAPolicy] = []) {
        self.policies = policies
        self.sca = sca
    }

    public var ids: [String] { policies.map(\.id) + sca.map(\.id) }

    public var count: Int { policies.count + sca.count }

    /// Names for reports; SCA policies have one name, shown in both languages.
    public var names: [PolicyName] {
        policies.map { policy in
            PolicyName(
                id: policy.id, title: policy.title,
                remediations: Dictionary(
                    policy.rules.map { ($0.id, $0.remediation) }, uniquingKeysWith: { first, _ in first }))
        }
            + sca.map { policy in
                PolicyName(
                    id: policy.id, title: LocalizedText(vi: policy.name, en: policy.name),
                    remediations: Dictionary(
                        policy.checks.compactMap { check in
                            check.remediation.map { (check.id, LocalizedText(vi: $0, en: $0)) }
                        }, uniquingKeysWith: { first, _ in first }))
            }
    }

    /// What the scanner must gather from hosts of one OS family: the union of the probes of every
    /// policy that may apply there.
    ///
    /// Before the scan only the family is known (the other facts come in the same round trip), so
    /// a policy's probes are left out only when its `applies_to` is false whatever the other facts
    /// turn out to be (`Expression.decided(knowing:)`); `host.os.family != "windows" && host.sshd
    /// != null` keeps its probes on Linux although `host.sshd` is not known yet. Windows commands
    /// are PowerShell and Linux ones POSIX sh, so they never cross over.
    public func evidenceRequests(for os: TargetOS) -> [EvidenceRequest] {
        let known: [String: FactValue] = ["host.os.family": .string(os == .windows ? "windows" : "linux")]
        let native = policies.filter { $0.appliesTo?.decided(knowing: known) != false }.map(\.probes)
        let imported = sca.filter { $0.isForWindows == (os == .windows) }.map(\.probes)
        return EvidenceRequest.needed(by: Probe.union(native + imported))
    }

    /// Scan options that gather what these policies need, for both OS families.
    public func requesting(into options: ScanOptions) -> ScanOptions {
        var options = options
        options.evidenceRequests = evidenceRequests(for: .linux)
        options.windowsEvidenceRequests = evidenceRequests(for: .windows)
        options.readServerOffer = policies.contains { $0.reads("host.ssh_offer") }
        return options
    }

    /// Findings of every scanned host, native policies first, then SCA checks.
    public func evaluate(_ snapshot: InventorySnapshot) -> [Finding] {
        var findings = PolicyEvaluator().evaluate(snapshot: snapshot, policies: policies)
        for host in snapshot.hosts {
            for policy in sca { findings += policy.evaluate(host: host) }
        }
        return findings
    }
}

extension SCAPolicy {
    /// SCA policies are written for one platform; registry rules only exist on Windows.
    var isForWindows: Bool { probes.contains { $0.kind == .registry } }
}

import InventoryModel
import PolicyEngine
import Reports
import SSHScan

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
        policies.map { PolicyName(id: $0.id, title: $0.title) }
            + sca.map { PolicyName(id: $0.id, title: LocalizedText(vi: $0.name, en: $0.name)) }
    }

    /// What the scanner must gather: the union of every policy's probes.
    public var evidenceRequests: [EvidenceRequest] {
        EvidenceRequest.needed(by: Probe.union(policies.map(\.probes) + sca.map(\.probes)))
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

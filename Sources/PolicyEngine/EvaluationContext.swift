public import Foundation
public import InventoryModel

/// What an evaluation may read besides the fact tree: the scan's time and its probe output.
///
/// Time is the scan's start, not the clock, so judging a stored scan again next month gives the
/// same verdicts for `days_since(…)`.
public struct EvaluationContext: Sendable {
    /// The reference time for `days_since`; `nil` makes such rules unknown.
    public var now: Date?
    /// Probe output by `Evidence.name` (`file:/etc/login.defs`, `command:auditd-enabled`).
    public var evidence: [String: Evidence]

    public init(now: Date? = nil, evidence: [String: Evidence] = [:]) {
        self.now = now
        self.evidence = evidence
    }

    /// A scanned host's time and probe sections (the last section wins when a name repeats).
    public init(host: HostScan) {
        self.now = host.startedAt
        self.evidence = Dictionary(host.evidence.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
    }
}

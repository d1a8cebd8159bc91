public import InventoryModel
public import SSHScan

/// What the pipeline is doing, for progress displays (terminal, service logs).
public enum AuditEvent: Sendable {
    /// A scan row exists in the store (new, or resumed with `remaining` of `planned` hosts left):
    /// from here on every finished host is kept, and `ictaudit scan --resume scanID` continues it.
    case began(scanID: Int64, planned: Int, remaining: Int)
    case scanning(hosts: Int)
    case scan(ScanProgress)
    /// Reading the inventory's captures (files, or interfaces for a fixed time).
    case capturing(sources: Int)
    case stored(scanID: Int64)
    case evaluated(findings: Int, policies: Int)
    case ranked(units: Int)
    case reportWritten(path: String)
    /// A report that could not be written for a reason the user can fix (no Chromium for the PDF).
    case reportSkipped(path: String, reason: LocalizedText)
}

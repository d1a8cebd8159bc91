import InventoryModel
import SSHScan

/// What the pipeline is doing, for progress displays (terminal, service logs).
public enum AuditEvent: Sendable {
    case scanning(hosts: Int)
    case scan(ScanProgress)
    /// Reading the inventory's captures (files, or interfaces for a fixed time).
    case capturing(sources: Int)
    case stored(scanID: Int64)
    case evaluated(findings: Int, policies: Int)
    case ranked(units: Int)
    case reportWritten(path: String)
}

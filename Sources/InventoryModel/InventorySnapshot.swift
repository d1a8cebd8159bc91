public import Foundation

/// One scan's picture of the estate: the units and what each of their hosts reported.
///
/// Snapshots are what the store keeps and what evaluation, ranking and reports read, so a stored
/// scan can be judged again against new policies without touching a host.
public struct InventorySnapshot: Codable, Sendable, Hashable {
    /// The store's id for this scan; `nil` until stored.
    public var scanID: Int64?
    public var inventoryName: String
    public var startedAt: Date
    public var finishedAt: Date
    public var units: [Unit]
    public var hosts: [HostScan]
    /// What passive capture saw during the same audit, if the inventory names captures.
    public var captures: [WireCapture]

    public init(
        scanID: Int64? = nil, inventoryName: String, startedAt: Date, finishedAt: Date, units: [Unit],
        hosts: [HostScan], captures: [WireCapture] = []
    ) {
        self.captures = captures
        self.scanID = scanID
        self.inventoryName = inventoryName
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.units = units
        self.hosts = hosts
    }

    /// The hosts of one unit, in inventory order.
    public func hosts(of unitID: String) -> [HostScan] {
        hosts.filter { $0.target.unit == unitID }
    }
}

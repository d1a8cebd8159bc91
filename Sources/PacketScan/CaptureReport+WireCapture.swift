public import Foundation
public import InventoryModel

extension CaptureReport {
    /// What the audit keeps of this capture with its scan: hosts, observations and each unit's
    /// bandwidth series, enough for the unit inventory to be built again without the file.
    ///
    /// - Parameters:
    ///   - unit: the unit the inventory names for the capture.
    ///   - expectedPeriod: the time the capture was meant to cover, when the inventory says.
    public func wireCapture(unit: String, expectedPeriod: DateInterval? = nil) -> WireCapture {
        var capture = WireCapture(
            source: source, unit: unit, packets: packets, complete: complete,
            note: stoppedAt.map {
                "stopped at packet \($0.packetIndex), byte \($0.byteOffset): \($0.reason); results up to there are kept"
            },
            hosts: hosts.map { host in
                WireHost(
                    ip: host.ip, mac: host.mac, vendor: host.vendor, scope: host.scope, unit: host.unit,
                    names: host.names.map(\.name), osGuess: host.os?.name, firstSeen: host.firstSeen,
                    lastSeen: host.lastSeen, bytesSent: host.bytesSent, bytesReceived: host.bytesReceived,
                    internetBytes: host.unit == nil ? nil : host.internetBytes)
            },
            observations: observations, firstPacket: firstPacket, lastPacket: lastPacket, expectedPeriod: expectedPeriod,
            bandwidth: bandwidth.start.map { start in
                WireBandwidth(
                    intervalSeconds: bandwidth.intervalSeconds, start: start, intervals: bandwidth.intervals,
                    units: bandwidth.units.map {
                        WireUnitTraffic(
                            unit: $0.unit, addressesSeen: $0.addressesSeen, internetIn: $0.internetIn,
                            internetOut: $0.internetOut, wanIn: $0.wanIn, wanOut: $0.wanOut, wanPeers: $0.wanPeers)
                    })
            })
        capture.drops = live.map { CaptureDrops(kernel: $0.droppedByKernel, interface: $0.droppedByInterface) }
        return capture
    }
}

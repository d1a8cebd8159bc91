import Foundation
import Inventory
import InventoryModel
import Testing

/// What the wire shows joins what SSH found: unmanaged hosts, cleartext use, unknown antivirus.
struct WireMergeTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    private func snapshot(captures: [WireCapture]) -> InventorySnapshot {
        let managed = HostScan(
            target: SSHTarget(address: "10.1.0.5", user: "a", unit: "phong-a", credential: .agent), status: .scanned,
            startedAt: t0, durationSeconds: 1,
            facts: HostFacts(interfaces: [NetworkInterface(name: "eth1", mac: nil, addresses: ["10.1.0.6/24"])]))
        let unit = InventoryModel.Unit(
            id: "phong-a", name: LocalizedText(vi: "Phòng A", en: "Room A"), staff: 3, subnets: ["10.1.0.0/24"])
        return InventorySnapshot(
            inventoryName: "t", startedAt: t0, finishedAt: t0, units: [unit], hosts: [managed], captures: captures)
    }

    private func wire(_ ip: String, scope: String = "unicast", unit: String? = "phong-a") -> WireHost {
        WireHost(ip: ip, mac: "3c:52:82:00:00:01", vendor: "HP", scope: scope, unit: unit, names: ["pc-le-tan"],
                 firstSeen: t0, lastSeen: t0 + 60, bytesSent: 100, bytesReceived: 50)
    }

    @Test("An address in a unit's subnet that no target owns is an unmanaged host; the target's other addresses count as owned")
    func unmanagedHosts() {
        let capture = WireCapture(
            source: "lan.pcap", unit: "phong-a", packets: 10, complete: true,
            hosts: [
                wire("10.1.0.5"), wire("10.1.0.6"), wire("10.1.0.99"), wire("8.8.8.8", unit: nil),
                wire("10.1.0.255", scope: "broadcast"),
            ],
            observations: [])
        let findings = WireMerge.findings(snapshot(captures: [capture]))
        #expect(findings.map(\.host) == ["10.1.0.99"])
        #expect(findings.first?.ruleID == "unmanaged-host")
        #expect(findings.first?.verdict == .fail)
        #expect(findings.first?.unit == "phong-a")
        #expect(findings.first?.evidence.contains(EvidenceItem(path: "wire.names", value: "pc-le-tan")) == true)
    }

    @Test("A managed host without antivirus facts but fetching updates is noted, not failed; cleartext use fails")
    func observations() {
        let update = Observation(
            kind: .antivirusUpdate, host: "10.1.0.6", peer: "10.1.0.53", proto: "dns", detail: "ESET update.eset.com",
            firstSeen: t0, lastSeen: t0, packets: 2)
        let telnet = Observation(
            kind: .cleartextProtocol, host: "10.1.0.5", peer: "10.1.0.200", proto: "telnet", firstSeen: t0, lastSeen: t0,
            packets: 12)
        let capture = WireCapture(
            source: "lan.pcap", unit: "phong-a", packets: 14, complete: true, hosts: [], observations: [update, telnet])
        let findings = WireMerge.findings(snapshot(captures: [capture]))
        #expect(findings.map(\.ruleID) == ["antivirus-seen-updating", "cleartext-telnet"])
        #expect(findings.map(\.host) == ["10.1.0.5:22", "10.1.0.5:22"])
        #expect(findings[0].verdict == .notApplicable)
        #expect(findings[0].message?.contains("ESET update.eset.com") == true)
        #expect(findings[1].verdict == .fail)
        #expect(findings[1].severity == .high)
    }

    @Test("Without captures the merge adds nothing")
    func noCaptures() {
        #expect(WireMerge.findings(snapshot(captures: [])).isEmpty)
    }
}

import Foundation
import Inventory
import InventoryModel
import Testing

/// Units' subnets, which passive capture uses to attribute hosts and bandwidth to units.
struct InventorySubnetTests {
    private func parse(_ text: String) throws(InventoryFileError) -> AuditPlan {
        try InventoryFile.parse(text, file: "inv.yaml", baseDirectory: "/srv/inv")
    }

    @Test("A unit lists its subnets in CIDR notation, IPv4 and IPv6")
    func subnetsLoad() throws {
        let plan = try parse(
            """
            units:
              - { id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1, subnets: [10.10.1.0/24, "2001:db8:1::/48"] }
              - { id: b, name: { vi: "Phòng B", en: "Room B" }, staff: 1 }
            targets: []
            """)
        #expect(plan.units[0].subnets == ["10.10.1.0/24", "2001:db8:1::/48"])
        #expect(plan.units[1].subnets == [])
    }

    @Test("A subnet without a prefix length is an error at its position")
    func subnetWithoutPrefix() throws {
        #expect(
            throws: InventoryFileError(
                file: "inv.yaml", line: 2, column: 73,
                message: "subnet '10.10.1.0' of unit 'a' is not CIDR notation such as 10.10.1.0/24")
        ) {
            try parse(
                """
                units:
                  - { id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1, subnets: [10.10.1.0] }
                targets: []
                """)
        }
    }

    @Test("Overlapping subnets of two units are refused at the second one's position, naming both")
    func overlappingSubnets() throws {
        #expect(
            throws: InventoryFileError(
                file: "inv.yaml", line: 3, column: 73,
                message: "subnet '10.10.1.128/25' of unit 'b' overlaps subnet '10.10.0.0/16' of unit 'a' (line 2, column 73); "
                    + "an address must belong to one unit, or its computers and traffic would count twice")
        ) {
            try parse(
                """
                units:
                  - { id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1, subnets: [10.10.0.0/16] }
                  - { id: b, name: { vi: "Phòng B", en: "Room B" }, staff: 1, subnets: [10.10.1.128/25] }
                targets: []
                """)
        }
        // IPv6 too, and within one unit.
        #expect(throws: InventoryFileError.self) {
            try parse(
                """
                units:
                  - { id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1, subnets: ["2001:db8::/32", "2001:db8:5::/48"] }
                targets: []
                """)
        }
        // Neighbours that do not overlap are fine.
        let plan = try parse(
            """
            units:
              - { id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1, subnets: [10.10.0.0/24] }
              - { id: b, name: { vi: "Phòng B", en: "Room B" }, staff: 1, subnets: [10.10.1.0/24] }
            targets: []
            """)
        #expect(plan.units.map(\.subnets) == [["10.10.0.0/24"], ["10.10.1.0/24"]])
    }

    @Test("Targets may declare a role, directly or through defaults; a capture may give its period and interval")
    func roleAndCaptureSettings() throws {
        let plan = try parse(
            """
            defaults: { user: u, credential: { agent: true }, role: workstation }
            units:
              - { id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1, subnets: [10.10.0.0/24] }
            targets:
              - { address: 10.10.0.5, unit: a, role: server }
              - { address: 10.10.0.6, unit: a }
            captures:
              - { unit: a, file: a.pcap, interval_seconds: 300, period: { from: 2026-12-01T08:00:00Z, to: 2026-12-01T17:00:00Z } }
            """)
        #expect(plan.targets.map(\.role) == [.server, .workstation])
        #expect(plan.captures.first?.intervalSeconds == 300)
        #expect(plan.captures.first?.period == DateInterval(start: Date(timeIntervalSince1970: 1_796_112_000), duration: 32_400))
        #expect(throws: InventoryFileError.self) {
            try parse(
                """
                units: [{ id: a, name: { vi: "A", en: "A" }, staff: 1 }]
                targets: [{ address: 10.0.0.1, unit: a, user: u, credential: { agent: true }, role: sever }]
                """)
        }
    }

    @Test("A target may declare its purchase date (a UTC day); an impossible day is an error at its position")
    func purchaseDate() throws {
        let plan = try parse(
            """
            units: [{ id: a, name: { vi: "A", en: "A" }, staff: 1 }]
            targets: [{ address: 10.0.0.1, unit: a, user: u, credential: { agent: true }, purchased: 2021-03-15 }]
            """)
        #expect(plan.targets.first?.purchased == Date(timeIntervalSince1970: 1_615_766_400))
        #expect(
            throws: InventoryFileError(
                file: "inv.yaml", line: 2, column: 90,
                message: "the purchase date must be a day written YYYY-MM-DD, such as 2021-03-15, not '2021-02-30'")
        ) {
            try parse(
                """
                units: [{ id: a, name: { vi: "A", en: "A" }, staff: 1 }]
                targets: [{ address: 10.0.0.1, unit: a, user: u, credential: { agent: true }, purchased: 2021-02-30 }]
                """)
        }
    }
}

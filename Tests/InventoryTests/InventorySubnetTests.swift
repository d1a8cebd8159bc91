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
}

/// An organisational unit that is audited and ranked: a department, an agency, a province office.
public struct Unit: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: LocalizedText
    /// The unit this one belongs to, if any; ranking treats every unit on its own.
    public var parent: String?
    /// Staff members; the denominator of "computers per staff member".
    public var staff: Int
    /// Figures the unit declares rather than ictaudit measuring them, such as the
    /// contracted Internet bandwidth in Mbit/s (`internet_bandwidth_mbps`).
    public var declared: [String: Double]
    /// The unit's address blocks in CIDR notation (`10.10.1.0/24`, `2001:db8:1::/48`), so that
    /// passive capture can attribute hosts and bandwidth to the unit. Empty when not known.
    public var subnets: [String]

    public init(
        id: String, name: LocalizedText, parent: String? = nil, staff: Int, declared: [String: Double] = [:],
        subnets: [String] = []
    ) {
        self.id = id
        self.name = name
        self.parent = parent
        self.staff = staff
        self.declared = declared
        self.subnets = subnets
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, parent, staff, declared, subnets
    }

    /// Units stored before `subnets` existed decode with no subnets.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(LocalizedText.self, forKey: .name)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        staff = try c.decode(Int.self, forKey: .staff)
        declared = try c.decode([String: Double].self, forKey: .declared)
        subnets = try c.decodeIfPresent([String].self, forKey: .subnets) ?? []
    }
}

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

    public init(
        id: String, name: LocalizedText, parent: String? = nil, staff: Int, declared: [String: Double] = [:]
    ) {
        self.id = id
        self.name = name
        self.parent = parent
        self.staff = staff
        self.declared = declared
    }
}

/// What an indicator counts for one unit. Each case is a built-in measurement; method files will
/// later add cases (such as an expression over the inventory) without touching the existing ones.
public enum Measure: Codable, Sendable, Hashable {
    /// Inventoried hosts (whatever their scan status) per staff member; 0 when the unit declares no staff.
    case computersPerStaff
    /// Share of the unit's hosts that were scanned and have an installed antivirus product whose
    /// signatures were at most `maxSignatureAgeDays` old when the host's scan started.
    ///
    /// Hosts that were not scanned count as not covered: the audit cannot vouch for what it could not
    /// see, and counting them as covered would reward units whose computers refuse the scan.
    case antivirusCoverage(maxSignatureAgeDays: Double)
    /// pass / (pass + fail + error) over the unit's findings; `not_applicable` and `waived` do not count.
    case rulesPassed
}

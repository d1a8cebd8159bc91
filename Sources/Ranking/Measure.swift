/// What an indicator counts for one unit.
///
/// Expressions are kept as their source text so a method stays a plain `Codable` value; they are
/// type-checked when a method file loads and compiled again when a method scores.
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
    /// Share of the unit's inventoried hosts for which a condition over `host` (and `unit`) holds;
    /// a host where it is unknown does not count as meeting it.
    case hostShare(condition: String)
    /// A number computed from the `unit` root (`RankingFacts.unit`), optionally divided by another,
    /// such as `unit.hosts` per `unit.staff`.
    case value(expression: String, per: String?)
    /// A figure the unit declares (inventory `declared:` or the figures CSV), under the indicator's id.
    case declared
}

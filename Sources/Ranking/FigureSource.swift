/// Where a value came from, so a report can say which figures were measured and which declared.
public enum FigureSource: String, Codable, Sendable, Hashable {
    /// Measured by ictaudit from the stored scan and findings.
    case measured
    /// Reported by the unit itself (figures CSV or the inventory's `declared:`).
    case declared
    /// Neither: the value counts as 0.
    case missing
}

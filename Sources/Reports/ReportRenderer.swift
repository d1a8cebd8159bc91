/// One output format of the audit report.
///
/// Renderers are pure: they turn a `ReportInput` into text and the caller writes it to
/// `fileName` in the run's report directory.
public protocol ReportRenderer: Sendable {
    /// The file the output belongs in, e.g. `report.html`.
    var fileName: String { get }
    func render(_ input: ReportInput) throws -> String
}

/// The formats ictaudit writes. A new format is one more renderer in this list.
public enum ReportRenderers {
    public static func all() -> [any ReportRenderer] {
        [MarkdownReport(), HTMLReport(), JSONReport()]
    }
}

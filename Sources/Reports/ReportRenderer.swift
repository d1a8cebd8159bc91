import Foundation

/// One output format of the audit report.
///
/// Renderers are pure: they turn a `ReportInput` into files (one or several) and the caller
/// writes them into the run's report directory.
public protocol ReportRenderer: Sendable {
    var format: ReportFormat { get }
    func files(for input: ReportInput) throws -> [ReportFile]
}

/// A renderer whose output is one text file.
public protocol TextReportRenderer: ReportRenderer {
    /// The file the output belongs in, e.g. `report.html`.
    var fileName: String { get }
    func render(_ input: ReportInput) throws -> String
}

extension TextReportRenderer {
    public func files(for input: ReportInput) throws -> [ReportFile] {
        [ReportFile(name: fileName, text: try render(input))]
    }
}

/// The formats ictaudit writes. A new format is one more case here and one more renderer.
public enum ReportRenderers {
    /// Every format, in `ReportFormat`'s order.
    public static func all() -> [any ReportRenderer] {
        ReportFormat.allCases.map(renderer)
    }

    /// The renderers for `formats`, in the order given.
    public static func renderers(for formats: [ReportFormat]) -> [any ReportRenderer] {
        formats.map(renderer)
    }

    public static func renderer(for format: ReportFormat) -> any ReportRenderer {
        switch format {
        case .html: HTMLReport()
        case .md: MarkdownReport()
        case .json: JSONReport()
        case .csv: CSVReport()
        case .xlsx: XLSXReport()
        case .junit: JUnitReport()
        case .oscal: OSCALReport()
        }
    }
}

import Foundation

/// One output format of the audit report.
///
/// Renderers are pure: they turn a `ReportInput` into files (one or several), written into the
/// caller's `ReportSink` as they are made, so a report of gigabytes never sits in memory whole.
public protocol ReportRenderer: Sendable {
    var format: ReportFormat { get }
    func write(_ input: ReportInput, to sink: any ReportSink) throws
}

extension ReportRenderer {
    /// The files in memory: for tests and for reports small enough to hold.
    public func files(for input: ReportInput) throws -> [ReportFile] {
        let sink = ReportMemorySink()
        try write(input, to: sink)
        return sink.files
    }
}

/// A renderer whose output is one text file.
public protocol TextReportRenderer: ReportRenderer {
    /// The file the output belongs in, e.g. `report.html`.
    var fileName: String { get }
    /// The main file as text (in memory).
    func render(_ input: ReportInput) throws -> String
}

extension TextReportRenderer {
    /// The main file as text (in memory).
    public func render(_ input: ReportInput) throws -> String {
        let files = try files(for: input)
        let file = files.first { $0.name == fileName } ?? files.first
        return file.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
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

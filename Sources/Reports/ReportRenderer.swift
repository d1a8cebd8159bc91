import Dispatch
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

extension ReportRenderers {
    /// Renders `formats` side by side, each into its own sink from `sink`, and answers the sinks
    /// in the order of `formats`.
    ///
    /// The formats read the same input and share nothing else, so a machine's cores render them
    /// at once: a ministry's report of seven formats is CPU-bound, and one after another it leaves
    /// all cores but one idle. The costliest formats start first, so the last one to finish is a
    /// short one. Every format is attempted; the first error (in `formats` order) is thrown after
    /// all have finished, so one failing format never leaves another half written.
    public static func write(
        _ input: ReportInput, formats: [ReportFormat], sinks sink: @Sendable (ReportFormat) throws -> any ReportSink
    ) throws -> [any ReportSink] {
        let results = RenderResults(count: formats.count)
        let order = formats.indices.sorted { formats[$0].relativeCost > formats[$1].relativeCost }
        DispatchQueue.concurrentPerform(iterations: order.count) { position in
            let index = order[position]
            let outcome = Result { () throws -> any ReportSink in
                let target = try sink(formats[index])
                try renderer(for: formats[index]).write(input, to: target)
                return target
            }
            results.set(index, outcome)
        }
        return try results.sinks()
    }
}

extension ReportFormat {
    /// Roughly how long the format takes against the others at a ministry's size (report-bench,
    /// session 4: xlsx 5.0, oscal 1.9, csv 1.0, html 1.0, json 0.6, junit 0.5, md 0.5 CPU s): only
    /// the order in which formats start when rendered side by side, longest first, so the last to
    /// start is short and both cores stay busy nearly to the end.
    var relativeCost: Int {
        switch self {
        case .xlsx: 7
        case .oscal: 6
        case .csv: 5
        case .html: 4
        case .json: 3
        case .junit: 2
        case .md: 1
        }
    }
}

/// The outcome of each format rendered side by side, filled in from several threads.
private final class RenderResults: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Result<any ReportSink, any Error>?]

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: Result<any ReportSink, any Error>) {
        lock.lock()
        outcomes[index] = outcome
        lock.unlock()
    }

    func sinks() throws -> [any ReportSink] {
        lock.lock()
        defer { lock.unlock() }
        return try outcomes.map { try $0!.get() }
    }
}

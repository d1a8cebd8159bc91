public import Foundation

/// One file a renderer made: its name relative to the report folder (`report.html`,
/// `csv/findings.csv`, `units/vp.html`) and its bytes.
///
/// Renderers hand back files rather than writing them, so the core does no I/O and the caller
/// decides where they go (a folder, the service's HTTP response, a test's memory).
public struct ReportFile: Sendable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }

    public init(name: String, text: String) {
        self.init(name: name, data: Data(text.utf8))
    }
}

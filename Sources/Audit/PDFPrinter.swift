public import Foundation
public import InventoryModel

/// Prints the HTML report to PDF (A4, the page's own print styles) with headless Chromium.
///
/// Chromium is found on `PATH` (`chromium`, `chromium-browser`, `google-chrome`); without it the
/// PDF is skipped with a sentence that says how to get it, and every other report is still written.
public struct PDFPrinter: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public static let missing = LocalizedText(
        vi: "không tìm thấy Chromium để in PDF; cài gói chromium (apt-get install chromium) rồi chạy lại với --pdf.",
        en: "Chromium was not found to print the PDF; install it (apt-get install chromium) and run again with --pdf.")

    /// The browser to print with, or nil when none is installed.
    public func browser() -> String? {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Prints `html` to `pdf`; throws with Chromium's own words when it fails.
    public func print(html: String, to pdf: String, browser: String) throws {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf) else {
            throw PDFPrinterError(status: process.terminationStatus, output: String(decoding: said.suffix(2_000), as: UTF8.self))
        }
    }
}

public struct PDFPrinterError: WordedError, CustomStringConvertible, Sendable {
    public var status: Int32
    public var output: String
    public var description: String { text(.en) }

    /// Chromium's own output is kept as it printed it.
    public func text(_ language: Language) -> String {
        language == .vi
            ? "chromium không in được PDF (mã thoát \(status)): \(output)"
            : "chromium could not print the PDF (exit \(status)): \(output)"
    }
}

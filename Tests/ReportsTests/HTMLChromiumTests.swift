import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import Reports

/// The HTML report in a real browser: headless Chromium parses it, draws it to PNG and prints it
/// to PDF on A4.
struct HTMLChromiumTests {
    static var chromium: String? { Oracle.tool("chromium") ?? Oracle.tool("chromium-browser") }

    /// Chromium's flags for a root user in a container, with a throwaway profile.
    static func run(_ arguments: [String], profile: URL) async throws -> CommandRunner.Result {
        try await CommandRunnerShim.run(
            chromium!,
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments)
    }

    @Test(
        "Chromium renders the summary page: the parsed DOM has the summary, the charts and the tables; PNG and A4 PDF are drawn",
        .enabled(if: chromium != nil, "chromium is not installed"))
    func renderInChromium() async throws {
        let folder = try Oracle.scratch()
        try Oracle.write(try HTMLReport().files(for: ReportFixtures.hostileInput(.vi)), to: folder)
        let page = folder.appendingPathComponent("report.html")
        let profile = try Oracle.scratch()

        let dom = try await Self.run(["--dump-dom", page.absoluteString], profile: profile)
        #expect(dom.status == 0, "\(dom.standardError.suffix(500))")
        let text = dom.standardOutputText
        #expect(text.contains("<section id=\"summary\">"))
        #expect(text.contains("<svg class=\"chart\""))
        for id in ["chart-ranking", "chart-antivirus", "chart-age", "chart-bandwidth", "chart-severity"] {
            #expect(text.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(text.components(separatedBy: "<table").count > 8)
        #expect(!text.contains("<script"), "nothing hostile became an element")

        let png = folder.appendingPathComponent("report.png")
        let shot = try await Self.run(["--window-size=1280,1600", "--screenshot=\(png.path)", page.absoluteString], profile: profile)
        #expect(shot.status == 0, "\(shot.standardError.suffix(500))")
        let image = try Data(contentsOf: png)
        #expect(Array(image.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(image.count > 20_000, "a drawn page, not a blank one")

        let pdf = folder.appendingPathComponent("report.pdf")
        let printed = try await Self.run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString], profile: profile)
        #expect(printed.status == 0, "\(printed.standardError.suffix(500))")
        let document = try Data(contentsOf: pdf)
        #expect(document.starts(with: Data("%PDF-".utf8)))
        let pages = String(decoding: document, as: UTF8.self).components(separatedBy: "/Type /Page").count - 1
        #expect(pages >= 2, "the report spans A4 pages (\(pages))")
        if let keep = ProcessInfo.processInfo.environment["ICTAUDIT_KEEP_REPORT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: folder, to: URL(fileURLWithPath: keep))
        }
    }
}

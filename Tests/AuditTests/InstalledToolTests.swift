import Foundation
import ICTAuditTesting
import Testing

/// The built `ictaudit`, installed into a scratch prefix (`bin/ictaudit`, `share/ictaudit/policies`)
/// and run from a directory that is not a checkout, with no ICTAUDIT_* variables: it finds its
/// own data beside itself. Then the same binary with no data anywhere says where it looked.
@Suite(.enabled(if: BuiltTool.path != nil, "the ictaudit binary is not built beside the tests"))
struct InstalledToolTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A prefix with the binary and (optionally) the data, and an empty working directory beside it.
    struct Install {
        let root: URL
        var binary: String { root.appendingPathComponent("prefix/bin/ictaudit").path }
        var work: String { root.appendingPathComponent("work").path }
        var environment: [String: String] { ["PATH": "/usr/bin:/bin", "HOME": root.path] }

        init(withData: Bool) throws {
            let files = FileManager.default
            root = files.temporaryDirectory.appendingPathComponent("ictaudit-install-\(UUID().uuidString)")
            try files.createDirectory(at: root.appendingPathComponent("prefix/bin"), withIntermediateDirectories: true)
            try files.createDirectory(atPath: root.appendingPathComponent("work").path, withIntermediateDirectories: true)
            try files.copyItem(atPath: BuiltTool.path!, toPath: binary)
            if withData {
                let share = root.appendingPathComponent("prefix/share/ictaudit")
                try files.createDirectory(at: share, withIntermediateDirectories: true)
                try files.copyItem(
                    at: InstalledToolTests.checkout.appendingPathComponent("policies"),
                    to: share.appendingPathComponent("policies"))
            }
        }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: work).appendingPathComponent(name))
        }

        func run(_ arguments: String...) async throws -> CommandRunner.Result {
            try await CommandRunner.run(binary, arguments, timeout: .seconds(60), directory: work, environment: environment)
        }
    }

    @Test("audit, capture, rank and policy test find the installed data from an unrelated directory")
    func worksFromAnywhere() async throws {
        let install = try Install(withData: true)
        defer { try? FileManager.default.removeItem(at: install.root) }

        let tests = try await install.run("policy", "test", "--lang", "en")
        #expect(tests.status == 0, "\(tests.standardError)")
        #expect(tests.standardOutputText.contains(" 0 failures"))
        #expect(tests.standardOutputText.contains("share/ictaudit/policies/baseline-linux.tests.yaml: ok"))

        try install.write("figures.csv", "unit,name\nu1,A\nu2,B\n")
        let rank = try await install.run("rank", "--method", "ict-index", "--figures", "figures.csv", "--format", "json")
        #expect(rank.status == 0, "\(rank.standardError)")
        #expect(rank.standardOutputText.contains("\"id\" : \"ict-index\""))

        var writer = PcapFixtureWriter()
        writer.add(
            Frames.ethernet(
                type: 0x0800,
                Frames.ipv4(src: "10.1.0.5", dst: "10.1.0.1", proto: 17, Frames.udp(sport: 5353, dport: 5353, [1, 2, 3]))),
            seconds: 1_790_000_000)
        _ = try writer.write(to: install.work + "/lan.pcap")
        let capture = try await install.run("capture", "--file", "lan.pcap", "--format", "json")
        #expect(capture.status == 0, "\(capture.standardError)")
        #expect(capture.standardOutputText.contains("\"packets\" : 1"))

        // One host that refuses the connection: the audit still judges, ranks and writes reports.
        try install.write("known_hosts", "")
        try install.write(
            "inventory.yaml",
            """
            inventory: { name: "từ xa", known_hosts: known_hosts }
            units: [{ id: u, name: { vi: "Đơn vị", en: "Unit" }, staff: 1 }]
            targets: [{ name: gone, address: 127.0.0.1, port: \(try TCPTestListener.closedPort()), unit: u, user: x, credential: { key: k } }]
            """)
        let audit = try await install.run("audit", "inventory.yaml", "--out", "out", "--store", "s.sqlite", "--lang", "en")
        #expect(audit.status == 0, "\(audit.standardError)")
        // Every shipped policy was found beside the binary and judged.
        let shipped = try FileManager.default.contentsOfDirectory(
            atPath: InstalledToolTests.checkout.appendingPathComponent("policies").path
        ).filter { $0.hasSuffix(".yaml") && !$0.hasSuffix(".tests.yaml") }
        #expect(audit.standardError.contains("results against \(shipped.count) policies"), "\(audit.standardError)")
        #expect(FileManager.default.fileExists(atPath: install.work + "/out/report.html"))
    }

    @Test("With no data anywhere, the error and --help say where the tool looked")
    func saysWhereItLooked() async throws {
        let install = try Install(withData: false)
        defer { try? FileManager.default.removeItem(at: install.root) }
        let tests = try await install.run("policy", "test", "--lang", "en")
        #expect(tests.status == 2)
        #expect(tests.standardError.contains("no ictaudit data (a policies/ folder) found; looked in, in this order:"))
        #expect(tests.standardError.contains("install prefix: \(install.root.path)/prefix/share/ictaudit/policies"))
        #expect(!tests.standardError.contains(":1:1"))
        let help = try await install.run("audit", "--help")
        #expect(help.standardOutputText.contains("$ICTAUDIT_DATA"))
        #expect(help.standardOutputText.contains("/etc/ictaudit"))
    }
}

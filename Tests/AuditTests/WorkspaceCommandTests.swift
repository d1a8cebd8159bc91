import Audit
import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Logging
import PacketScan
import PolicyEngine
import SSHScan
import Testing

/// What `ictaudit scans`, `prune`, `rank`, `capture`, `policy lint` and `policy test` print is
/// decided in `Audit` and written to a `CommandOutput`; these tests collect it from real stores,
/// files and policies, with no process in between.
struct WorkspaceCommandTests {
    /// Standard output and standard error of one command, as they were written.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()
        private var warnings: [String] = []
        var output: CommandOutput {
            CommandOutput(
                write: { data in self.lock.withLock { self.bytes.append(data) } },
                warn: { line in self.lock.withLock { self.warnings.append(line) } })
        }
        var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
        var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        var errors: [String] { lock.withLock { warnings } }
    }

    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-commands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private func workspace(_ options: AuditWorkspace.Options = .init()) -> AuditWorkspace {
        AuditWorkspace(
            options: options,
            search: DataSearch(
                explicit: Self.checkout, environment: [:], configurationDirectory: "/nonexistent", executablePath: nil,
                currentDirectory: "/"))
    }

    @Test("a store with no scan, and a scan id it lacks, are errors worded in Vietnamese and English")
    func storedScanErrors() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.sqlite").path
        let workspace = workspace(.init(store: path))
        let store = try workspace.openStore()
        let none = try #require(throws: WorkspaceError.self) { try workspace.storedSnapshot(store, id: nil) }
        #expect(none.text(.en) == "the store \(store.path) holds no scan yet; run `ictaudit scan` first")
        #expect(
            none.text(.vi).precomposedStringWithCanonicalMapping
                == "kho \(store.path) chưa có lần quét nào; hãy chạy `ictaudit scan` trước".precomposedStringWithCanonicalMapping)
        #expect(none.description == none.text(.en), "logs and the service keep the English text")
        let missing = try #require(throws: WorkspaceError.self) { try workspace.storedSnapshot(store, id: 7) }
        #expect(missing.text(.en) == "there is no scan 7 in \(store.path)")
        #expect(
            missing.text(.vi).precomposedStringWithCanonicalMapping
                == "không có lần quét 7 trong \(store.path)".precomposedStringWithCanonicalMapping)
        // An error worded once reads the same in both languages; where the data was looked for is introduced in each.
        let looked = WorkspaceError("no ictaudit data (a policies/ folder) found", looked: DataSearch(
            explicit: nil, environment: [:], configurationDirectory: "/nonexistent", executablePath: nil, currentDirectory: "/").places())
        #expect(looked.text(.en).contains("found; looked in, in this order:\n  "))
        #expect(looked.text(.vi).precomposedStringWithCanonicalMapping.contains("found; đã tìm, theo thứ tự:\n  ".precomposedStringWithCanonicalMapping))
        // A file the user named that is not there, and a ranking method name one letter off.
        let noFile = try #require(throws: WorkspaceError.self) {
            try self.workspace(.init(policyPaths: ["/nonexistent/p.yaml"])).policies()
        }
        #expect(noFile.text(.en) == "no such file or folder: /nonexistent/p.yaml")
        #expect(
            noFile.text(.vi).precomposedStringWithCanonicalMapping
                == "không có tệp hay thư mục: /nonexistent/p.yaml".precomposedStringWithCanonicalMapping)
        let noMethod = try #require(throws: WorkspaceError.self) { try self.workspace(.init(rankingMethod: "ict-indx")).rankingMethod() }
        #expect(noMethod.text(.en).hasSuffix("; did you mean 'ict-index'?"), "\(noMethod.text(.en))")
        #expect(
            noMethod.text(.vi).precomposedStringWithCanonicalMapping.hasPrefix(
                "không có tệp phương pháp xếp hạng 'ict-indx'".precomposedStringWithCanonicalMapping))
        #expect(noMethod.text(.vi).hasSuffix("; có phải 'ict-index'?".precomposedStringWithCanonicalMapping), "\(noMethod.text(.vi))")
    }

    @Test("scans lists the newest first and tells how to resume an incomplete one; prune keeps the newest complete scan")
    func scansAndPrune() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inventory = folder.appendingPathComponent("inventory.yaml").path
        try """
        inventory: { name: "từ xa", known_hosts: known_hosts }
        units: [{ id: u, name: { vi: "Đơn vị", en: "Unit" }, staff: 1 }]
        targets: [{ name: gone, address: 127.0.0.1, port: \(try TCPTestListener.closedPort()), unit: u, user: x, credential: { key: k } }]
        """.write(toFile: inventory, atomically: true, encoding: .utf8)
        try "".write(to: folder.appendingPathComponent("known_hosts"), atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store.sqlite").path
        let workspace = workspace(.init(store: store))
        for _ in 0..<2 {
            _ = try await workspace.audit(
                inventory: inventory, scan: ScanOptions(), outputDirectory: folder.appendingPathComponent("out").path,
                language: .en, logger: Logger(label: "test"))
        }
        // A third scan begun and never finished, as a killed process leaves it.
        let pending = try AuditStore(path: store).beginScan(try InventoryFile.load(path: inventory), at: Date())

        let listed = Collected()
        try workspace.listScans(language: .en, output: listed.output)
        let rows = listed.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[0] } == ["\(pending)", "2", "1"])
        #expect(rows.allSatisfy { ISO8601DateFormatter().date(from: $0[1]) != nil && $0[3] == "từ xa" })
        #expect(rows[1][2] == "0/1", "no host answered: 0 scanned of 1 recorded")
        #expect(rows[0].last == "incomplete 0/1: ictaudit scan --resume \(pending)")
        #expect(rows[1].count == 4)
        let vietnamese = Collected()
        try workspace.listScans(language: .vi, output: vietnamese.output)
        #expect(vietnamese.lines.first?.hasSuffix("\tchưa xong 0/1: ictaudit scan --resume \(pending)") == true)

        let pruned = try workspace.prune(keeping: 1, inventory: nil, vacuum: true)
        #expect(pruned.removed == [1])
        #expect(try AuditStore(path: store).scans().map(\.id) == [pending, 2])
        #expect(pruned.size.freeBytes == 0, "vacuum gave the freed pages back")
        #expect(pruned.lines(.en) == ["Removed 1 scans (1); store \(pruned.size.fileBytes) bytes, 0 free"])
        #expect(pruned.lines(.vi) == ["Đã xoá 1 lần quét (1); kho \(pruned.size.fileBytes) byte, 0 byte trống"])
    }

    @Test("rank prints the table with control characters made visible, the JSON document, and explains one unit")
    func rank() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = folder.appendingPathComponent("figures.csv").path
        try "unit,name\nu1,A\u{1B}[31mred\nu2,B\n".write(toFile: figures, atomically: true, encoding: .utf8)
        let workspace = workspace(.init(rankingMethod: "ict-index"))
        func run(_ format: RankRequest.Format, explain: String? = nil, _ language: Language = .en) throws -> Collected {
            let collected = Collected()
            try workspace.rank(
                RankRequest(figures: figures, scan: nil, format: format, explain: explain, language: language),
                output: collected.output)
            return collected
        }
        let table = try run(.table).text
        #expect(table.contains("A\u{FFFD}[31mred") && !table.contains("\u{1B}"))

        let json = try JSONSerialization.jsonObject(with: Data(try run(.json).text.utf8)) as? [String: Any]
        let units = try #require(json?["units"] as? [[String: Any]])
        #expect(Set(units.compactMap { $0["id"] as? String }) == ["u1", "u2"])
        #expect((json?["method"] as? [String: Any])?["id"] as? String == "ict-index")

        let explained = try run(.table, explain: "u2").lines
        #expect(!explained.isEmpty && explained.joined().contains("B"))
        let unknown = try #require(throws: WorkspaceError.self) { try run(.table, explain: "nope", .vi) }
        #expect(unknown.description == "không có đơn vị 'nope' để giải thích")
        let nothing = try #require(throws: WorkspaceError.self) {
            try workspace.rank(RankRequest(figures: nil, scan: nil, format: .table, explain: nil, language: .en), output: Collected().output)
        }
        #expect(nothing.description == "give --figures, --store or --scan: there is nothing to rank")
    }

    @Test("a truncated capture writes what it read, says where it stopped, and ends with status 3")
    func truncatedCapture() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        var writer = PcapFixtureWriter()
        let frame = Frames.ethernet(
            type: 0x0800, Frames.ipv4(src: "10.1.0.5", dst: "10.1.0.1", proto: 17, Frames.udp(sport: 5353, dport: 5353, [1, 2, 3])))
        writer.add(frame, seconds: 1_790_000_000)
        writer.add(frame, seconds: 1_790_000_001)
        let file = folder.appendingPathComponent("cut.pcap").path
        try writer.data.prefix(writer.recordEnds[0] + 20).write(to: URL(fileURLWithPath: file))

        // What the command line cannot ask for is refused before any packet is read.
        let neither = CaptureRequest(file: nil, interface: nil, inventory: nil, options: CaptureOptions(), format: .json)
        #expect(neither.problem?.text(.en) == "give exactly one of --file and --interface")
        #expect(neither.problem?.text(.vi) == "hãy cho đúng một trong --file và --interface")
        #expect(throws: WorkspaceError.self) { try workspace().capture(neither, language: .en, output: Collected().output) }
        let still = CaptureRequest(file: file, interface: nil, inventory: nil, options: CaptureOptions(intervalSeconds: 0), format: .json)
        #expect(still.problem?.text(.en) == "--interval must be positive")

        let request = CaptureRequest(file: file, interface: nil, inventory: nil, options: CaptureOptions(), format: .json)
        // The warning in each language, how far it got included: the second record's 16-byte header is
        // whole, then 4 of its captured bytes (the file was cut 20 bytes into it) out of the frame's length.
        let cut = "\(frame.count)"
        for (language, prefix, suffix) in [
            (
                Language.en, "warning: stopped at packet 1, byte \(writer.recordEnds[0]): ",
                "the file is cut short: the packet needs \(cut) bytes, only 4 were there; results cover what was read"
            ),
            (.vi, "cảnh báo: dừng ở gói tin 1, byte \(writer.recordEnds[0]): ", "tệp bị cắt cụt: gói tin cần \(cut) byte, chỉ đọc được 4; kết quả chỉ gồm phần đã đọc"),
        ] {
            let collected = Collected()
            let status = try #require(throws: CommandStatus.self) {
                try workspace().capture(request, language: language, output: collected.output)
            }
            #expect(status == CommandStatus(3))
            let json = try JSONSerialization.jsonObject(with: Data(collected.text.utf8)) as? [String: Any]
            #expect(json?["packets"] as? Int == 1, "the one whole record is kept")
            #expect(collected.errors.count == 1)
            let warning = try #require(collected.errors.first).precomposedStringWithCanonicalMapping
            #expect(warning.hasPrefix(prefix.precomposedStringWithCanonicalMapping), "\(language): \(warning)")
            #expect(warning == (prefix + suffix).precomposedStringWithCanonicalMapping, "\(language): \(warning)")
            if language == .vi { #expect(englishWords(in: warning).isEmpty, "\(englishWords(in: warning))") }
            // The JSON keeps libpcap's own words: data for scripts, not a label.
            let stopped = json?["stoppedAt"] as? [String: Any]
            #expect((stopped?["reason"] as? String)?.hasPrefix("truncated dump file; tried to read \(cut) captured bytes, only got 4") == true)
        }
    }

    @Test("policy lint says ok per good file and names file:line:column of a bad one; policy test counts the shipped suites")
    func policyAuthors() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.yaml").path
        try "policy: { id: x }\nrulez: []\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let good = Self.checkout + "/policies/baseline-linux.yaml"
        // The counts come from loading the policy here, not from the linter.
        let policy = try Policy.load(contentsOf: URL(fileURLWithPath: good))
        let expected: [Language: String] = [
            .en: "\(good): ok — policy \(policy.id) \(policy.version): \(policy.rules.count) rules, \(policy.probes.count) probes",
            .vi: "\(good): ổn — chính sách \(policy.id) \(policy.version): \(policy.rules.count) quy tắc, \(policy.probes.count) lệnh thăm dò",
        ]
        for language in [Language.en, .vi] {
            let linted = Collected()
            let status = try #require(throws: CommandStatus.self) {
                try PolicyLinter.lint(files: [good, bad], language: language, output: linted.output)
            }
            #expect(status.code == 1)
            #expect(linted.lines.map(\.precomposedStringWithCanonicalMapping) == [expected[language]!.precomposedStringWithCanonicalMapping])
            #expect(linted.errors.count == 1 && linted.errors[0].hasPrefix("\(bad):2:1: "))
        }

        let suites = try workspace().policyTestSuites([])
        let shipped = PolicyTestRun(suites)
        #expect(suites.count > 0 && shipped.failures == 0 && shipped.expectations > 0)
        for (language, ok, totals) in [
            (Language.en, "ok", "\(suites.count) suites, \(shipped.expectations) expectations, 0 failures"),
            (.vi, "ổn", "\(suites.count) bộ kiểm thử, \(shipped.expectations) kỳ vọng, 0 sai"),
        ] {
            let tested = Collected()
            try workspace().testPolicies([], language: language, output: tested.output)
            #expect(tested.errors.isEmpty)
            let lines = tested.lines.map(\.precomposedStringWithCanonicalMapping)
            #expect(lines.last == totals.precomposedStringWithCanonicalMapping)
            #expect(lines.count == suites.count + 1)
            #expect(lines.dropLast().allSatisfy { $0.contains(": \(ok.precomposedStringWithCanonicalMapping) — ") }, "\(lines)")
        }
        // A suite with a wrong expectation: its line says how many failed, in each language.
        let wrong = folder.appendingPathComponent("baseline-linux.tests.yaml")
        let shippedSuite = try #require(suites.first { $0.lastPathComponent == "baseline-linux.tests.yaml" })
        try FileManager.default.copyItem(atPath: good, toPath: folder.appendingPathComponent("baseline-linux.yaml").path)
        try String(contentsOf: shippedSuite, encoding: .utf8)
            .replacingOccurrences(of: "ssh-no-root-login: pass", with: "ssh-no-root-login: fail")
            .write(to: wrong, atomically: true, encoding: .utf8)
        let failing = PolicyTestRun([wrong])
        let result = try #require(failing.suites.first)
        #expect(result.loaded && result.problems.count > 0, "\(result.problems)")
        #expect(result.line(.en) == "\(wrong.relativePath): \(result.problems.count) failed — \(result.cases) cases")
        #expect(
            result.line(.vi)?.precomposedStringWithCanonicalMapping
                == "\(wrong.relativePath): \(result.problems.count) sai — \(result.cases) ca kiểm thử".precomposedStringWithCanonicalMapping)
        // Each failure at the flipped expectation's key, found by reading the suite back, worded in each language.
        let flipped = try String(contentsOf: shippedSuite, encoding: .utf8).components(separatedBy: "\n").enumerated()
            .compactMap { index, line in
                line.range(of: "ssh-no-root-login: pass").map { (index + 1, line.unicodeScalars[..<$0.lowerBound].count + 1) }
            }
        #expect(result.problems.count == flipped.count)
        for (problem, (line, column)) in zip(result.problems, flipped) {
            #expect(problem.en.contains(":\(line):\(column): case '"), "\(problem.en)")
            #expect(problem.en.contains(": rule 'ssh-no-root-login' expected fail, got pass"), "\(problem.en)")
            let vi = problem.vi.precomposedStringWithCanonicalMapping
            #expect(vi.contains(":\(line):\(column): ca '"), "\(vi)")
            #expect(vi.contains(": quy tắc 'ssh-no-root-login' cần kết luận fail, nhận được pass".precomposedStringWithCanonicalMapping), "\(vi)")
        }
    }
}

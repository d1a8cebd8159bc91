import Foundation
import ICTAuditTesting
import Testing

/// Errors that are not about a file's line: a store that cannot be used and a command line
/// ArgumentParser refuses, read through the built `ictaudit` in Vietnamese (the default) and English.
@Suite(.enabled(if: BuiltTool.path != nil, "the ictaudit binary is not built beside the tests"))
struct CommandLineLanguageTests {
    @Test("a store that is not SQLite, one a newer ictaudit migrated, and one another process holds locked: lỗi:/error: with the path, nothing opened")
    func storeErrors() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }

        let garbage = folder.appendingPathComponent("garbage.sqlite").path
        try Data("these are not the bytes of an SQLite database\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let vi = try await run(["scans", "--store", garbage])
        #expect(vi.status == 2)
        #expect(vi.standardError.nfc == "lỗi: \(garbage): không mở được kho: tệp không phải là cơ sở dữ liệu SQLite\n".nfc, "\(vi.standardError)")
        #expect(englishWords(in: vi.standardError).isEmpty, "\(englishWords(in: vi.standardError))")
        let en = try await run(["scans", "--lang", "en", "--store", garbage])
        #expect(en.standardError.hasPrefix("error: \(garbage): cannot open the store: SQLite error 26: file is not a database"), "\(en.standardError)")

        // A store this ictaudit made, then marked by SQLite itself (python3's sqlite3) with a migration it does not know.
        let newer = folder.appendingPathComponent("newer.sqlite").path
        #expect(try await run(["scans", "--store", newer]).status == 0)
        let future = "v99: from a newer ictaudit"
        let marked = try await CommandRunner.run(
            "/usr/bin/env",
            ["python3", "-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1]); c.execute('INSERT INTO grdb_migrations VALUES (?)', (sys.argv[2],)); c.commit()", newer, future],
            timeout: .seconds(30))
        try #require(marked.status == 0, "\(marked.standardError)")
        let viNewer = try await run(["scans", "--store", newer])
        #expect(viNewer.status == 2, "a store from a newer version is refused, not misread")
        #expect(
            viNewer.standardError.nfc
                == ("lỗi: \(newer): kho do một phiên bản ictaudit mới hơn ghi (bước nâng cấp '\(future)' không có trong phiên bản này); "
                    + "hãy dùng phiên bản đó, phiên bản này không mở để tránh đọc sai\n").nfc, "\(viNewer.standardError)")
        let enNewer = try await run(["scans", "--lang", "en", "--store", newer])
        #expect(
            enNewer.standardError
                == "error: \(newer): the store was written by a newer ictaudit (migration '\(future)' is unknown to this one); use that version: this one does not open it, to avoid misreading it\n")

        // Another process (python3's sqlite3) holds an exclusive lock for longer than the store waits (10 s).
        let locked = folder.appendingPathComponent("locked.sqlite").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('CREATE TABLE t (x)')\nc.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(30)",
            locked,
        ]
        let ready = Pipe()
        holder.standardOutput = ready
        try holder.run()
        defer { holder.terminate() }
        _ = ready.fileHandleForReading.readData(ofLength: 7)
        let viLocked = try await run(["scans", "--store", locked])
        #expect(viLocked.status == 2)
        #expect(
            viLocked.standardError.nfc
                == "lỗi: \(locked): không mở được kho: kho đang bị một tiến trình khác khoá (đã chờ 10 giây); hãy thử lại khi nó xong\n".nfc,
            "\(viLocked.standardError)")
        #expect(englishWords(in: viLocked.standardError).isEmpty, "\(englishWords(in: viLocked.standardError))")
    }

    @Test("ArgumentParser's refusals: lỗi:, the Vietnamese sentence, the usage line, exit 64; English exactly as ArgumentParser prints it")
    func refusedCommandLines() async throws {
        let usage = "ictaudit scans [--store <path>] [--lang <lang>]"
        let unknown = try await run(["scans", "--stor", "x.sqlite"])
        #expect(unknown.status == 64)
        #expect(
            unknown.standardError.nfc
                == "lỗi: tuỳ chọn lạ '--stor'; có phải '--store'?\nCách dùng: \(usage)\n  Xem 'ictaudit scans --help' để biết thêm.\n".nfc,
            "\(unknown.standardError)")
        let unknownEn = try await run(["scans", "--lang", "en", "--stor", "x.sqlite"])
        #expect(unknownEn.status == 64)
        #expect(
            unknownEn.standardError
                == "Error: Unknown option '--stor'. Did you mean '--store'?\nUsage: \(usage)\n  See 'ictaudit scans --help' for more information.\n")

        let badLanguage = try await run(["scans", "--lang", "fr"])
        #expect(badLanguage.status == 64)
        #expect(badLanguage.standardError.nfc.hasPrefix("lỗi: giá trị 'fr' không hợp lệ cho '--lang <lang>'; hãy dùng một trong 'vi' và 'en'\n".nfc))

        let missing = try await run(["policy", "lint"])
        #expect(missing.status == 64)
        #expect(missing.standardError.nfc.hasPrefix("lỗi: thiếu đối số bắt buộc '<file> ...'\nCách dùng: ictaudit policy lint".nfc))

        // A rule of our own (validate()): worded by Audit's UsageProblem in the line's language.
        let keep = try await run(["prune", "--keep", "0"])
        #expect(keep.status == 64)
        #expect(keep.standardError.nfc.hasPrefix("lỗi: --keep phải ít nhất là 1\nCách dùng: ictaudit prune".nfc), "\(keep.standardError)")
        let keepEn = try await run(["prune", "--keep", "0", "--lang", "en"])
        #expect(keepEn.standardError.hasPrefix("Error: --keep must be at least 1\nUsage: ictaudit prune"))
        let concurrency = try await run(["scan", "inventory.yaml", "--concurrency", "0"])
        #expect(concurrency.standardError.nfc.hasPrefix("lỗi: --concurrency phải ít nhất là 1\n".nfc), "\(concurrency.standardError)")

        // The usage line is syntax (option names, value names), the same in both languages.
        for result in [unknown, badLanguage, missing, keep, concurrency] {
            let sentences = result.standardError.split(separator: "\n").filter { !$0.hasPrefix("Cách dùng: ") }.joined(separator: "\n")
            #expect(englishWords(in: sentences).isEmpty, "\(englishWords(in: sentences))")
        }
        // Help and version are still ArgumentParser's, on standard output, exit 0.
        let help = try await run(["scans", "--help"])
        #expect(help.status == 0 && help.standardOutputText.contains("USAGE: \(usage)"))
    }

    @Test("a capture file that is not there: lỗi: with the path, libpcap's own reason kept after 'libpcap:'")
    func captureFileMissing() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).pcap").path
        let vi = try await run(["capture", "--file", missing])
        #expect(vi.status == 2)
        #expect(
            vi.standardError.nfc
                == "lỗi: không mở được tệp bản ghi lưu lượng \(missing) (libpcap: \(missing): No such file or directory)\n".nfc,
            "\(vi.standardError)")
        let en = try await run(["capture", "--lang", "en", "--file", missing])
        #expect(en.standardError == "error: cannot open capture file \(missing): \(missing): No such file or directory\n")
    }

    @Test("a report folder that cannot be made (a file stands in its path): lỗi: with the folder and the system's reason in each language")
    func reportFolderUnwritable() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A stored scan to report: one target on a loopback port nothing listens on (recorded unreachable).
        let inventory = """
            units:
              - { id: a, name: { vi: "A", en: "A" }, staff: 3 }
            targets:
              - { address: 127.0.0.1, port: 1, unit: a, user: x, credential: { agent: true } }
            """
        let inventoryFile = folder.appendingPathComponent("inventory.yaml")
        try inventory.write(to: inventoryFile, atomically: true, encoding: .utf8)
        let store = folder.appendingPathComponent("store.sqlite").path
        let scan = try await run(["scan", inventoryFile.path, "--store", store, "--connect-timeout", "1", "--timeout", "2"])
        try #require(scan.status == 0, "\(scan.standardError)")
        let blocker = folder.appendingPathComponent("a-file")
        try Data().write(to: blocker)
        let out = blocker.appendingPathComponent("reports").path
        let vi = try await run(["report", "--store", store, "--out", out, "--format", "csv"])
        #expect(vi.status == 2)
        let viError = try #require(vi.standardError.split(separator: "\n").last.map(String.init))
        #expect(viError.nfc == "lỗi: không ghi được \(out): một phần của đường dẫn không phải là thư mục".nfc, "\(vi.standardError)")
        let en = try await run(["report", "--lang", "en", "--store", store, "--out", out, "--format", "csv"])
        #expect(en.standardError.split(separator: "\n").last == "error: cannot write \(out): Not a directory", "\(en.standardError)")
    }

    private func run(_ arguments: [String]) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            BuiltTool.path!, arguments, timeout: .seconds(120),
            environment: ProcessInfo.processInfo.environment.filter { $0.key != "ICTAUDIT_LOG" })
    }

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("command-language-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

import Foundation
import ICTAuditTesting
import Testing

/// The messages loaders write about a file a person wrote, read through the built `ictaudit` as a
/// user meets them: `file:line:column:` where the test put the mistake, the sentence in the
/// command's language (Vietnamese by default), English with `--lang en`.
@Suite(.enabled(if: BuiltTool.path != nil, "the ictaudit binary is not built beside the tests"))
struct LoaderMessageTests {
    @Test("a misspelt key and a misspelt severity in a policy: position of the word, both languages, the suggestion in each")
    func policyFile() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = PolicyText.oneRule(tail: "    check: 'true'")
        let keyTypo = try write(good.replacingOccurrences(of: "severity:", with: "severty:"), "key.yaml", in: folder)
        let (keyLine, keyColumn) = try position(of: "severty", in: keyTypo)
        let vi = try await lint(keyTypo, "vi")
        #expect(
            vi.nfc == "\(keyTypo):\(keyLine):\(keyColumn): khoá lạ 'severty' trong quy tắc 'r1'; có phải 'severity'?".nfc, "\(vi)")
        #expect(
            try await lint(keyTypo, "en") == "\(keyTypo):\(keyLine):\(keyColumn): unknown key 'severty' in rule 'r1'; did you mean 'severity'?")
        #expect(englishWords(in: vi).isEmpty, "\(englishWords(in: vi))")

        let valueTypo = try write(good.replacingOccurrences(of: "severity: high", with: "severity: hihg"), "value.yaml", in: folder)
        let (line, column) = try position(of: "hihg", in: valueTypo)
        let viValue = try await lint(valueTypo, "vi")
        #expect(
            viValue.nfc
                == "\(valueTypo):\(line):\(column): mức nghiêm trọng lạ 'hihg'; dùng một trong 'info', 'low', 'medium', 'high', 'critical'; có phải 'high'?"
                .nfc, "\(viValue)")
        #expect(
            try await lint(valueTypo, "en")
                == "\(valueTypo):\(line):\(column): unknown severity 'hihg'; use one of info, low, medium, high, critical. Did you mean 'high'?")
        #expect(englishWords(in: viValue).isEmpty, "\(englishWords(in: viValue))")
    }

    @Test("conditions with a misspelt field, an ordering of int and string, a non-bool body: the column of the piece, both languages")
    func conditionErrors() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // (the check, the piece the error points at — a field access points at its field name —, Vietnamese, English)
        let cases: [(String, String, String, String)] = [
            (
                #"host.os.famly == "debian""#, "famly",
                "trường lạ 'famly' của OperatingSystem; có phải 'family'?",
                "unknown field 'famly' on OperatingSystem; did you mean 'family'?"
            ),
            (
                #"host.packages.size() > "1""#, ">",
                "'>' cần hai số, chuỗi, ngày, khoảng thời gian hoặc phiên bản, nhưng ở đây là kiểu int và kiểu string",
                "'>' needs two numbers, strings, dates, durations or versions, but found int and string"
            ),
            (
                "host.packages.exists(p, p.name)", "name)",
                "điều kiện của exists phải là một điều kiện kiểu bool, nhưng 'p.name' là giá trị kiểu string",
                "the condition of exists must be a bool condition, but p.name is a string"
            ),
        ]
        for (index, (check, piece, vi, en)) in cases.enumerated() {
            let file = try write(PolicyText.oneRule(tail: "    check: '\(check)'"), "condition\(index).yaml", in: folder)
            let (line, column) = try position(of: piece, in: file)
            let viLine = try await lint(file, "vi")
            #expect(viLine.nfc == "\(file):\(line):\(column): \(vi)".nfc, "\(viLine)")
            #expect(try await lint(file, "en") == "\(file):\(line):\(column): \(en)")
            #expect(englishWords(in: viLine).isEmpty, "\(englishWords(in: viLine))")
        }
    }

    @Test("a waiver without host or unit and a policy test with an unknown verdict: policy lint at the place, both languages")
    func waiverAndTestFiles() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let waivers = try write(
            """
            waivers:
              - rule: baseline-linux/ssh-no-root-login
                justification: "Máy chủ dựng tạm"
                approver: "Trưởng phòng"
                expires: 2026-12-31
            """, "waivers.yaml", in: folder)
        // The error points at the waiver itself: the first key after its '- '.
        let (waiverLine, waiverColumn) = try position(of: "rule: baseline", in: waivers)
        let vi = try await lint(waivers, "vi")
        #expect(
            vi.nfc == "\(waivers):\(waiverLine):\(waiverColumn): miễn trừ cần 'host' hoặc 'unit': hãy nói nó miễn cho những máy nào".nfc,
            "\(vi)")
        #expect(
            try await lint(waivers, "en")
                == "\(waivers):\(waiverLine):\(waiverColumn): a waiver needs 'host' or 'unit': say which machines it excuses")
        #expect(englishWords(in: vi).isEmpty, "\(englishWords(in: vi))")

        let suite = try write(
            """
            cases:
              - name: root login off
                host: { address: 10.0.0.1 }
                expect:
                  ssh-no-root-login: pas
            """, "baseline-linux.tests.yaml", in: folder)
        let (line, column) = try position(of: "pas\n", in: suite)
        let viSuite = try await lint(suite, "vi")
        #expect(
            viSuite.nfc
                == "\(suite):\(line):\(column): kết luận lạ 'pas'; dùng một trong 'pass', 'fail', 'error', 'not_applicable', 'waived'; có phải 'pass'?".nfc,
            "\(viSuite)")
        #expect(
            try await lint(suite, "en")
                == "\(suite):\(line):\(column): unknown verdict 'pas'; use one of pass, fail, error, not_applicable, waived; did you mean 'pass'?")
        #expect(englishWords(in: viSuite).isEmpty, "\(englishWords(in: viSuite))")
    }

    @Test("a YAML syntax error lands where PyYAML puts it; libyaml's phrases are worded in Vietnamese")
    func syntaxError() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try write("policy:\n  id: [a\n", "broken.yaml", in: folder)
        // The independent oracle: PyYAML (a separate YAML implementation) reports where it fails.
        let oracle = try await CommandRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sys, yaml\ntry: yaml.safe_load(open(sys.argv[1]))\nexcept yaml.YAMLError as e: print(e.problem_mark.line + 1, e.problem_mark.column + 1)",
                file,
            ], timeout: .seconds(30))
        let mark = oracle.standardOutputText.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(mark.count == 2, "PyYAML (python3-yaml) must report a position: \(oracle.standardError)")
        let vi = try await lint(file, "vi")
        #expect(
            vi.nfc
                == "\(file):\(mark[0]):\(mark[1]): YAML không hợp lệ: không thấy dấu ',' hoặc ']' cần có (khi đọc một danh sách trong ngoặc vuông bắt đầu ở dòng 2)"
                .nfc, "\(vi)")
        #expect(
            try await lint(file, "en")
                == "\(file):\(mark[0]):\(mark[1]): invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 2)")
        #expect(englishWords(in: vi).isEmpty, "\(englishWords(in: vi))")
    }

    @Test("a Wazuh SCA rule of an unknown type: the column of the rule's letter, both languages")
    func scaRule() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            policy:
              id: sca_test
              name: SCA test
            checks:
              - id: 1
                title: passwd exists
                condition: all
                rules:
                  - 'x:/etc/passwd'
            """
        let file = try write(text, "sca.yaml", in: folder)
        let (line, column) = try position(of: "x:/etc", in: file)
        let vi = try await lint(file, "vi")
        // The rule's text starts after its quote: the column points at the letter itself.
        #expect(vi.nfc == "\(file):\(line):\(column): loại quy tắc lạ 'x:'; dùng f:, d:, p:, c: hoặc r:".nfc, "\(vi)")
        #expect(try await lint(file, "en") == "\(file):\(line):\(column): unknown rule type 'x:'; use f:, d:, p:, c: or r:")
        #expect(englishWords(in: vi).isEmpty, "\(englishWords(in: vi))")
    }

    @Test("an inventory naming an undefined unit: scan stops with lỗi:/error:, the position of the value, the nearest unit")
    func inventoryFile() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            units:
              - id: so-tttt
                name: { vi: "Sở Thông tin", en: "Information Department" }
                staff: 30
            targets:
              - address: 192.0.2.10
                unit: so-ttt
                user: audit
                credential: { agent: true }
            """
        let file = try write(text, "inventory.yaml", in: folder)
        let (line, column) = try position(of: "so-ttt\n", in: file)
        let store = folder.appendingPathComponent("store.sqlite").path
        let vi = try await run(["scan", file, "--store", store])
        #expect(vi.status == 2)
        #expect(
            vi.standardError.nfc
                == "lỗi: \(file):\(line):\(column): đơn vị 'so-ttt' không có trong 'units'; có phải 'so-tttt'?\n".nfc, "\(vi.standardError)")
        let en = try await run(["scan", "--lang", "en", file, "--store", store])
        #expect(en.standardError == "error: \(file):\(line):\(column): unit 'so-ttt' is not defined in 'units'; did you mean 'so-tttt'?\n")
        #expect(englishWords(in: vi.standardError).isEmpty, "\(englishWords(in: vi.standardError))")
        // No host was contacted and nothing was stored for a plan that does not load.
        #expect(vi.standardOutput.isEmpty)

        // A value of the wrong kind: the reader's own sentence, with the inventory's phrase for what it read.
        let port = try write(
            text.replacingOccurrences(of: "unit: so-ttt", with: "unit: so-tttt").replacingOccurrences(of: "user: audit", with: "user: audit\n    port: 70000"),
            "port.yaml", in: folder)
        let (portLine, portColumn) = try position(of: "70000", in: port)
        let viPort = try await run(["scan", port, "--store", store])
        #expect(viPort.standardError.nfc == "lỗi: \(port):\(portLine):\(portColumn): cổng phải là số nguyên từ 1 đến 65535\n".nfc)
        let enPort = try await run(["scan", "--lang", "en", port, "--store", store])
        #expect(enPort.standardError == "error: \(port):\(portLine):\(portColumn): the port must be a whole number from 1 to 65535\n")
    }

    @Test("a schedules file with a misspelt cron day and service.yaml with a bad listen address: the column of the word, both languages")
    func scheduleAndServiceFiles() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schedules = try write(
            """
            schedules:
              - name: nightly
                cron: "0 2 * * mun"
                inventory: inventory.yaml
                output: reports
            """, "schedules.yaml", in: folder)
        let (line, column) = try position(of: "mun", in: schedules)
        let vi = try await run(["schedule", "list", schedules])
        #expect(vi.status == 2)
        let expectedVi =
            "lỗi: \(schedules):\(line):\(column): cron '0 2 * * mun': 'mun' không phải là thứ trong tuần "
            + "(0-7 hoặc fri, mon, sat, sun, thu, tue, wed); có phải 'mon'?\n"
        #expect(vi.standardError.nfc == expectedVi.nfc, "\(vi.standardError)")
        let en = try await run(["schedule", "list", "--lang", "en", schedules])
        #expect(
            en.standardError
                == "error: \(schedules):\(line):\(column): cron '0 2 * * mun': 'mun' is not a day of week (0-7 or fri, mon, sat, sun, thu, tue, wed); did you mean 'mon'?\n")
        #expect(englishWords(in: vi.standardError).isEmpty, "\(englishWords(in: vi.standardError))")

        let configuration = try write("store: audit.sqlite\nlisten: localhost\n", "service.yaml", in: folder)
        let (listenLine, listenColumn) = try position(of: "localhost", in: configuration)
        let state = folder.appendingPathComponent("state").path
        let viServe = try await run(["serve", "--config", configuration, "--state-dir", state])
        #expect(viServe.status == 2)
        #expect(
            viServe.standardError.nfc
                == "lỗi: \(configuration):\(listenLine):\(listenColumn): 'listen' phải là HOST:PORT, như 127.0.0.1:8470; ở đây là 'localhost'\n".nfc)
        let enServe = try await run(["serve", "--lang", "en", "--config", configuration, "--state-dir", state])
        #expect(
            enServe.standardError
                == "error: \(configuration):\(listenLine):\(listenColumn): 'listen' must be HOST:PORT, such as 127.0.0.1:8470; found 'localhost'\n")
    }

    @Test("a figures CSV with a decimal comma: rank stops at the cell's line and column, the hint in each language")
    func figuresFile() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let figures = try write("unit,may_tinh_tren_can_bo\nso-a,\"0,85\"\n", "figures.csv", in: folder)
        // Line 2, the cell starting at its opening quote: column 6.
        let (line, column) = try position(of: "\"0,85", in: figures)
        #expect((line, column) == (2, 6))
        let vi = try await run(["rank", "--method", "ict-index", "--figures", figures])
        #expect(vi.status == 2)
        #expect(
            vi.standardError.nfc
                == "lỗi: \(figures):\(line):\(column): '0,85' ở cột 'may_tinh_tren_can_bo' không phải là số; hãy viết phần thập phân bằng dấu chấm, như 0.8253\n"
                .nfc, "\(vi.standardError)")
        let en = try await run(["rank", "--lang", "en", "--method", "ict-index", "--figures", figures])
        #expect(
            en.standardError
                == "error: \(figures):\(line):\(column): '0,85' in column 'may_tinh_tren_can_bo' is not a number; write decimals with a dot, such as 0.8253\n")
        #expect(englishWords(in: vi.standardError).isEmpty, "\(englishWords(in: vi.standardError))")
    }

    @Test("a ranking method with a misspelt normalisation: rank stops at the value, the nearest name in each language")
    func rankingMethodFile() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("policies/ranking/ict-index.yaml")
        let text = try String(contentsOf: shipped, encoding: .utf8)
        let method = try write(text.replacingOccurrences(of: "normalisation: min_max", with: "normalisation: min_mx"), "method.yaml", in: folder)
        let (line, column) = try position(of: "min_mx", in: method)
        let names = "share, min_max, ratio_to_best, z_score, z_score_min_max, raw, ratio_to_target, steps"
        let figures = try write("unit\nso-a\n", "figures.csv", in: folder)
        let vi = try await run(["rank", "--method", method, "--figures", figures])
        #expect(vi.status == 2)
        #expect(
            vi.standardError.nfc == "lỗi: \(method):\(line):\(column): cách chuẩn hoá lạ 'min_mx'; dùng một trong \(names); có phải 'min_max'?\n".nfc,
            "\(vi.standardError)")
        let en = try await run(["rank", "--lang", "en", "--method", method, "--figures", figures])
        #expect(en.standardError == "error: \(method):\(line):\(column): unknown normalisation 'min_mx'; use one of \(names); did you mean 'min_max'?\n")
        #expect(englishWords(in: vi.standardError).isEmpty, "\(englishWords(in: vi.standardError))")
    }

    @Test("a file that is not there or is a folder: line 1, column 1, the reason from the system's error code in each language")
    func unreadableFile() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("none.yaml").path
        #expect(try await lint(missing, "vi").nfc == "\(missing):1:1: không đọc được tệp: không có tệp này".nfc)
        #expect(try await lint(missing, "en") == "\(missing):1:1: cannot read the file: there is no such file")
        #expect(try await lint(folder.path, "vi").nfc == "\(folder.path):1:1: không đọc được tệp: đây là một thư mục".nfc)
        #expect(try await lint(folder.path, "en") == "\(folder.path):1:1: cannot read the file: it is a folder")
    }

    // MARK: Helpers

    /// `policy lint --lang LANG FILE`'s one problem line (status 1, nothing on standard output).
    private func lint(_ file: String, _ language: String) async throws -> String {
        let result = try await run(["policy", "lint", "--lang", language, file])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        return result.standardError.trimmingCharacters(in: .newlines)
    }

    private func run(_ arguments: [String]) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            BuiltTool.path!, arguments, timeout: .seconds(120),
            environment: ProcessInfo.processInfo.environment.filter { $0.key != "ICTAUDIT_LOG" })
    }

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loader-messages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// 1-based line and column (in Unicode scalars) of the first `needle` in the file, found by
    /// reading the text back: the place the test put the mistake.
    private func position(of needle: String, in file: String) throws -> (Int, Int) {
        let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        let probe = needle.hasSuffix("\n") ? String(needle.dropLast()) : needle
        for (index, line) in lines.enumerated() {
            if let range = line.range(of: probe), !needle.hasSuffix("\n") || line.hasSuffix(probe) {
                return (index + 1, line.unicodeScalars[..<range.lowerBound].count + 1)
            }
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}

/// Words of English sentences left in a Vietnamese message: quoted values ('…', "…", `…`),
/// the `file:line:column:` prefix, absolute paths and snake_case identifiers are the file's own words, skipped.
func englishWords(in message: String) -> [String] {
    var text = message
    for pattern in ["'[^']*'", "\"[^\"]*\"", "`[^`]*`", "^(lỗi: )?[^ ]+:[0-9]+:[0-9]+: ", "(^|\\s)/[^\\s]+"] {
        text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    let english: Set<String> = [
        "the", "a", "an", "must", "be", "is", "are", "not", "unknown", "did", "you", "mean", "expected", "found", "line",
        "of", "use", "one", "file", "cannot", "read", "key", "invalid", "while", "parsing", "such", "as", "starts", "with",
        "list", "mapping", "text", "empty", "or", "and", "there", "no", "this", "error", "warning", "defined", "whole",
        "number", "from", "to", "rule", "type", "unit", "folder", "missing", "twice", "needs", "at", "least",
    ]
    return text.split(whereSeparator: { !($0.isLetter || $0 == "_") }).map { $0.lowercased() }.filter { english.contains($0) }
}

extension String {
    var nfc: String { precomposedStringWithCanonicalMapping }
}

import Foundation
import ICTAuditTesting
import Testing

@testable import AuditService

/// The cron parser's fire times against croniter's, over generated expressions and instants.
struct CronOracleTests {
    /// Zones with DST (northern, southern, half-hour DST, changes at midnight) and without
    /// (Viet Nam, UTC, half- and quarter-hour offsets).
    static let zones = [
        "Asia/Ho_Chi_Minh", "UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Europe/Berlin",
        "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "America/Havana",
    ]

    @Test("next fire times agree with croniter for 3,000 generated expressions in 11 zones, DST changes included")
    func agreesWithCroniter() async throws {
        guard let python = Self.python else {
            try Test.cancel("python3 with croniter is not installed (pip install croniter)")
        }
        var random = SeededGenerator(seed: 20_261_205)
        var cases: [(expression: String, zone: String, start: Double)] = []
        for index in 0..<3000 {
            let zone = Self.zones[index % Self.zones.count]
            cases.append((Self.generateExpression(&random), zone, Self.generateInstant(&random, zone: zone)))
        }
        let count = 6
        let input = cases.map { item -> String in
            let object: [String: Any] = ["expr": item.expression, "tz": item.zone, "start": item.start, "count": count]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }.joined(separator: "\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cron-oracle-\(getpid()).jsonl")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await CommandRunner.run(python, [Self.oraclePath, file.path], timeout: .seconds(600))
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutputText.split(separator: "\n")
        try #require(lines.count == cases.count)

        var compared = 0
        var failures: [String] = []
        var repeatedHourExtras = 0
        for (item, line) in zip(cases, lines) {
            let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let zone = TimeZone(identifier: item.zone)!
            let ours = try CronExpression(item.expression, timeZone: zone)
                .fireTimes(after: Date(timeIntervalSince1970: item.start), count: count)
                .map(\.timeIntervalSince1970)
            guard let theirs = answer["times"] as? [Double] else {
                failures.append("\(item.expression) in \(item.zone): croniter says \(answer["error"] ?? "?"), we say \(ours.prefix(2))")
                continue
            }
            compared += theirs.count
            // A wall time in the hour a DST change repeats fires in both passes (croniter does so
            // for New York's 01:30, but misses some second passes, e.g. Chatham's 45-minute
            // change). Such a second pass is kept when its first pass is in the list too.
            let kept = ours.filter { time in
                let date = Date(timeIntervalSince1970: time)
                let back = zone.secondsFromGMT(for: date.addingTimeInterval(-3 * 3600)) - zone.secondsFromGMT(for: date)
                let secondPass = back > 0 && ours.contains(time - Double(back)) && !theirs.contains(time)
                if secondPass { repeatedHourExtras += 1 }
                return !secondPass
            }
            if kept != Array(theirs.prefix(kept.count)) {
                failures.append(
                    "\(item.expression) in \(item.zone) after \(Date(timeIntervalSince1970: item.start)): ours \(ours.map(Self.show)) croniter \(theirs.map(Self.show))")
            }
        }
        print(
            "cron oracle: \(cases.count) expressions, \(compared) fire times compared, \(failures.count) disagreements, "
                + "\(repeatedHourExtras) second passes of a repeated hour that croniter skipped")
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
        #expect(compared >= cases.count * count * 9 / 10)
    }

    static func show(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }

    // MARK: Generators

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    static func generateExpression(_ random: inout SeededGenerator) -> String {
        [
            field(&random, 0...59, names: nil, busy: 0.15),
            field(&random, 0...23, names: nil, busy: 0.3),
            field(&random, 1...31, names: nil, busy: 0.5),
            field(&random, 1...12, names: monthNames, busy: 0.6),
            field(&random, 0...7, names: dayNames, busy: 0.55),
        ].joined(separator: " ")
    }

    /// One field: `*` with probability `busy`, else a list of values, ranges and steps.
    static func field(_ random: inout SeededGenerator, _ range: ClosedRange<Int>, names: [String]?, busy: Double) -> String {
        if random.unit() < busy { return random.unit() < 0.8 ? "*" : "*/\(random.int(1...max(1, (range.count) / 3)))" }
        func value(_ v: Int) -> String {
            // 7 is Sunday too; as a range's end it is written as a number, so `0-7` stays the whole week.
            guard let names, v != 7, random.unit() < 0.4 else { return String(v) }
            let index = names.count == 12 ? v - 1 : v % 7
            let name = names[index]
            return random.unit() < 0.2 ? name.uppercased() : name
        }
        let items = random.int(1...3)
        var parts: [String] = []
        for _ in 0..<items {
            switch random.int(0...5) {
            case 0, 1: parts.append(value(random.int(range)))
            case 2:
                let (a, b) = ascending(&random, range)
                parts.append("\(value(a))-\(value(b))")
            case 3:
                let (a, b) = ascending(&random, range)
                parts.append("\(a)-\(b)/\(random.int(1...max(1, range.count / 2)))")
            case 4: parts.append("*/\(random.int(1...max(1, range.count / 2)))")
            default:
                // A range that wraps around (no step), e.g. fri-mon, 22-3.
                let a = random.int(range)
                let b = random.int(range)
                parts.append(a > b && !(names?.count == 7 && (a == 7 || b == 7)) ? "\(value(a))-\(value(b))" : value(a))
            }
        }
        return parts.joined(separator: ",")
    }

    /// Two different values, the smaller first. Equal ends (`5-5`) are left out on purpose:
    /// croniter reads a range written with equal ends as the whole cycle, where cron means the
    /// one value; ours keeps cron's meaning (`ScheduleTests.equalEnds`).
    static func ascending(_ random: inout SeededGenerator, _ range: ClosedRange<Int>) -> (Int, Int) {
        var a = random.int(range)
        var b = random.int(range)
        while a == b { b = random.int(range) }
        if a > b { swap(&a, &b) }
        return (a, b)
    }

    /// Mostly instants within a day of one of the zone's offset changes, else any time 2016–2034.
    static func generateInstant(_ random: inout SeededGenerator, zone identifier: String) -> Double {
        let zone = TimeZone(identifier: identifier)!
        let start = random.unit() * (2_050_000_000 - 1_450_000_000) + 1_450_000_000
        let seconds = (start / 60).rounded(.down) * 60 + (random.unit() < 0.3 ? Double(random.int(0...59)) : 0)
        guard random.unit() < 0.6, let change = zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: seconds))
        else { return seconds }
        let near = change.timeIntervalSince1970 + Double(random.int(-36 * 60...2 * 60)) * 60
        return near
    }

    static var oraclePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracles/cron_oracle.py").path
    }

    /// A python3 that can import croniter, or nil.
    static let python: String? = {
        for candidate in ["/usr/bin/env"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = ["python3", "-c", "import croniter, sys; print(sys.executable)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 0, !path.isEmpty { return path }
        }
        return nil
    }()
}

extension SeededGenerator {
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

import Foundation
import InventoryModel

/// Arithmetic, text functions, time, versions and probe output.
extension Evaluator {
    static func arithmetic(_ op: ArithmeticOperator, _ l: FactValue, _ r: FactValue)
        throws(EvaluationFailure) -> FactValue
    {
        func number(_ v: FactValue) -> Double? {
            switch v {
            case .int(let i): Double(i)
            case .double(let d): d
            default: nil
            }
        }
        func checked(_ result: (partialValue: Int64, overflow: Bool)) throws(EvaluationFailure)
            -> FactValue
        {
            guard !result.overflow else {
                throw EvaluationFailure(message: "the arithmetic overflows a 64-bit integer")
            }
            return .int(result.partialValue)
        }
        switch (op, l, r) {
        case (.addInt, .int(let a), .int(let b)): return try checked(a.addingReportingOverflow(b))
        case (.subtractInt, .int(let a), .int(let b)):
            return try checked(a.subtractingReportingOverflow(b))
        case (.multiplyInt, .int(let a), .int(let b)):
            return try checked(a.multipliedReportingOverflow(by: b))
        case (.divideInt, .int(let a), .int(let b)), (.remainderInt, .int(let a), .int(let b)):
            guard b != 0 else { throw EvaluationFailure(message: "division by zero") }
            return try checked(
                op == .divideInt
                    ? a.dividedReportingOverflow(by: b)
                    : a.remainderReportingOverflow(dividingBy: b))
        case (.concatenateStrings, .string(let a), .string(let b)): return .string(a + b)
        case (.concatenateLists, .list(let a), .list(let b)): return .list(a + b)
        case (.subtractDates, .date(let a), .date(let b)): return .double(a.timeIntervalSince(b))
        case (.addDuration(toDate: true), .date(let a), .double(let b)):
            return .date(a.addingTimeInterval(b))
        case (.subtractDuration(fromDate: true), .date(let a), .double(let b)):
            return .date(a.addingTimeInterval(-b))
        default:
            break
        }
        guard let a = number(l), let b = number(r) else {
            throw EvaluationFailure(message: "cannot do arithmetic with \(l) and \(r)")
        }
        let result: Double
        switch op {
        case .addDouble, .addDuration: result = a + b
        case .subtractDouble, .subtractDuration: result = a - b
        case .multiplyDouble: result = a * b
        case .divideDouble:
            guard b != 0 else { throw EvaluationFailure(message: "division by zero") }
            result = a / b
        default:
            throw EvaluationFailure(message: "cannot do arithmetic with \(l) and \(r)")
        }
        guard result.isFinite else {
            throw EvaluationFailure(message: "the arithmetic gives no finite number")
        }
        return .double(result)
    }

    mutating func builtin(_ function: Builtin, _ arguments: [EvaluationNode]) throws(EvaluationFailure)
        -> FactValue
    {
        let first = try arguments[0].value(&self)
        if first.isNull { throw unknown(arguments[0].program) }
        switch function {
        case .lower, .upper, .trim, .lines, .version:
            guard case .string(let s) = first else { throw unknown(arguments[0].program) }
            switch function {
            case .lower: return .string(Self.asciiCased(s, upper: false) ?? s.lowercased())
            case .upper: return .string(Self.asciiCased(s, upper: true) ?? s.uppercased())
            case .trim: return .string(s.trimmed)
            case .lines: return .list(Self.lines(of: s).map { .string(String($0)) })
            default:
                guard VersionOrder.isVersion(s) else {
                    throw EvaluationFailure(
                        message: "\(describe(arguments[0].program)) is \(first), which is not a version")
                }
                return .string(s.trimmed)
            }
        case .startsWith, .endsWith, .containsText:
            let second = try arguments[1].value(&self)
            guard case .string(let s) = first else { throw unknown(arguments[0].program) }
            guard case .string(let t) = second else { throw unknown(arguments[1].program) }
            let result =
                function == .startsWith
                ? s.hasPrefix(t) : function == .endsWith ? s.hasSuffix(t) : Self.contains(s, t)
            if function == .containsText, case .probe(let probe) = arguments[0].program {
                recordLines(of: s, from: probe) { Self.contains(String($0), t) }
            }
            return .bool(result)
        case .daysSince:
            guard case .date(let date) = first else { throw unknown(arguments[0].program) }
            guard let now = context.now else {
                throw EvaluationFailure(message: "the time of the scan is unknown")
            }
            return .double(now.timeIntervalSince(date) / 86_400)
        case .toInt:
            switch first {
            case .int: return first
            case .double(let d) where d.isFinite && abs(d) < 9e18: return .int(Int64(d))
            case .string(let s):
                if let i = Int64(s.trimmed) { return .int(i) }
                throw EvaluationFailure(
                    message: "\(describe(arguments[0].program)) is \(first), which is not a whole number")
            default:
                throw EvaluationFailure(
                    message: "\(describe(arguments[0].program)) is \(first), not a number")
            }
        case .toDouble:
            switch first {
            case .int(let i): return .double(Double(i))
            case .double: return first
            case .string(let s):
                if let d = Double(s.trimmed), d.isFinite { return .double(d) }
                throw EvaluationFailure(
                    message: "\(describe(arguments[0].program)) is \(first), which is not a number")
            default:
                throw EvaluationFailure(
                    message: "\(describe(arguments[0].program)) is \(first), not a number")
            }
        case .toText:
            if case .string = first { return first }
            return .string(first.description)
        }
    }

    /// The probe's output; `null` when the file is missing, a failure when it was never gathered
    /// or when it failed (see `Probe.failure(of:)`): a failed probe is never read as empty output.
    func probeValue(_ probe: Probe) throws(EvaluationFailure) -> FactValue {
        guard let section = context.evidence[probe.evidenceName] else {
            throw EvaluationFailure(
                message:
                    "\(probe.evidenceName) was not collected in this scan; scan again with this policy loaded"
            )
        }
        if let failure = probe.failure(of: section) { throw EvaluationFailure(message: failure) }
        if probe.kind != .command, let code = section.exitCode, code != 0 { return .null }
        return .string(section.text)
    }

    /// `regex.matches(text)`, remembered for the host: rules test the same fact with the same
    /// pattern again and again (every rule of a family checking `host.kernel`), and a regular
    /// expression match costs thousands of instructions where looking it up here costs a few.
    mutating func regexMatches(_ regex: CompiledRegex, _ text: String) -> Bool {
        for i in regexResults.indices
        where regexResults[i].text == text && regexResults[i].regex.isSameTest(as: regex) {
            return regexResults[i].matched
        }
        let matched = regex.matches(text)
        // A few recent results are enough for the repeats; the oldest makes room.
        if regexResults.count == Self.regexResultLimit { regexResults.removeFirst() }
        regexResults.append(RegexResult(regex: regex, text: text, matched: matched))
        return matched
    }

    /// Evidence for a test on a whole file or command output: the lines that met it.
    mutating func recordLines(of text: String, from probe: Probe, where test: (Substring) -> Bool) {
        guard evidence.hasRoom else { return }
        var found: [String] = []
        for (number, line) in Self.lines(of: text).enumerated() where test(line) {
            found.append("\(number + 1): \(line)")
            if found.count == 3 { break }
        }
        evidence.recordText(
            probe.evidenceName, found.isEmpty ? "no matching line" : found.joined(separator: " | "))
    }

    /// `lowercased()`/`uppercased()` for ASCII text, byte by byte; `nil` for anything else.
    /// The standard library looks up Unicode properties for every character, which costs more
    /// than the rest of a typical rule; for ASCII the byte mapping gives the same text.
    static func asciiCased(_ text: String, upper: Bool) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let (from, to): (UInt8, UInt8) = upper ? (0x61, 0x7A) : (0x41, 0x5A)
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for (i, byte) in bytes.enumerated() {
                    buffer[i] = byte >= from && byte <= to ? byte ^ 0x20 : byte
                }
                return bytes.count
            }
        }
    }

    /// Substring search on UTF-8 bytes (what `contains` means for text), without bridging to
    /// Foundation's `NSString`, which costs more than the search itself.
    static func contains(_ text: String, _ part: String) -> Bool {
        if part.isEmpty { return true }
        var text = text
        var part = part
        return text.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard needle.count <= haystack.count else { return false }
                let first = needle[0]
                var i = 0
                let last = haystack.count - needle.count
                while i <= last {
                    if haystack[i] == first {
                        var j = 1
                        while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                        if j == needle.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Lines without their terminators (`\n` or Windows' `\r\n`, which Swift sees as one
    /// character); a final line break does not start an empty line.
    static func lines(of text: String) -> [Substring] {
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }
}

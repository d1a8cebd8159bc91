import Foundation
import InventoryModel

/// One Wazuh SCA rule, such as `not f:/etc/ssh/sshd_config -> !r:^# && r:PermitRootLogin\s+yes`.
///
/// Grammar (Wazuh's): an optional `not `, a type letter and a location, then up to two `->`
/// parts. `f:` files (comma-separated paths), `d:` directories (`-> file name test -> content`),
/// `p:` processes, `c:` commands, `r:` Windows registry keys (`-> value name -> data`).
struct SCARule: Sendable, Hashable {
    enum Target: Sendable, Hashable {
        case files([String], content: SCAContent?)
        case directories([String], names: SCAContent?, content: SCAContent?)
        case process(String)
        case command(String, content: SCAContent?)
        case registry(key: String, value: String?, content: SCAContent?)
    }

    var negated: Bool
    var target: Target
    /// As written (after variable substitution), for evidence and messages.
    var text: String

    /// Parses a rule; a failure carries the scalar offset it points at.
    static func parse(_ written: String) throws(SCASyntaxError) -> SCARule {
        var body = Substring(written)
        var offset = 0
        var negated = false
        if body.hasPrefix("not ") {
            negated = true
            body = body.dropFirst(4)
            offset = 4
        }
        guard body.count >= 2, body.dropFirst().hasPrefix(":") else {
            throw SCASyntaxError(
                "a rule starts with f:, d:, p:, c: or r: (optionally after 'not ')", offset: offset)
        }
        let kind = body.first!
        // As in Wazuh, files and commands take everything after the first '->' as their content
        // test; directories and registry keys have two levels before it.
        var parts = body.components(separatedBy: " -> ")
        let levels = kind == "d" || kind == "r" ? 3 : kind == "p" ? 1 : 2
        if levels > 1, parts.count > levels {
            parts =
                Array(parts[..<(levels - 1)]) + [parts[(levels - 1)...].joined(separator: " -> ")]
        }
        let head = parts[0]
        let location = String(head.dropFirst(2)).trimmed
        guard !location.isEmpty else {
            throw SCASyntaxError("the rule names nothing after '\(kind):'", offset: offset)
        }
        let partOffsets = parts.indices.map { i in
            offset + parts[..<i].map { $0.unicodeScalars.count + 4 }.reduce(0, +)
        }
        func content(_ i: Int) throws(SCASyntaxError) -> SCAContent? {
            guard i < parts.count else { return nil }
            return try SCAContent.parse(parts[i], offset: partOffsets[i])
        }
        func maxParts(_ n: Int) throws(SCASyntaxError) {
            guard parts.count <= n else {
                throw SCASyntaxError(
                    n == 1
                        ? "a '\(kind):' rule takes no '->' part"
                        : "a '\(kind):' rule has at most \(n - 1) '->' parts",
                    offset: partOffsets[n])
            }
        }
        let target: Target
        switch kind {
        case "f":
            try maxParts(2)
            target = .files(paths(location), content: try content(1))
        case "d":
            try maxParts(3)
            target = .directories(paths(location), names: try content(1), content: try content(2))
        case "p":
            try maxParts(1)
            target = .process(location)
        case "c":
            try maxParts(2)
            target = .command(location, content: try content(1))
        case "r":
            try maxParts(3)
            let value = parts.count > 1 ? parts[1].trimmed : nil
            target = .registry(key: location, value: value, content: try content(2))
        default:
            throw SCASyntaxError(
                "unknown rule type '\(kind):'; use f:, d:, p:, c: or r:", offset: offset)
        }
        return SCARule(negated: negated, target: target, text: written)
    }

    private static func paths(_ location: String) -> [String] {
        location.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// The probes this rule reads.
    var probes: [Probe] {
        switch target {
        case .files(let paths, _): paths.map(Probe.file)
        case .directories(let paths, _, _): paths.map(Probe.directory)
        case .process: [.processes]
        case .command(let command, _): [.command(command, run: command)]
        case .registry(let key, _, _): [.registry(key)]
        }
    }
}

/// The content test after `->`: tests joined by `&&`, each met by the same line.
struct SCAContent: Sendable, Hashable {
    enum Test: Sendable, Hashable {
        /// `r:regex`
        case regex(CompiledRegex)
        /// `n:regex compare <= 4`: the first capture group, as a number, against a value.
        case numeric(CompiledRegex, ComparisonOperator, Double)
        /// A plain text: a line equal to it.
        case literal(String)
    }

    var tests: [(negated: Bool, test: Test)]

    static func == (lhs: SCAContent, rhs: SCAContent) -> Bool {
        lhs.tests.map(\.negated) == rhs.tests.map(\.negated)
            && lhs.tests.map(\.test) == rhs.tests.map(\.test)
    }

    func hash(into hasher: inout Hasher) {
        for (negated, test) in tests {
            hasher.combine(negated)
            hasher.combine(test)
        }
    }

    static func parse(_ text: String, offset: Int) throws(SCASyntaxError) -> SCAContent {
        var tests: [(Bool, Test)] = []
        var partOffset = offset
        for raw in text.components(separatedBy: " && ") {
            defer { partOffset += raw.unicodeScalars.count + 4 }
            var item = Substring(raw)
            let leading = item.prefix { $0 == " " }.count
            item = item.dropFirst(leading)
            var at = partOffset + leading
            var negated = false
            if item.hasPrefix("!") {
                negated = true
                item = item.dropFirst()
                at += 1
            }
            if item.hasPrefix("r:") {
                tests.append((negated, .regex(try regex(String(item.dropFirst(2)), at: at + 2))))
            } else if item.hasPrefix("n:") {
                let body = String(item.dropFirst(2))
                guard let range = body.range(of: " compare ") else {
                    throw SCASyntaxError(
                        "a numeric test is written n:regex compare <= value", offset: at)
                }
                let pattern = String(body[..<range.lowerBound])
                let comparison = body[range.upperBound...].split(separator: " ")
                guard comparison.count == 2,
                    let op = ComparisonOperator(rawValue: String(comparison[0])),
                    let value = Double(comparison[1])
                else {
                    throw SCASyntaxError(
                        "after 'compare' write an operator (<, <=, ==, !=, >=, >) and a number",
                        offset: at + 2 + pattern.unicodeScalars.count + 9)
                }
                tests.append((negated, .numeric(try regex(pattern, at: at + 2), op, value)))
            } else {
                tests.append((negated, .literal(String(item))))
            }
        }
        return SCAContent(tests: tests)
    }

    /// Wazuh's patterns are OS_Regex, which ignores case and spells punctuation `\p`; the rest
    /// of what the published policies use reads the same in ICU syntax.
    private static func regex(_ pattern: String, at offset: Int) throws(SCASyntaxError)
        -> CompiledRegex
    {
        let translated = pattern.replacingOccurrences(of: "\\p", with: "[[:punct:]]")
        do {
            return try CompiledRegex(translated, caseInsensitive: true)
        } catch {
            throw SCASyntaxError("'\(pattern)' is not a valid regular expression", offset: offset)
        }
    }

    /// Whether one line meets every test.
    func matches(line: Substring) -> Bool {
        let text = String(line)
        for (negated, test) in tests {
            let met: Bool
            switch test {
            case .regex(let regex): met = regex.matches(text)
            case .literal(let literal): met = text == literal
            case .numeric(let regex, let op, let value):
                if let captured = regex.firstCapture(in: text, group: 1),
                    let number = Double(captured.trimmed)
                {
                    met = (try? Evaluator.compare(op, .double(number), .double(value))) ?? false
                } else {
                    met = false
                }
            }
            if met == negated { return false }
        }
        return true
    }

    /// The first line of `text` that meets every test, with its 1-based number.
    func firstMatch(in text: String) -> (number: Int, line: Substring)? {
        for (i, line) in Evaluator.lines(of: text).enumerated() where matches(line: line) {
            return (i + 1, line)
        }
        return nil
    }
}

/// A mistake inside one SCA rule, at a scalar offset in it.
struct SCASyntaxError: Error {
    var message: String
    var offset: Int

    init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }
}

import Foundation

/// The text test after a rule's `->`, read the way Wazuh 5 reads it (`sca_utils.cpp`).
///
/// A test that starts with `r:`, `!r:`, `n:` or `!n:` is a list of *minterms* joined by ` && `,
/// all met by the same line; anything else is a plain text that a whole line (for a file) or
/// the whole output (for a command) must equal. Two rules of Wazuh's matter for verdicts and are
/// easy to get wrong:
/// - empty content never matches, not even a negated test;
/// - a test that is one negated minterm (`!r:X`) means "no line matches X", not "some line does
///   not match X".
///
/// A numeric minterm whose captured text is not a whole number makes the rule invalid, as in
/// Wazuh, which reads the number with `std::stoi` and gives up on the rule when it throws.
struct SCAPattern: Sendable, Hashable {
    enum Body: Sendable, Hashable {
        /// A plain text, compared whole.
        case literal(String)
        /// Minterms joined by ` && `.
        case minterms([Minterm])
    }

    struct Minterm: Sendable, Hashable {
        enum Test: Sendable, Hashable {
            /// `r:regex`
            case regex(CompiledRegex)
            /// `n:regex compare OP value`: the first capture group (or the whole match) as a whole
            /// number, against `value`.
            case numeric(CompiledRegex, ComparisonOperator, Int)
            /// A plain text inside a list of minterms: a line equal to it.
            case literal(String)
        }

        var negated: Bool
        var test: Test
    }

    var body: Body
    /// As written, for messages.
    var text: String

    /// Whether a test of this text is a list of minterms rather than a plain text.
    static func isRegexOrNumeric(_ text: Substring) -> Bool {
        text.hasPrefix("r:") || text.hasPrefix("!r:") || text.hasPrefix("n:") || text.hasPrefix("!n:")
    }

    /// Whether a directory rule's name test is a regular expression (Wazuh's `IsRegexPattern`).
    var isRegex: Bool { text.hasPrefix("r:") || text.hasPrefix("!r:") }

    static func parse(_ text: String, offset: Int) throws(SCASyntaxError) -> SCAPattern {
        guard isRegexOrNumeric(Substring(text)) else {
            return SCAPattern(body: .literal(text), text: text)
        }
        var minterms: [Minterm] = []
        var partOffset = offset
        for raw in text.components(separatedBy: " && ") {
            defer { partOffset += raw.unicodeScalars.count + 4 }
            var item = Substring(raw)
            var at = partOffset
            var negated = false
            if item.hasPrefix("!") {
                negated = true
                item = item.dropFirst()
                at += 1
            }
            if item.hasPrefix("r:") {
                minterms.append(
                    Minterm(negated: negated, test: .regex(try regex(String(item.dropFirst(2)), at: at + 2))))
            } else if item.hasPrefix("n:") {
                let body = String(item.dropFirst(2))
                guard let range = body.range(of: " compare ") else {
                    throw SCASyntaxError(.numericTestForm, offset: at)
                }
                let pattern = String(body[..<range.lowerBound])
                let comparison = body[range.upperBound...].split(separator: " ")
                guard comparison.count == 2, let op = ComparisonOperator(rawValue: String(comparison[0])),
                    let value = Self.wholeNumber(comparison[1])
                else {
                    throw SCASyntaxError(
                        .compareOperands,
                        offset: at + 2 + pattern.unicodeScalars.count + 9)
                }
                minterms.append(
                    Minterm(negated: negated, test: .numeric(try regex(pattern, at: at + 2), op, value)))
            } else {
                minterms.append(Minterm(negated: negated, test: .literal(String(item))))
            }
        }
        return SCAPattern(body: .minterms(minterms), text: text)
    }

    /// Wazuh 5 compiles every pattern with PCRE2, ignoring case, `^` and `$` at line breaks. The
    /// ICU syntax reads the published policies the same; `\p` alone (punctuation in Wazuh 4's
    /// OS_Regex) is kept readable for older policies.
    private static func regex(_ pattern: String, at offset: Int) throws(SCASyntaxError) -> CompiledRegex {
        let translated = pattern.replacingOccurrences(of: "\\p", with: "[[:punct:]]")
        do {
            return try CompiledRegex(translated, caseInsensitive: true, unixLines: true)
        } catch {
            throw SCASyntaxError(.badRegex(pattern), offset: offset)
        }
    }

    /// `std::stoi`: leading white space, an optional sign, then at least one digit; the rest is
    /// ignored. `nil` where `stoi` throws (no digits, or outside a 32-bit `int`).
    static func wholeNumber<S: StringProtocol>(_ text: S) -> Int? {
        var scalars = Substring(text).unicodeScalars.drop { " \t\n\r\u{0B}\u{0C}".unicodeScalars.contains($0) }
        var sign = 1
        if let first = scalars.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            scalars = scalars.dropFirst()
        }
        let digits = scalars.prefix { $0.value >= 48 && $0.value <= 57 }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for digit in digits {
            value = value * 10 + Int(digit.value - 48)
            if value > Int(Int32.max) + 1 { return nil }
        }
        value *= sign
        guard value >= Int(Int32.min), value <= Int(Int32.max) else { return nil }
        return value
    }

    /// The lines of `text` as `std::getline` gives them: split at `\n` only (a `\r` stays), no
    /// empty line after a final `\n`.
    static func lines(of text: String) -> [Substring] {
        // By scalars, not characters: "\r\n" is one Character, and Wazuh keeps the "\r".
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if text.utf8.last == UInt8(ascii: "\n") { lines.removeLast() }
        return lines.map { Substring($0) }
    }

    /// Why a test could not be judged (Wazuh: the rule is invalid).
    struct Unjudgeable: Error {
        var reason: String
    }

    /// Wazuh's `PatternMatches` over minterms, with the first line that decided it (1-based).
    ///
    /// For a plain text this is the per-line test a file uses; a command compares its whole
    /// output instead (see ``SCAEvaluator``).
    func matches(content: String) throws(Unjudgeable) -> (matched: Bool, line: (number: Int, text: Substring)?) {
        if content.isEmpty { return (false, nil) }
        let lines = Self.lines(of: content)
        switch body {
        case .literal(let literal):
            for (index, line) in lines.enumerated() where line == literal {
                return (true, (index + 1, line))
            }
            return (false, nil)
        case .minterms(let minterms):
            if minterms.count == 1, minterms[0].negated {
                for (index, line) in lines.enumerated() where try Self.meets(minterms[0].test, line) {
                    return (false, (index + 1, line))
                }
                return (true, nil)
            }
            lineLoop: for (index, line) in lines.enumerated() {
                for minterm in minterms where try Self.meets(minterm.test, line) == minterm.negated {
                    continue lineLoop
                }
                return (true, (index + 1, line))
            }
            return (false, nil)
        }
    }

    private static func meets(_ test: Minterm.Test, _ line: Substring) throws(Unjudgeable) -> Bool {
        let text = String(line)
        switch test {
        case .regex(let regex): return regex.matches(text)
        case .literal(let literal): return text == literal
        case .numeric(let regex, let op, let value):
            guard let captured = regex.numericCapture(in: text) else { return false }
            guard let number = wholeNumber(captured) else {
                throw Unjudgeable(reason: "'\(captured)' is not a whole number (n:\(regex.pattern))")
            }
            switch op {
            case .less: return number < value
            case .lessOrEqual: return number <= value
            case .equal: return number == value
            case .notEqual: return number != value
            case .greaterOrEqual: return number >= value
            case .greater: return number > value
            }
        }
    }
}

extension CompiledRegex {
    /// What Wazuh compares in a numeric test: the first capture group when the match set it,
    /// otherwise the whole match; `nil` when the pattern does not match.
    func numericCapture(in text: String) -> String? {
        if let group = firstCapture(in: text, group: 1) { return group }
        return firstCapture(in: text, group: 0)
    }
}

/// Which files a directory walk sends the bytes of: a POSIX extended regular expression for the
/// host's `awk`, accepting at least every file name a `d:` rule's name test accepts.
///
/// A rule such as `d:/etc -> r:inetd\.[\w@-]+ -> r:^telnet` reads only the files whose names
/// match, but the names are known only on the host. Sending every file under `/etc` would cost
/// megabytes per host, so the walk filters names on the host with the rule's own pattern,
/// translated from PCRE to ERE. The translation is exact for what policies write (literals,
/// classes, `\d \w \s`, anchors, groups, alternation, `* + ?`) and made case-blind by
/// spelling letters both ways (`[aA]`), since Wazuh ignores case and not every `awk` can. Where a
/// pattern uses anything else, the filter is `^` (every file): more bytes, never a wrong verdict.
/// The evaluator still applies the real pattern, and a file it needs whose bytes did not come
/// makes the rule invalid with that reason, not false.
enum SCANameFilter {
    /// Matches every name.
    static let everything = "^"

    /// The filter for a name test: exact for a plain name, translated for a regex.
    static func filter(for names: SCAPattern) -> String {
        switch names.body {
        case .literal(let name):
            return "^" + name.map { escapeLiteral($0, caseBlind: false) }.joined() + "$"
        case .minterms(let minterms):
            // Every name that passes passes each positive minterm, so any one of them is a
            // superset filter; negated ones cannot narrow it without risk.
            for minterm in minterms where !minterm.negated {
                switch minterm.test {
                case .regex(let regex):
                    if let translated = ere(fromPCRE: regex.pattern) { return translated }
                case .literal(let text):
                    return "^" + text.map { escapeLiteral($0, caseBlind: false) }.joined() + "$"
                case .numeric:
                    continue
                }
            }
            return everything
        }
    }

    /// A case-blind ERE for a PCRE pattern, or `nil` when the pattern uses something this does
    /// not translate exactly.
    static func ere(fromPCRE pattern: String) -> String? {
        var out = ""
        let chars = Array(pattern)
        var i = 0
        var previousWasAtom = false
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                guard i + 1 < chars.count else { return nil }
                let next = chars[i + 1]
                i += 2
                switch next {
                case "d": out += "[0-9]"
                case "D": out += "[^0-9]"
                case "w": out += "[A-Za-z0-9_]"
                case "W": out += "[^A-Za-z0-9_]"
                case "s": out += "[[:space:]]"
                case "S": out += "[^[:space:]]"
                default:
                    guard next.isASCII, !next.isLetter, !next.isNumber else { return nil }
                    out += escapeLiteral(next, caseBlind: true)
                }
                previousWasAtom = true
            case "[":
                guard let (bracket, end) = bracketExpression(chars, from: i) else { return nil }
                out += bracket
                i = end
                previousWasAtom = true
            case "(":
                // `(?…)` groups and lookarounds have no ERE form.
                if i + 1 < chars.count, chars[i + 1] == "?" { return nil }
                out.append(c)
                i += 1
                previousWasAtom = false
            case ")", "|", "^", "$", ".":
                out.append(c)
                i += 1
                previousWasAtom = c == ")" || c == "."
            case "*", "+", "?":
                guard previousWasAtom else { return nil }
                out.append(c)
                i += 1
                // A lazy `*?` matches the same names; a possessive `*+` may not.
                if i < chars.count, chars[i] == "?" { i += 1 }
                if i < chars.count, chars[i] == "+" { return nil }
                previousWasAtom = false
            case "{":
                // Intervals are ERE, but mawk (Debian's default awk) does not know them.
                return nil
            default:
                out += escapeLiteral(c, caseBlind: true)
                i += 1
                previousWasAtom = true
            }
        }
        return out
    }

    /// One literal character as an ERE atom.
    private static func escapeLiteral(_ c: Character, caseBlind: Bool) -> String {
        if caseBlind, c.isASCII, c.isLetter {
            return "[" + c.lowercased() + c.uppercased() + "]"
        }
        if "\\.[]()*+?{}|^$".contains(c) { return "\\" + String(c) }
        return String(c)
    }

    /// A PCRE bracket expression starting at `start` as a case-blind ERE one, and the index after
    /// it; `nil` when it holds something without an exact ERE form.
    private static func bracketExpression(_ chars: [Character], from start: Int) -> (String, Int)? {
        var i = start + 1
        var negated = false
        if i < chars.count, chars[i] == "^" {
            negated = true
            i += 1
        }
        var items: [String] = []
        var hasDash = false
        var hasBracket = false
        var first = true
        while i < chars.count {
            let c = chars[i]
            if c == "]", !first { break }
            first = false
            if c == "[", i + 1 < chars.count, chars[i + 1] == ":" {
                guard let close = (i..<(chars.count - 1)).first(where: { chars[$0] == ":" && chars[$0 + 1] == "]" && $0 > i + 1 })
                else { return nil }
                items.append(String(chars[i...(close + 1)]))
                i = close + 2
                continue
            }
            if c == "\\" {
                guard i + 1 < chars.count else { return nil }
                let next = chars[i + 1]
                i += 2
                switch next {
                case "d": items.append("0-9")
                case "w": items.append("A-Za-z0-9_")
                case "s": items.append("[:space:]")
                default:
                    guard next.isASCII, !next.isLetter, !next.isNumber, next != "\\", next != "^" else { return nil }
                    if next == "-" {
                        hasDash = true
                    } else if next == "]" {
                        hasBracket = true
                    } else {
                        items.append(String(next))
                    }
                }
                continue
            }
            // A range a-z.
            if i + 2 < chars.count, chars[i + 1] == "-", chars[i + 2] != "]" {
                let low = c
                let high = chars[i + 2]
                guard low.isASCII, high.isASCII, high != "\\", high != "[" else { return nil }
                items.append("\(low)-\(high)")
                if low.isLowercase, high.isLowercase {
                    items.append("\(low.uppercased())-\(high.uppercased())")
                } else if low.isUppercase, high.isUppercase {
                    items.append("\(low.lowercased())-\(high.lowercased())")
                } else if low.isLetter || high.isLetter {
                    return nil
                }
                i += 3
                continue
            }
            if c == "-" {
                hasDash = true
            } else if c == "]" {
                hasBracket = true
            } else if c.isASCII, c.isLetter {
                items.append(c.lowercased() + c.uppercased())
            } else {
                guard c.isASCII, c != "^" else { return nil }
                items.append(String(c))
            }
            i += 1
        }
        guard i < chars.count, chars[i] == "]" else { return nil }
        // In ERE a ']' goes first and a '-' last to be literal.
        let body = (hasBracket ? "]" : "") + items.joined() + (hasDash ? "-" : "")
        guard !body.isEmpty else { return nil }
        return ("[" + (negated ? "^" : "") + body + "]", i + 1)
    }
}

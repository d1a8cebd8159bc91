import ICTAuditTesting
import Testing

@testable import PolicyEngine

struct FuzzTests {
    static let inputCount = 100_000

    /// Fragments that make near-valid expressions, so the fuzzer reaches deep into the parser and
    /// checker rather than stopping at the first character.
    static let fragments = [
        "host", ".", "sshd", "permit_root_login", "listening", "exists", "all", "map", "filter",
        "count",
        "(", ")", "[", "]", ",", "x", "s", "port", "==", "!=", "<", "<=", ">", ">=", "&&", "||",
        "!", "-", "+",
        "*", "/", "%", "in", "true", "false", "null", "0", "22", "1.5", "1e9", "7d", "1h30m",
        "\"no\"", "'a'",
        "\"\\u00e9\"", "\"\\x\"", "\"open", "matches", "\"^(a\"", "\"[0-9]+\"", "version",
        "(\"1.2\")", "file",
        "(\"/etc/passwd\")", "command", "lines", "()", "size", "lower", "days_since", "antivirus",
        "signature_date",
        " ", "\n", "\t", "é", "\u{0}", "9999999999999999999999", "@", "#", "`", "\\", "ờ",
    ]

    static func input(_ random: inout SeededGenerator) -> String {
        var text = ""
        let length = Int.random(in: 0...24, using: &random)
        for _ in 0..<length {
            if Int.random(in: 0..<8, using: &random) == 0 {
                text.unicodeScalars.append(
                    Unicode.Scalar(UInt8.random(in: 0...127, using: &random)))
            } else {
                text += fragments.randomElement(using: &random)!
            }
        }
        return text
    }

    @Test("100,000 seeded random inputs: no crash, every rejection is a positioned error")
    func lexerParserChecker() {
        var random = SeededGenerator(seed: 20_171_193)
        var accepted = 0
        var rejected = 0
        var badPositions: [String] = []
        for _ in 0..<Self.inputCount {
            let text = Self.input(&random)
            let scalars = text.unicodeScalars.count
            let lines = text.unicodeScalars.filter { $0 == "\n" }.count + 1
            do {
                _ = try Expression(text)
                accepted += 1
            } catch {
                rejected += 1
                let p = error.position
                if p.offset < 0 || p.offset > scalars || p.line < 1 || p.line > lines
                    || p.column < 1
                    || error.message.isEmpty
                {
                    badPositions.append("\(text.debugDescription): \(error)")
                }
            }
        }
        #expect(accepted + rejected == Self.inputCount)
        #expect(accepted == 1_016, "the generator also produces valid expressions")
        #expect(badPositions == [])
    }
}

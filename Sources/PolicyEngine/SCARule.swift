import Foundation
import InventoryModel

/// One Wazuh SCA rule, such as `not f:/etc/ssh/sshd_config -> !r:^# && r:PermitRootLogin\s+yes`.
///
/// Grammar (Wazuh's): an optional `not `, a type letter and a location, then the test after the
/// first ` -> `. `f:` files (comma-separated paths) and `c:` commands take everything after it
/// as one content test; `d:` directories read it as `name test -> content test`, `r:` registry
/// keys as `value or subkey name -> data test`; `p:` processes take none.
struct SCARule: Sendable, Hashable {
    enum Target: Sendable, Hashable {
        case files([String], content: SCAPattern?)
        case directories([String], names: SCAPattern?, content: SCAPattern?)
        case process(String)
        case command(String, content: SCAPattern?)
        case registry(key: String, value: SCAPattern?, content: SCAPattern?)
    }

    var negated: Bool
    var target: Target
    /// As written (after variable substitution), for evidence and messages.
    var text: String

    /// Parses a rule; a failure carries the scalar offset it points at.
    static func parse(_ written: String) throws(SCASyntaxError) -> SCARule {
        var body = Substring(written)
        var offset = 0
        func skipBlanks() {
            let blanks = body.prefix { $0 == " " || $0 == "\t" }.count
            body = body.dropFirst(blanks)
            offset += blanks
        }
        skipBlanks()
        var negated = false
        if body.hasPrefix("not ") {
            negated = true
            body = body.dropFirst(4)
            offset += 4
            skipBlanks()
        }
        guard body.count >= 2, body.dropFirst().hasPrefix(":") else {
            throw SCASyntaxError(.scaRuleStart, offset: offset)
        }
        let kind = body.first!
        // As in Wazuh, files and commands take everything after the first ' -> ' as their content
        // test; directories and registry keys have two levels after it.
        var parts = body.components(separatedBy: " -> ")
        let levels = kind == "d" || kind == "r" ? 3 : kind == "p" ? 1 : 2
        if levels > 1, parts.count > levels {
            parts =
                Array(parts[..<(levels - 1)]) + [parts[(levels - 1)...].joined(separator: " -> ")]
        }
        let head = parts[0]
        let location = String(head.dropFirst(2)).trimmed
        guard !location.isEmpty else {
            throw SCASyntaxError(.scaRuleNamesNothing(kind: kind), offset: offset)
        }
        let partOffsets = parts.indices.map { i in
            offset + parts[..<i].map { $0.unicodeScalars.count + 4 }.reduce(0, +)
        }
        func pattern(_ i: Int) throws(SCASyntaxError) -> SCAPattern? {
            guard i < parts.count else { return nil }
            return try SCAPattern.parse(parts[i], offset: partOffsets[i])
        }
        func maxParts(_ n: Int) throws(SCASyntaxError) {
            guard parts.count <= n else {
                throw SCASyntaxError(
                    n == 1 ? .scaRuleTakesNoArrow(kind: kind) : .scaRuleTooManyArrows(kind: kind, most: n - 1),
                    offset: partOffsets[n])
            }
        }
        let target: Target
        switch kind {
        case "f":
            try maxParts(2)
            target = .files(paths(location), content: try pattern(1))
        case "d":
            try maxParts(3)
            target = .directories(paths(location), names: try pattern(1), content: try pattern(2))
        case "p":
            try maxParts(1)
            target = .process(location)
        case "c":
            try maxParts(2)
            target = .command(location, content: try pattern(1))
        case "r":
            try maxParts(3)
            target = .registry(key: location, value: try pattern(1), content: try pattern(2))
        default:
            throw SCASyntaxError(.unknownSCARuleType(kind), offset: offset)
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
        case .directories(let paths, let names, let content):
            paths.map { path in
                guard let names else { return Probe.directory(path) }
                return Probe.tree(path, contents: content.map { _ in SCANameFilter.filter(for: names) })
            }
        case .process: [.processes]
        case .command(let command, _): [.program(command)]
        case .registry(let key, _, _): [.registry(key)]
        }
    }
}

/// A mistake inside one SCA rule, at a scalar offset in it.
struct SCASyntaxError: Error {
    var problem: PolicyProblem
    var offset: Int

    init(_ problem: PolicyProblem, offset: Int) {
        self.problem = problem
        self.offset = offset
    }
}

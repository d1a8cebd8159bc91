import Foundation

/// What the loaded netfilter rules do with an incoming packet that no specific rule allows, read
/// from `nft list ruleset` and `iptables-save` / `ip6tables-save` output.
///
/// Each input base chain is walked the way the kernel walks it, keeping only rules that match
/// every packet: a conditional rule (`tcp dport 22 accept`, `-p tcp --dport 22 -j ACCEPT`) is a
/// specific allow or deny and is passed over; an unconditional verdict ends the walk (firewalld's
/// closing `reject with icmpx admin-prohibited`, iptables' `-j REJECT`); an unconditional `jump`
/// walks the target chain and comes back, `goto` does not come back; falling off the end is the
/// chain's policy. Several base chains on the input hook (nft tables, iptables-nft beside
/// iptables-legacy) all see the packet, so one that drops drops it.
enum NetfilterRules {
    /// `drop` or `accept` for a family, from the default verdicts of its input chains; nil
    /// when there is no input chain at all (nothing filters: accept).
    enum Verdict: String { case accept, drop }

    struct Chain {
        var policy: Verdict?
        var isInputBaseChain = false
        /// Each rule reduced to what the walk needs: nil for one it cannot read.
        var rules: [Step?] = []
    }

    indirect enum Step: Equatable {
        case verdict(Verdict)
        case jump(String)
        case goto(String)
        case `return`
        /// An unconditional statement that does not end the walk (`counter`, `-j LOG`).
        case pass
        /// A rule with a match: only some packets take its step.
        case conditional(Step)
    }

    /// The default input verdict per family in `nft list ruleset` output: `v4` from `ip` and
    /// `inet` tables, `v6` from `ip6` and `inet` tables; nil for a family without input chains.
    static func nftInput(_ text: String) -> (v4: Verdict?, v6: Verdict?, tables: [String]) {
        var tables: [(family: String, name: String, chains: [String: Chain])] = []
        var depth = 0
        var chainName: String?
        var inBlock = false  // a set, map or other object inside a table
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let opens = line.filter { $0 == "{" }.count
            let closes = line.filter { $0 == "}" }.count
            defer { depth = max(0, depth + opens - closes) }
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if depth == 0 {
                // `table inet firewalld {`
                if words.first == "table", words.count >= 4 { tables.append((words[1], words[2], [:])) }
                continue
            }
            if depth == 1 {
                inBlock = false
                chainName = nil
                if words.first == "chain", words.count >= 2, opens > closes {
                    chainName = words[1]
                    tables[tables.count - 1].chains[words[1]] = Chain()
                } else if opens > closes {
                    inBlock = true
                }
                continue
            }
            guard depth == 2, !inBlock, let name = chainName, !tables.isEmpty else { continue }
            if words.first == "type" {
                let statements = line.split(separator: ";").map { $0.split(whereSeparator: \.isWhitespace) }
                for s in statements {
                    if s.first == "type", let hook = s.firstIndex(of: "hook"), hook + 1 < s.count, s[hook + 1] == "input",
                        s.count > 1, s[1] == "filter"
                    {
                        tables[tables.count - 1].chains[name]?.isInputBaseChain = true
                    }
                    if s.first == "policy", s.count >= 2 { tables[tables.count - 1].chains[name]?.policy = Verdict(nft: String(s[1])) }
                }
                continue
            }
            if words.first == "}" || words.first == "comment" || words.first == "devices" { continue }
            tables[tables.count - 1].chains[name]?.rules.append(nftStep(words))
        }
        func verdict(for families: Set<String>) -> Verdict? {
            var found: Verdict?
            for table in tables where families.contains(table.family) {
                for chain in table.chains.values where chain.isInputBaseChain {
                    let v = walk(chain, in: table.chains)
                    if v == .drop { return .drop }
                    found = .accept
                }
            }
            return found
        }
        return (verdict(for: ["ip", "inet"]), verdict(for: ["ip6", "inet"]), tables.map { "\($0.family) \($0.name)" })
    }

    /// A rule's words as a step, `conditional` when a match comes before its verdict.
    static func nftStep(_ words: [String]) -> Step? {
        var i = 0
        var matched = false
        func step(_ s: Step) -> Step { matched ? .conditional(s) : s }
        while i < words.count {
            let w = words[i]
            switch w {
            case "counter":
                i += 1
                while i + 1 < words.count, words[i] == "packets" || words[i] == "bytes" { i += 2 }
                continue
            case "log":
                i += 1
                while i + 1 < words.count, ["prefix", "level", "flags", "group", "snaplen", "queue-threshold"].contains(words[i]) {
                    i += 1
                    // A quoted prefix may hold spaces: its value runs to the word that closes the quote.
                    var value = words[i]
                    while value.hasPrefix("\""), value.count < 2 || !value.hasSuffix("\""), i + 1 < words.count {
                        i += 1
                        value += " " + words[i]
                    }
                    i += 1
                }
                continue
            case "comment":
                return step(.pass)
            case "accept": return step(.verdict(.accept))
            case "drop", "reject": return step(.verdict(.drop))
            case "return": return step(.return)
            case "jump", "goto":
                guard i + 1 < words.count else { return nil }
                return step(w == "jump" ? .jump(words[i + 1]) : .goto(words[i + 1]))
            default:
                // Anything else is a match (or a statement this reading does not know): the rule
                // may not apply to every packet.
                matched = true
                i += 1
            }
        }
        return step(.pass)
    }

    /// The default input verdict of `iptables-save` output (its `filter` table).
    static func iptablesInput(_ text: String) -> Verdict? {
        var chains: [String: Chain] = [:]
        var table: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            // `iptables-save -c` puts `[packets:bytes] ` before each rule.
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                line = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
            }
            if line.hasPrefix("*") { table = String(line.dropFirst()); continue }
            guard table == "filter" else { continue }
            if line.hasPrefix(":") {
                let words = line.dropFirst().split(separator: " ")
                guard let name = words.first else { continue }
                var chain = Chain()
                chain.isInputBaseChain = name == "INPUT"
                if words.count >= 2 { chain.policy = Verdict(nft: words[1].lowercased()) }
                chains[String(name)] = chain
            } else if line.hasPrefix("-A ") {
                let words = iptablesWords(line)
                guard words.count >= 2 else { continue }
                chains[words[1], default: Chain()].rules.append(iptablesStep(Array(words.dropFirst(2))))
            }
        }
        guard let input = chains["INPUT"] else { return nil }
        return walk(input, in: chains)
    }

    /// Words of an iptables-save line, a double-quoted comment kept as one word.
    static func iptablesWords(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for c in line {
            if c == "\"" { quoted.toggle(); current.append(c); continue }
            if c == " ", !quoted {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// After `-A CHAIN`: unconditional with nothing but a target, its options and a comment;
    /// any other option is a match, so the step is conditional.
    static func iptablesStep(_ words: [String]) -> Step? {
        var target: String?
        var goto = false
        var matched = false
        var i = 0
        while i < words.count {
            switch words[i] {
            case "-j", "--jump":
                guard i + 1 < words.count else { return nil }
                target = words[i + 1]
                i += 2
            case "-g", "--goto":
                guard i + 1 < words.count else { return nil }
                target = words[i + 1]
                goto = true
                i += 2
            case "-m" where i + 1 < words.count && words[i + 1] == "comment": i += 2
            case "--comment": i += 2
            case "-c": i += 3
            default:
                // Options after the target belong to it (`--reject-with`, `--log-prefix`).
                if target == nil { matched = true }
                i += 1
            }
        }
        guard let target else { return matched ? .conditional(.pass) : .pass }
        let step: Step
        switch target {
        case "ACCEPT": step = .verdict(.accept)
        case "DROP", "REJECT": step = .verdict(.drop)
        case "RETURN": step = .return
        case "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "TRACE", "AUDIT", "CT", "NOTRACK": step = .pass
        default: step = goto ? .goto(target) : .jump(target)
        }
        return matched ? .conditional(step) : step
    }

    /// The default verdict of a base chain: `drop` only when every way through it (every
    /// branch a conditional jump or return may take) ends in a drop; falling off the end is its
    /// policy (accept when unset, as nft's default is).
    static func walk(_ chain: Chain, in chains: [String: Chain]) -> Verdict {
        var memo: [String: Set<Outcome>] = [:]
        var visiting: Set<String> = []
        var outcomes = self.outcomes(chain.rules, in: chains, memo: &memo, visiting: &visiting)
        if outcomes.remove(.fallThrough) != nil { outcomes.insert(chain.policy == .drop ? .drop : .accept) }
        return outcomes == [.drop] ? .drop : .accept
    }

    enum Outcome: Hashable { case accept, drop, fallThrough }

    /// Every way a packet that no specific rule allows can leave `rules`: a conditional verdict is
    /// a specific allow or deny and is passed over; a conditional jump, goto or return may or may
    /// not be taken, so both ways are followed (ufw's `ufw-not-local` returns for local addresses
    /// before its final drop). Each chain is worked out once, and a chain already on the path
    /// counts as falling through, so a loop cannot hang the reading.
    private static func outcomes(
        _ rules: [Step?], in chains: [String: Chain], memo: inout [String: Set<Outcome>], visiting: inout Set<String>
    ) -> Set<Outcome> {
        var result: Set<Outcome> = []
        func target(_ name: String) -> Set<Outcome> {
            if let known = memo[name] { return known }
            guard let chain = chains[name], !visiting.contains(name) else { return [.fallThrough] }
            visiting.insert(name)
            let found = outcomes(chain.rules, in: chains, memo: &memo, visiting: &visiting)
            visiting.remove(name)
            memo[name] = found
            return found
        }
        for rule in rules {
            switch rule {
            case nil, .pass?, .conditional(.verdict)?, .conditional(.pass)?:
                continue
            case .verdict(let v)?:
                result.insert(v == .drop ? .drop : .accept)
                return result
            case .return?:
                result.insert(.fallThrough)
                return result
            case .conditional(.return)?:
                result.insert(.fallThrough)
            case .jump(let name)?:
                let found = target(name)
                result.formUnion(found.subtracting([.fallThrough]))
                if !found.contains(.fallThrough) { return result }
            case .goto(let name)?:
                result.formUnion(target(name))
                return result
            case .conditional(.jump(let name))?, .conditional(.goto(let name))?:
                result.formUnion(target(name))
            case .conditional(.conditional)?:
                continue
            }
        }
        result.insert(.fallThrough)
        return result
    }
}

extension NetfilterRules.Verdict {
    /// nft `accept`/`drop`, iptables `ACCEPT`/`DROP` (lowercased); `-` and anything else: nil.
    init?(nft word: String) {
        switch word.trimmingCharacters(in: CharacterSet(charactersIn: ";")) {
        case "accept": self = .accept
        case "drop", "reject": self = .drop
        default: return nil
        }
    }
}

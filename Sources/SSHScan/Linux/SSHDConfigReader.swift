import Foundation
import InventoryModel

/// Reads `sshd_config` and its Include'd files as sshd does: the first value of a keyword wins,
/// `Include` pulls files in where it stands, and `Match` blocks apply only to the connections they
/// match, so they are kept apart (criteria and settings) instead of being dropped.
///
/// A file or directory the scanning account cannot read makes every keyword it could have set
/// unknown: those first met after it (it might have set them first), the defaults, and the
/// `Match` blocks (it might hold some). Keywords set before it stay known.
struct SSHDConfigReader {
    let files: [String: String]
    let unreadable: Set<String>
    /// The daemon's defaults, for `+`/`-`/`^` algorithm edits.
    let defaults: [String: String]
    private(set) var settings: [String: [String]] = [:]
    private(set) var blocks: [SSHDMatchBlock] = []
    /// The first path that could not be read, in reading order.
    private(set) var blindedBy: String?
    /// Keywords first set before anything unreadable was met.
    private(set) var known: Set<String> = []

    init(files: [String: String], unreadable: Set<String>, defaults: [String: String]) {
        self.files = files
        self.unreadable = unreadable
        self.defaults = defaults
    }

    mutating func read(_ path: String, depth: Int = 0, block outer: Int? = nil) {
        // sshd caps Include nesting too; a loop of includes must not recurse forever.
        guard depth <= 16 else { return }
        guard let text = files[path] else {
            if unreadable.contains(path) { blindedBy = blindedBy ?? path }
            return
        }
        var block = outer
        for line in text.split(whereSeparator: \.isNewline) {
            var words = SSHDConfig.words(of: line)
            guard !words.isEmpty else { continue }
            var keyword = words.removeFirst()
            if let equals = keyword.firstIndex(of: "=") {
                let rest = String(keyword[keyword.index(after: equals)...])
                keyword = String(keyword[..<equals])
                if !rest.isEmpty { words.insert(rest, at: 0) }
            } else if let separator = words.first, separator.hasPrefix("=") {
                // "Keyword = value" and "Keyword =value".
                words[0].removeFirst()
                if words[0].isEmpty { words.removeFirst() }
            }
            keyword = keyword.lowercased()
            keyword = SSHDConfig.aliases[keyword] ?? keyword
            if keyword == "match" {
                if words.count == 1 && words[0].lowercased() == "all" {
                    block = nil
                } else {
                    blocks.append(
                        SSHDMatchBlock(
                            criteria: words.joined(separator: " "), mayApplyToRoot: Self.mayApplyToRoot(words),
                            settings: [:]))
                    block = blocks.count - 1
                }
                continue
            }
            guard !words.isEmpty else { continue }
            if keyword == "include" {
                for pattern in words { include(pattern, depth: depth, block: block) }
                continue
            }
            let value = SSHDConfig.normalized(keyword, words, defaults: defaults)
            if let block {
                if SSHDConfig.repeatable.contains(keyword) {
                    blocks[block].settings[keyword, default: []].append(value ?? "")
                } else if blocks[block].settings[keyword] == nil {
                    blocks[block].settings[keyword] = value.map { [$0] } ?? []
                }
            } else if SSHDConfig.repeatable.contains(keyword) {
                settings[keyword, default: []].append(value ?? "")
            } else if settings[keyword] == nil {
                settings[keyword] = value.map { [$0] } ?? []
                if blindedBy == nil && value != nil { known.insert(keyword) }
            }
        }
    }

    /// The files an Include pattern names, in name order as sshd's glob gives them; an unreadable
    /// match, or a directory that cannot be listed, blinds the reader from there on.
    private mutating func include(_ pattern: String, depth: Int, block: Int?) {
        let absolute = pattern.hasPrefix("/") ? pattern : "/etc/ssh/" + pattern
        let directory = String(absolute[..<(absolute.lastIndex(of: "/") ?? absolute.startIndex)])
        if unreadable.contains(directory) { blindedBy = blindedBy ?? directory }
        let matched = Set(files.keys.filter { Glob.matches(absolute, $0) })
            .union(unreadable.filter { Glob.matches(absolute, $0) })
        for file in matched.sorted() { read(file, depth: depth + 1, block: block) }
    }

    /// Whether a `Match` line's criteria can hold for a login as root. Every criterion must hold;
    /// only `User` (a pattern list, `!` negates) and `Invalid-User` can rule root out: groups,
    /// hosts, addresses and ports may always match some connection.
    static func mayApplyToRoot(_ words: [String]) -> Bool {
        var index = 0
        while index < words.count {
            let criterion = words[index].lowercased()
            index += 1
            switch criterion {
            case "all": continue
            case "invalid-user": return false
            case "user":
                guard index < words.count else { return true }
                if !patternListMatches(words[index], "root") { return false }
                index += 1
            default:
                index += 1
            }
        }
        return true
    }

    /// sshd's `match_pattern_list`: comma-separated patterns, `!` negates; a negated match
    /// rules out, otherwise any positive match is a match.
    static func patternListMatches(_ list: String, _ name: String) -> Bool {
        var matched = false
        for pattern in list.split(separator: ",") {
            if pattern.hasPrefix("!") {
                if Glob.matches(String(pattern.dropFirst()), name) { return false }
            } else if Glob.matches(String(pattern), name) {
                matched = true
            }
        }
        return matched
    }
}

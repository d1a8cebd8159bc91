public import Foundation
public import InventoryModel

/// The Host blocks of an OpenSSH client config (`ssh_config(5)`), applied to inventory targets.
///
/// IT centres already describe how to reach their servers in `~/.ssh/config`; reading it spares
/// them a second copy in the inventory. Only what the scanner uses is read: `HostName`, `User`,
/// `Port`, `IdentityFile` and `ProxyJump`. As in OpenSSH, blocks are tried in file order and the
/// first value found for a keyword wins; patterns take `*` and `?`, and `!pattern` excludes.
/// `Match` blocks and `Include` are not followed (their options are skipped, never misapplied).
public struct SSHConfig: Sendable, Hashable {
    struct Block: Sendable, Hashable {
        /// nil for the options before the first Host line, which apply to every host.
        var patterns: [String]?
        var options: [(key: String, value: String)]

        static func == (a: Block, b: Block) -> Bool {
            a.patterns == b.patterns && a.options.map(\.key) == b.options.map(\.key)
                && a.options.map(\.value) == b.options.map(\.value)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(patterns)
            for option in options {
                hasher.combine(option.key)
                hasher.combine(option.value)
            }
        }

        func matches(_ host: String) -> Bool {
            guard let patterns else { return true }
            var matched = false
            for pattern in patterns {
                if pattern.hasPrefix("!") {
                    if Glob.matches(String(pattern.dropFirst()).lowercased(), host.lowercased()) { return false }
                } else if Glob.matches(pattern.lowercased(), host.lowercased()) {
                    matched = true
                }
            }
            return matched
        }
    }

    var blocks: [Block]
    /// Where `~` in IdentityFile points.
    let homeDirectory: String

    public init(text: String, homeDirectory: String = NSHomeDirectory()) {
        self.homeDirectory = homeDirectory
        var blocks = [Block(patterns: nil, options: [])]
        var skipping = false
        for raw in text.split(whereSeparator: \.isNewline) {
            let words = SSHConfig.words(String(raw))
            guard let keyword = words.first?.lowercased(), !keyword.hasPrefix("#") else { continue }
            let arguments = Array(words.dropFirst())
            switch keyword {
            case "host":
                skipping = false
                blocks.append(Block(patterns: arguments, options: []))
            case "match":
                skipping = true
            default:
                if !skipping, let value = arguments.first {
                    blocks[blocks.count - 1].options.append((keyword, value))
                }
            }
        }
        self.blocks = blocks
    }

    public static func load(path: String) throws -> SSHConfig {
        SSHConfig(text: try String(contentsOfFile: path, encoding: .utf8))
    }

    /// `Keyword value`, `Keyword=value` and `"quoted values"`, without comments.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var sawEquals = false
        for ch in line.trimmingCharacters(in: .whitespaces) {
            if ch == "\"" {
                quoted.toggle()
            } else if !quoted && ch == "#" && current.isEmpty {
                break
            } else if !quoted && (ch == " " || ch == "\t" || (ch == "=" && words.isEmpty && !sawEquals)) {
                if ch == "=" { sawEquals = true }
                if !current.isEmpty {
                    words.append(current)
                    current = ""
                }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The first value of each keyword (lower-cased) over the blocks that match `host`.
    public func options(forHost host: String) -> [String: String] {
        var values: [String: String] = [:]
        for block in blocks where block.matches(host) {
            for option in block.options where values[option.key] == nil {
                values[option.key] = option.value
            }
        }
        return values
    }

    /// The target as OpenSSH would reach it: its address is the alias matched against Host lines.
    public func apply(to target: SSHTarget) -> SSHTarget {
        let options = options(forHost: target.address)
        var resolved = target
        if let name = options["hostname"] { resolved.address = name.replacingOccurrences(of: "%h", with: target.address) }
        if let user = options["user"] { resolved.user = user }
        if let port = options["port"].flatMap({ Int($0) }), (1...65535).contains(port) { resolved.port = port }
        if let identity = options["identityfile"], identity.lowercased() != "none" {
            var path = identity.replacingOccurrences(of: "%d", with: homeDirectory)
            if path.hasPrefix("~/") { path = homeDirectory + path.dropFirst(1) }
            var passphrase: String?
            if case .keyFile(_, let variable) = target.credential { passphrase = variable }
            resolved.credential = .keyFile(path: path, passphraseEnvironment: passphrase)
        }
        if let jump = options["proxyjump"] { resolved.proxyJump = jump.lowercased() == "none" ? nil : jump }
        return resolved
    }
}

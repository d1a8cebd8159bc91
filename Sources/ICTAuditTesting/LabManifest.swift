public import Foundation

/// The lab's hosts as data, read with the grammar `lab/lab.sh` applies: `lab/hosts.tsv` (name,
/// port offset, folders, summary) and each folder's `manifest` (one step a line).
///
/// `lab.sh` finds a bad step only when it builds the chroot, as root, minutes into a test run;
/// `check(lab:)` finds it in `swift test`, naming `file:line` the way `lab.sh` does. It walks each
/// host's folders in table order as `lab.sh` builds them, so a step on a file that no folder
/// provides (a misspelt path) is caught as well as an unknown step or a bad time.
public enum LabManifest {
    /// The steps `apply_manifest` in `lab/lab.sh` knows, with the arguments each takes.
    public enum Verb: String, CaseIterable, Sendable {
        case link, mode, mtime, fill, random, fifo, recordings, sshd, check
        case clamavDB = "clamav-db", checkVia = "check-via", checkOutput = "check-output", staleHostKey = "stale-host-key"

        /// How many whitespace-separated arguments the step takes; `nil`: the rest of the line, not empty.
        var arity: Int? {
            switch self {
            case .link, .mode, .mtime, .random: 2
            case .fill, .fifo, .recordings, .checkVia: 1
            case .clamavDB: 4
            case .staleHostKey: 0
            case .sshd, .check, .checkOutput: nil
            }
        }
    }

    public struct Step: Sendable, Equatable {
        public var verb: Verb
        /// The line after the verb split on blanks, as bash's `read -a` splits it.
        public var arguments: [String]
        /// The line after the verb, as written (an `sshd` line keeps its indentation).
        public var rest: String
        public var line: Int
    }

    /// A mistake in the lab's data: `file:line: message`, as `lab.sh` reports it.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }

        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
    }

    /// The steps of one manifest; each line is checked alone (verb, arguments, times, modes).
    public static func parse(_ text: String, file: String) -> (steps: [Step], problems: [Problem]) {
        var steps: [Step] = []
        var problems: [Problem] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            // `read -r verb rest`: leading blanks dropped, the verb up to the next blank.
            let trimmed = raw.drop { $0 == " " || $0 == "\t" }
            let word = String(trimmed.prefix { $0 != " " && $0 != "\t" })
            if word.isEmpty || word.hasPrefix("#") { continue }
            var rest = String(trimmed.dropFirst(word.count))
            if word != "sshd" { rest = rest.trimmingCharacters(in: .whitespaces) } else if rest.hasPrefix(" ") { rest.removeFirst() }
            func problem(_ message: String) { problems.append(Problem(file: file, line: line, message: message)) }
            guard let verb = Verb(rawValue: word) else {
                problem("unknown step '\(word)'" + suggestion(for: word))
                continue
            }
            let arguments = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if let arity = verb.arity, arguments.count != arity {
                problem("'\(word)' takes \(arity) argument\(arity == 1 ? "" : "s"), not \(arguments.count)")
                continue
            }
            if verb.arity == nil, arguments.isEmpty {
                problem("'\(word)' needs the rest of the line")
                continue
            }
            if let message = argumentProblem(verb, arguments) {
                problem(message)
                continue
            }
            steps.append(Step(verb: verb, arguments: arguments, rest: rest, line: line))
        }
        return (steps, problems)
    }

    /// `start`, `start-N` (seconds), `start-Nd` (days) or an epoch, as `when` in `lab.sh` reads them.
    public static func isTime(_ text: String) -> Bool {
        if text == "start" || (!text.isEmpty && text.allSatisfy(\.isASCIIDigitLike)) { return true }
        guard text.hasPrefix("start-") else { return false }
        var count = text.dropFirst("start-".count)
        if count.hasSuffix("d") { count = count.dropLast() }
        return !count.isEmpty && count.allSatisfy(\.isASCIIDigitLike)
    }

    private static func argumentProblem(_ verb: Verb, _ arguments: [String]) -> String? {
        func path(_ text: String) -> String? { text.hasPrefix("/") ? nil : "'\(text)' is not an absolute path in the host" }
        func number(_ text: String, _ what: String) -> String? {
            !text.isEmpty && text.allSatisfy(\.isASCIIDigitLike) ? nil : "\(what) '\(text)' is not a number"
        }
        func time(_ text: String) -> String? {
            isTime(text) ? nil : "'\(text)' is not a time (start, start-N seconds, start-Nd days, or an epoch)"
        }
        switch verb {
        case .link, .fill, .fifo, .recordings: return path(arguments[0])
        case .mode:
            let octal = (3...4).contains(arguments[0].count) && arguments[0].allSatisfy { ("0"..."7").contains($0) }
            return octal ? path(arguments[1]) : "'\(arguments[0])' is not an octal mode"
        case .mtime: return path(arguments[0]) ?? time(arguments[1])
        case .random: return path(arguments[0]) ?? number(arguments[1], "byte count")
        case .clamavDB:
            return path(arguments[0]) ?? time(arguments[1]) ?? number(arguments[2], "version")
                ?? number(arguments[3], "signature count")
        case .sshd, .check, .checkVia, .checkOutput, .staleHostKey: return nil
        }
    }

    private static func suggestion(for word: String) -> String {
        let names = Verb.allCases.map(\.rawValue)
        let near = names.min { distance($0, word) < distance($1, word) }
        guard let near, distance(near, word) <= 2 else { return "; steps are " + names.joined(separator: ", ") }
        return "; did you mean '\(near)'?"
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }

    // MARK: The whole lab

    /// One row of `hosts.tsv`, with the line it is on.
    public struct Host: Sendable, Equatable {
        public var name: String
        public var portOffset: Int
        public var folders: [String]
        public var summary: String
        public var line: Int
    }

    /// The rows of `hosts.tsv` (`file` names it in problems), read as `lab.sh` reads them: tab-separated
    /// name, port offset, folders, summary; `#` starts a comment line. Each row is checked alone
    /// (fields, a number for the offset, a folder named) and against the rows before it (names and
    /// offsets are unique).
    public static func table(_ text: String, file: String) -> (hosts: [Host], problems: [Problem]) {
        var hosts: [Host] = []
        var problems: [Problem] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let fields = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func problem(_ message: String) { problems.append(Problem(file: file, line: index + 1, message: message)) }
            guard fields.count >= 4, let offset = Int(fields[1]), offset >= 0 else {
                problem("a row is name, port offset, folders, summary, separated by tabs")
                continue
            }
            let folders = fields[2].split(separator: " ").map(String.init)
            if folders.isEmpty { problem("\(fields[0]) names no folder") }
            if hosts.contains(where: { $0.name == fields[0] }) { problem("host \(fields[0]) is listed twice") }
            if let other = hosts.first(where: { $0.portOffset == offset }) { problem("port offset \(offset) is \(other.name)'s too") }
            hosts.append(Host(name: fields[0], portOffset: offset, folders: folders, summary: fields[3], line: index + 1))
        }
        return (hosts, problems)
    }

    /// Every problem in the lab folder `lab` (holding `hosts.tsv`, `hosts/` and `recordings/`):
    /// the table's rows, each folder's manifest, and each host built in order: a step's file must
    /// come from a folder before it or an earlier step, a filled file's times must read, a file
    /// with placeholders must be filled, `@PORT:host@` and `check-via` must name a host in the table.
    public static func check(lab: URL) -> [Problem] {
        let files = FileManager.default
        let tableFile = lab.appendingPathComponent("hosts.tsv").path
        var problems: [Problem] = []
        guard let tableText = try? String(contentsOfFile: tableFile, encoding: .utf8) else {
            return [Problem(file: tableFile, line: 1, message: "cannot read the hosts table")]
        }
        let (hosts, tableProblems) = table(tableText, file: tableFile)
        problems += tableProblems
        for host in hosts {
            for folder in host.folders where !isFolder(lab.appendingPathComponent("hosts/\(folder)").path) {
                problems.append(Problem(file: tableFile, line: host.line, message: "\(host.name): no folder lab/hosts/\(folder)"))
            }
        }

        // Each folder's manifest, parsed once.
        var manifests: [String: [Step]] = [:]
        let folderNames = ((try? files.contentsOfDirectory(atPath: lab.appendingPathComponent("hosts").path)) ?? []).sorted()
        for folder in folderNames {
            let path = lab.appendingPathComponent("hosts/\(folder)/manifest").path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let (steps, found) = parse(text, file: path)
            manifests[folder] = steps
            problems += found
        }

        // Each host as lab.sh builds it: the base, then each folder's files and its steps.
        var reported = Set<String>()
        for host in hosts {
            var present = baseChroot
            var filled = Set<String>()
            var contents: [String: URL] = [:]
            for folder in host.folders {
                let root = lab.appendingPathComponent("hosts/\(folder)/root")
                for file in regularFiles(under: root) {
                    present.insert(file)
                    contents[file] = root.appendingPathComponent(String(file.dropFirst()))
                }
                let manifest = lab.appendingPathComponent("hosts/\(folder)/manifest").path
                for step in manifests[folder] ?? [] {
                    func problem(_ message: String) {
                        let found = Problem(file: manifest, line: step.line, message: message)
                        // A folder shared by several hosts reports once.
                        if reported.insert(found.description).inserted { problems.append(found) }
                    }
                    let target = step.arguments.first ?? ""
                    switch step.verb {
                    case .link, .clamavDB, .random, .fifo: present.insert(target)
                    case .mode, .mtime:
                        let file = step.verb == .mode ? step.arguments[1] : target
                        if !present.contains(file) { problem("\(host.name): no file \(file) before this step") }
                    case .fill:
                        guard present.contains(target) else {
                            problem("\(host.name): no file \(target) before this step")
                            continue
                        }
                        filled.insert(target)
                        for token in contents[target].map(placeholders(in:)) ?? [] where !token.valid {
                            problem("\(target): '@\(token.text)@' has no time lab.sh can read")
                        }
                    case .recordings:
                        if !isFolder(lab.appendingPathComponent("recordings/\(host.name)").path) {
                            problem("\(host.name): no folder lab/recordings/\(host.name)")
                        }
                        present.insert(target)
                    case .sshd:
                        for match in step.rest.matches(of: /@PORT:([A-Za-z0-9._-]+)@/)
                        where !hosts.contains(where: { $0.name == match.1 }) {
                            problem("@PORT:\(match.1)@ names no host in hosts.tsv")
                        }
                    case .checkVia:
                        if !hosts.contains(where: { $0.name == target }) { problem("check-via names no host '\(target)' in hosts.tsv") }
                    case .check, .checkOutput, .staleHostKey: break
                    }
                }
            }
            for (file, url) in contents.sorted(by: { $0.key < $1.key }) where !filled.contains(file) && !placeholders(in: url).isEmpty {
                let found = Problem(
                    file: tableFile, line: host.line,
                    message: "\(host.name): \(file) holds @…@ placeholders but no manifest fills it (add `fill \(file)`)")
                if reported.insert(found.description).inserted { problems.append(found) }
            }
        }
        return problems
    }

    /// What `base_chroot` in `lab.sh` makes before any folder: the files a step may name without
    /// a folder providing them.
    static let baseChroot: Set<String> = ["/etc/passwd", "/etc/group", "/dev/null", "/bin/busybox", "/tmp"]

    /// `@LAB_UID@`, `@LAB_GID@`, `@EPOCH:time@`, `@DATE:time:format@`, as `fill` in `lab.sh` finds them.
    static func placeholders(in url: URL) -> [(text: String, valid: Bool)] {
        guard let data = try? Data(contentsOf: url), data.firstIndex(of: UInt8(ascii: "@")) != nil else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        return text.matches(of: /@(LAB_UID|LAB_GID|EPOCH:[^@:]+|DATE:[^@:]+:[^@]+)@/).map { match in
            let token = String(match.1)
            if token.hasPrefix("EPOCH:") { return (token, isTime(String(token.dropFirst(6)))) }
            if token.hasPrefix("DATE:") { return (token, isTime(String(token.dropFirst(5).prefix { $0 != ":" }))) }
            return (token, true)
        }
    }

    /// Paths in the host (`/etc/os-release`) of the regular files under a folder's `root/`.
    static func regularFiles(under root: URL) -> [String] {
        let files = FileManager.default
        return (files.subpaths(atPath: root.path) ?? []).sorted().compactMap { relative in
            var folder: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            // A regular file (git keeps no links under root/: the manifest makes them).
            guard files.fileExists(atPath: path, isDirectory: &folder), !folder.boolValue else { return nil }
            return "/" + relative
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}

extension Character {
    fileprivate var isASCIIDigitLike: Bool { ("0"..."9").contains(self) }
}

import Foundation
public import InventoryModel
import SourceYAML
import Yams

/// Reads `inventory/*.yaml` into an `AuditPlan`.
///
/// Paths in the file (keys, known_hosts, captures) are relative to the file's folder. Passwords
/// are never accepted in the file, only the name of the environment variable that holds one.
public enum InventoryFile {
    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(InventoryFileError) -> AuditPlan {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InventoryFileError(file: path, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path, baseDirectory: folder)
    }

    /// Parses inventory text; `file` names it in errors, `baseDirectory` anchors relative paths.
    public static func parse(_ text: String, file: String, baseDirectory: String) throws(InventoryFileError) -> AuditPlan {
        let reader = YAMLDocument(text: text, file: file, syntaxLabel: "YAML syntax error")
        let root = try reader.root(expecting: "'units' and 'targets'", called: "the inventory")
        let top = try reader.fields(of: root, in: "the inventory",
            allowed: ["inventory", "defaults", "units", "targets", "captures"], required: ["units", "targets"])
        let parser = Parser(reader: reader, baseDirectory: baseDirectory)

        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var knownHosts: String?
        var sshConfig: String?
        if let header = top["inventory"] {
            let fields = try reader.fields(of: header, in: "'inventory'", allowed: ["name", "known_hosts", "ssh_config"])
            if let node = fields["name"] { name = try reader.string(node, "the inventory name") }
            if let node = fields["known_hosts"] { knownHosts = parser.path(try reader.string(node, "known_hosts")) }
            if let node = fields["ssh_config"] { sshConfig = parser.path(try reader.string(node, "ssh_config")) }
        }
        let defaults = try top["defaults"].map { node throws(InventoryFileError) in try parser.defaults(node) } ?? Defaults()
        let units = try parser.units(top["units"]!)
        let unitIDs = Set(units.map(\.id))
        let targets = try parser.targets(top["targets"]!, defaults: defaults, unitIDs: unitIDs)
        let captures = try top["captures"].map { node throws(InventoryFileError) in try parser.captures(node, unitIDs: unitIDs) } ?? []
        return AuditPlan(
            name: name, source: file, units: units, targets: targets, captures: captures, knownHostsPath: knownHosts,
            sshConfigPath: sshConfig)
    }
}

/// Values targets inherit unless they say otherwise.
struct Defaults {
    var user: String?
    var port = 22
    var credential: CredentialReference?
    var role: ComputerRole?
}

private struct Parser {
    let reader: YAMLDocument
    let baseDirectory: String

    func path(_ value: String) -> String {
        let expanded = (value as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return URL(fileURLWithPath: baseDirectory).appendingPathComponent(expanded).standardized.path
    }

    func defaults(_ node: Node) throws(InventoryFileError) -> Defaults {
        let fields = try reader.fields(of: node, in: "'defaults'", allowed: ["user", "port", "credential", "role"])
        var defaults = Defaults()
        if let n = fields["role"] { defaults.role = try role(n) }
        if let n = fields["user"] { defaults.user = try reader.string(n, "the default user") }
        if let n = fields["port"] { defaults.port = try reader.integer(n, "the default port", in: 1...65535) }
        if let n = fields["credential"] { defaults.credential = try credential(n) }
        return defaults
    }

    func units(_ node: Node) throws(InventoryFileError) -> [InventoryModel.Unit] {
        var units: [InventoryModel.Unit] = []
        // Every subnet read so far, to refuse one that overlaps another unit's: an address in
        // both could not be counted for either unit without counting it twice.
        var subnets: [(network: IPNetwork, text: String, unit: String, node: Node)] = []
        var seen: [String: Node] = [:]
        var parents: [(String, Node)] = []
        for item in try reader.sequence(node, "'units'") {
            let f = try reader.fields(of: item, in: "a unit", allowed: ["id", "name", "parent", "staff", "declared", "subnets"],
                required: ["id", "name", "staff"])
            let id = try reader.string(f["id"]!, "the unit id")
            guard seen[id] == nil else { throw reader.error(f["id"], "unit id '\(id)' is used twice") }
            seen[id] = f["id"]
            var unit = InventoryModel.Unit(
                id: id, name: try localized(f["name"]!, "the name of unit '\(id)'"),
                staff: try reader.integer(f["staff"]!, "the staff count of unit '\(id)'", in: 0...10_000_000))
            if let p = f["parent"] {
                unit.parent = try reader.string(p, "the parent of unit '\(id)'")
                parents.append((unit.parent!, p))
            }
            if let d = f["declared"] {
                for (key, value) in try reader.mapping(d, "the declared figures of unit '\(id)'") {
                    let figure = try reader.string(key, "a declared figure's name")
                    unit.declared[figure] = try reader.number(value, "the declared figure '\(figure)'")
                }
            }
            if let n = f["subnets"] {
                for item in try reader.sequence(n, "the subnets of unit '\(id)'") {
                    let subnet = try reader.string(item, "a subnet of unit '\(id)'")
                    guard let network = IPNetwork(subnet) else {
                        throw reader.error(item, "subnet '\(subnet)' of unit '\(id)' is not CIDR notation such as 10.10.1.0/24")
                    }
                    if let other = subnets.first(where: { $0.network.overlaps(network) }) {
                        let line = other.node.mark.map { " (line \($0.line), column \($0.column))" } ?? ""
                        throw reader.error(
                            item,
                            other.unit == id
                                ? "subnet '\(subnet)' of unit '\(id)' overlaps its subnet '\(other.text)'\(line); list each address block once"
                                : "subnet '\(subnet)' of unit '\(id)' overlaps subnet '\(other.text)' of unit '\(other.unit)'\(line); "
                                    + "an address must belong to one unit, or its computers and traffic would count twice")
                    }
                    subnets.append((network, subnet, id, item))
                    unit.subnets.append(subnet)
                }
            }
            units.append(unit)
        }
        for (parent, node) in parents where seen[parent] == nil {
            let hint = Suggestion.nearest(to: parent, among: Array(seen.keys)).map { "; did you mean '\($0)'?" } ?? ""
            throw reader.error(node, "the parent unit '\(parent)' is not defined in 'units'\(hint)")
        }
        return units
    }

    func localized(_ node: Node, _ what: String) throws(InventoryFileError) -> LocalizedText {
        if node.scalar != nil {
            throw reader.error(node, "\(what) must give both languages, e.g. { vi: \"Văn phòng\", en: \"Office\" }")
        }
        let f = try reader.fields(of: node, in: what, allowed: ["vi", "en"], required: ["vi", "en"])
        return LocalizedText(
            vi: try reader.string(f["vi"]!, "the Vietnamese text of \(what)").precomposedStringWithCanonicalMapping,
            en: try reader.string(f["en"]!, "the English text of \(what)").precomposedStringWithCanonicalMapping)
    }

    func credential(_ node: Node) throws(InventoryFileError) -> CredentialReference {
        let mapping = try reader.mapping(node, "a credential")
        for (key, _) in mapping where key.scalar?.string == "password" || key.scalar?.string == "passphrase" {
            throw reader.error(
                key,
                "secrets may not be written in the inventory; put it in an environment variable and name the variable with '\(key.scalar!.string)_env'"
            )
        }
        let f = try reader.fields(of: .mapping(mapping), in: "a credential", allowed: ["key", "passphrase_env", "agent", "password_env"])
        switch (f["key"], f["agent"], f["password_env"]) {
        case (let key?, nil, nil):
            return .keyFile(
                path: path(try reader.string(key, "the key file")),
                passphraseEnvironment: try f["passphrase_env"].map { n throws(InventoryFileError) in try reader.string(n, "passphrase_env") })
        case (nil, let agent?, nil):
            guard try reader.bool(agent, "agent") else { throw reader.error(agent, "'agent: false' names no credential; give key, agent: true or password_env") }
            return .agent
        case (nil, nil, let env?):
            return .passwordEnvironment(try reader.string(env, "password_env"))
        default:
            throw reader.error(node, "a credential must have exactly one of 'key', 'agent' or 'password_env'")
        }
    }

    func targets(_ node: Node, defaults: Defaults, unitIDs: Set<String>) throws(InventoryFileError) -> [SSHTarget] {
        var targets: [SSHTarget] = []
        var endpoints: Set<String> = []
        for item in try reader.sequence(node, "'targets'") {
            let mapping = try reader.mapping(item, "a target")
            let f = try reader.fields(of: .mapping(mapping), in: "a target",
                allowed: ["address", "port", "user", "unit", "name", "credential", "jump", "os", "sudo", "proxy_jump", "role", "purchased"],
                required: ["address", "unit"])
            let address = try reader.string(f["address"]!, "the target address")
            let unit = try reader.string(f["unit"]!, "the unit of \(address)")
            guard unitIDs.contains(unit) else {
                let hint = Suggestion.nearest(to: unit, among: Array(unitIDs)).map { "; did you mean '\($0)'?" } ?? ""
                throw reader.error(f["unit"], "unit '\(unit)' is not defined in 'units'\(hint)")
            }
            guard let user = try f["user"].map({ n throws(InventoryFileError) in try reader.string(n, "the user") }) ?? defaults.user else {
                throw reader.error(item, "target \(address) has no 'user' and 'defaults' gives none")
            }
            guard let credential = try f["credential"].map({ n throws(InventoryFileError) in try credential(n) }) ?? defaults.credential else {
                throw reader.error(item, "target \(address) has no 'credential' and 'defaults' gives none")
            }
            var target = SSHTarget(
                address: address,
                port: try f["port"].map { n throws(InventoryFileError) in try reader.integer(n, "the port", in: 1...65535) } ?? defaults.port,
                user: user, unit: unit,
                name: try f["name"].map { n throws(InventoryFileError) in try reader.string(n, "the target name") },
                credential: credential,
                os: try f["os"].map { n throws(InventoryFileError) in try targetOS(n) },
                sudo: try f["sudo"].map { n throws(InventoryFileError) in try reader.bool(n, "sudo") },
                proxyJump: try f["proxy_jump"].map { n throws(InventoryFileError) in try reader.string(n, "proxy_jump") },
                role: try f["role"].map { n throws(InventoryFileError) in try role(n) } ?? defaults.role,
                purchased: try f["purchased"].map { n throws(InventoryFileError) in try day(n, "the purchase date") })
            if let jumpNode = f["jump"] {
                target.jump = try jump(jumpNode, fallbackUser: user, fallbackCredential: credential)
            }
            guard endpoints.insert(target.endpoint).inserted else {
                throw reader.error(item, "target \(target.endpoint) is listed twice")
            }
            targets.append(target)
        }
        return targets
    }

    /// A bastion (`jump:`); its user and credential default to the target's.
    func jump(
        _ node: Node, fallbackUser: String, fallbackCredential: CredentialReference
    ) throws(InventoryFileError) -> JumpHost {
        let f = try reader.fields(of: node, in: "a jump host", allowed: ["address", "port", "user", "credential"],
            required: ["address"])
        return JumpHost(
            address: try reader.string(f["address"]!, "the jump host address"),
            port: try f["port"].map { n throws(InventoryFileError) in try reader.integer(n, "the jump host port", in: 1...65535) } ?? 22,
            user: try f["user"].map { n throws(InventoryFileError) in try reader.string(n, "the jump host user") } ?? fallbackUser,
            credential: try f["credential"].map { n throws(InventoryFileError) in try credential(n) } ?? fallbackCredential)
    }

    /// `server` or `workstation`: what the computer is for, when the facts should not decide.
    /// A `YYYY-MM-DD` day as midnight UTC.
    func day(_ node: Node, _ what: String) throws(InventoryFileError) -> Date {
        let text = try reader.string(node, what)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        var components = DateComponents()
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        {
            components.year = year
            components.month = month
            components.day = day
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        guard components.year != nil, let date = calendar.date(from: components),
            calendar.component(.day, from: date) == components.day
        else { throw reader.error(node, "\(what) must be a day written YYYY-MM-DD, such as 2021-03-15, not '\(text)'") }
        return date
    }

    func role(_ node: Node) throws(InventoryFileError) -> ComputerRole {
        let value = try reader.string(node, "the role")
        guard let role = ComputerRole(rawValue: value.lowercased()), role != .unknown else {
            let hint = Suggestion.nearest(to: value, among: ["server", "workstation"]).map { "; did you mean '\($0)'?" } ?? ""
            throw reader.error(node, "role must be 'server' or 'workstation', not '\(value)'\(hint)")
        }
        return role
    }

    func targetOS(_ node: Node) throws(InventoryFileError) -> TargetOS {
        let value = try reader.string(node, "the target os")
        guard let os = TargetOS(rawValue: value.lowercased()) else {
            throw reader.error(node, "os must be one of \(TargetOS.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
        }
        return os
    }

    /// `{ from: 2026-12-01T08:00:00Z, to: 2026-12-01T17:00:00Z }`: the time a capture should cover.
    func period(_ node: Node) throws(InventoryFileError) -> DateInterval {
        let f = try reader.fields(of: node, in: "a capture period", allowed: ["from", "to"], required: ["from", "to"])
        func date(_ n: Node) throws(InventoryFileError) -> Date {
            let text = try reader.string(n, "a time")
            let full = ISO8601DateFormatter()
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            guard let value = full.date(from: text) ?? day.date(from: text) else {
                throw reader.error(n, "'\(text)' is not a time such as 2026-12-01T08:00:00Z or a date such as 2026-12-01")
            }
            return value
        }
        let from = try date(f["from"]!)
        let to = try date(f["to"]!)
        guard to > from else { throw reader.error(f["to"], "the period must end after it starts") }
        return DateInterval(start: from, end: to)
    }

    func captures(_ node: Node, unitIDs: Set<String>) throws(InventoryFileError) -> [CaptureSource] {
        var captures: [CaptureSource] = []
        for item in try reader.sequence(node, "'captures'") {
            let f = try reader.fields(of: item, in: "a capture",
                allowed: ["unit", "file", "interface", "period", "interval_seconds"], required: ["unit"])
            let unit = try reader.string(f["unit"]!, "the unit of a capture")
            guard unitIDs.contains(unit) else { throw reader.error(f["unit"], "unit '\(unit)' is not defined in 'units'") }
            var source: CaptureSource
            switch (f["file"], f["interface"]) {
            case (let file?, nil): source = CaptureSource(unit: unit, kind: .file(path(try reader.string(file, "the capture file"))))
            case (nil, let interface?): source = CaptureSource(unit: unit, kind: .interface(try reader.string(interface, "the interface")))
            default: throw reader.error(item, "a capture must have exactly one of 'file' or 'interface'")
            }
            if let n = f["interval_seconds"] {
                let seconds = try reader.number(n, "interval_seconds")
                guard seconds >= 1, seconds <= 86_400 else { throw reader.error(n, "interval_seconds must be from 1 to 86400") }
                source.intervalSeconds = seconds
            }
            if let n = f["period"] { source.period = try period(n) }
            captures.append(source)
        }
        return captures
    }
}

extension YAMLDocument {
    /// An error at a node, in the order the inventory's checks read best.
    fileprivate func error(_ node: Node?, _ message: String) -> SourceError {
        error(message, at: node)
    }
}

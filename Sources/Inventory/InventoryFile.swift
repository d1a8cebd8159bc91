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
            throw InventoryFileError(file: path, line: 1, column: 1, problem: FileProblem.reading(path, error))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path, baseDirectory: folder)
    }

    /// Parses inventory text; `file` names it in errors, `baseDirectory` anchors relative paths.
    public static func parse(_ text: String, file: String, baseDirectory: String) throws(InventoryFileError) -> AuditPlan {
        let reader = YAMLDocument(text: text, file: file, syntaxLabel: .vi("lỗi cú pháp YAML", en: "YAML syntax error"))
        let root = try reader.root(expecting: .vi("'units' và 'targets'", en: "'units' and 'targets'"), called: .vi("tệp kiểm kê", en: "the inventory"))
        let top = try reader.fields(of: root, in: .vi("tệp kiểm kê", en: "the inventory"),
            allowed: ["inventory", "defaults", "units", "targets", "captures"], required: ["units", "targets"])
        let parser = Parser(reader: reader, baseDirectory: baseDirectory)

        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var knownHosts: String?
        var sshConfig: String?
        if let header = top["inventory"] {
            let fields = try reader.fields(of: header, in: .key("inventory"), allowed: ["name", "known_hosts", "ssh_config"])
            if let node = fields["name"] { name = try reader.string(node, .vi("tên bản kiểm kê", en: "the inventory name")) }
            if let node = fields["known_hosts"] { knownHosts = parser.path(try reader.string(node, .verbatim("known_hosts"))) }
            if let node = fields["ssh_config"] { sshConfig = parser.path(try reader.string(node, .verbatim("ssh_config"))) }
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
        let fields = try reader.fields(of: node, in: .key("defaults"), allowed: ["user", "port", "credential", "role"])
        var defaults = Defaults()
        if let n = fields["role"] { defaults.role = try role(n) }
        if let n = fields["user"] { defaults.user = try reader.string(n, .vi("người dùng mặc định", en: "the default user")) }
        if let n = fields["port"] { defaults.port = try reader.integer(n, .vi("cổng mặc định", en: "the default port"), in: 1...65535) }
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
        for item in try reader.sequence(node, .key("units")) {
            let f = try reader.fields(of: item, in: .vi("một đơn vị", en: "a unit"), allowed: ["id", "name", "parent", "staff", "declared", "subnets"],
                required: ["id", "name", "staff"])
            let id = try reader.string(f["id"]!, .vi("mã đơn vị", en: "the unit id"))
            guard seen[id] == nil else { throw reader.error(f["id"], .unitTwice(id)) }
            seen[id] = f["id"]
            var unit = InventoryModel.Unit(
                id: id, name: try localized(f["name"]!, .vi("tên đơn vị '\(id)'", en: "the name of unit '\(id)'")),
                staff: try reader.integer(f["staff"]!, .vi("số cán bộ của đơn vị '\(id)'", en: "the staff count of unit '\(id)'"), in: 0...10_000_000))
            if let p = f["parent"] {
                unit.parent = try reader.string(p, .vi("đơn vị cha của '\(id)'", en: "the parent of unit '\(id)'"))
                parents.append((unit.parent!, p))
            }
            if let d = f["declared"] {
                for (key, value) in try reader.mapping(d, .vi("số liệu kê khai của đơn vị '\(id)'", en: "the declared figures of unit '\(id)'")) {
                    let figure = try reader.string(key, .vi("tên một số liệu kê khai", en: "a declared figure's name"))
                    unit.declared[figure] = try reader.number(value, .vi("số liệu kê khai '\(figure)'", en: "the declared figure '\(figure)'"))
                }
            }
            if let n = f["subnets"] {
                for item in try reader.sequence(n, .vi("các dải mạng của đơn vị '\(id)'", en: "the subnets of unit '\(id)'")) {
                    let subnet = try reader.string(item, .vi("một dải mạng của đơn vị '\(id)'", en: "a subnet of unit '\(id)'"))
                    guard let network = IPNetwork(subnet) else {
                        throw reader.error(item, .subnetNotCIDR(subnet, unit: id))
                    }
                    if let other = subnets.first(where: { $0.network.overlaps(network) }) {
                        let at = other.node.mark.map { InventoryProblem.Position(line: $0.line, column: $0.column) }
                        throw reader.error(
                            item,
                            other.unit == id
                                ? .subnetOverlapsOwn(subnet, unit: id, other: other.text, at: at)
                                : .subnetOverlapsOther(subnet, unit: id, other: other.text, otherUnit: other.unit, at: at))
                    }
                    subnets.append((network, subnet, id, item))
                    unit.subnets.append(subnet)
                }
            }
            units.append(unit)
        }
        for (parent, node) in parents where seen[parent] == nil {
            throw reader.error(node, .unknownParent(parent, suggestion: Suggestion.nearest(to: parent, among: Array(seen.keys))))
        }
        return units
    }

    func localized(_ node: Node, _ what: LocalizedText) throws(InventoryFileError) -> LocalizedText {
        if node.scalar != nil {
            throw reader.error(node, .nameNotLocalized(what))
        }
        let f = try reader.fields(of: node, in: what, allowed: ["vi", "en"], required: ["vi", "en"])
        return LocalizedText(
            vi: try reader.string(f["vi"]!, .vi("văn bản tiếng Việt của \(what.vi)", en: "the Vietnamese text of \(what.en)"))
                .precomposedStringWithCanonicalMapping,
            en: try reader.string(f["en"]!, .vi("văn bản tiếng Anh của \(what.vi)", en: "the English text of \(what.en)"))
                .precomposedStringWithCanonicalMapping)
    }

    func credential(_ node: Node) throws(InventoryFileError) -> CredentialReference {
        let mapping = try reader.mapping(node, .vi("thông tin đăng nhập", en: "a credential"))
        for (key, _) in mapping where key.scalar?.string == "password" || key.scalar?.string == "passphrase" {
            throw reader.error(key, .secretInFile(key: key.scalar!.string))
        }
        let f = try reader.fields(of: .mapping(mapping), in: .vi("thông tin đăng nhập", en: "a credential"), allowed: ["key", "passphrase_env", "agent", "password_env"])
        switch (f["key"], f["agent"], f["password_env"]) {
        case (let key?, nil, nil):
            return .keyFile(
                path: path(try reader.string(key, .vi("tệp khoá", en: "the key file"))),
                passphraseEnvironment: try f["passphrase_env"].map { n throws(InventoryFileError) in try reader.string(n, .verbatim("passphrase_env")) })
        case (nil, let agent?, nil):
            guard try reader.bool(agent, .verbatim("agent")) else { throw reader.error(agent, .agentFalse) }
            return .agent
        case (nil, nil, let env?):
            return .passwordEnvironment(try reader.string(env, .verbatim("password_env")))
        default:
            throw reader.error(node, .credentialKind)
        }
    }

    func targets(_ node: Node, defaults: Defaults, unitIDs: Set<String>) throws(InventoryFileError) -> [SSHTarget] {
        var targets: [SSHTarget] = []
        var endpoints: Set<String> = []
        for item in try reader.sequence(node, .key("targets")) {
            let mapping = try reader.mapping(item, .vi("một máy", en: "a target"))
            let f = try reader.fields(of: .mapping(mapping), in: .vi("một máy", en: "a target"),
                allowed: ["address", "port", "user", "unit", "name", "credential", "jump", "os", "sudo", "proxy_jump", "role", "purchased"],
                required: ["address", "unit"])
            let address = try reader.string(f["address"]!, .vi("địa chỉ máy", en: "the target address"))
            let unit = try reader.string(f["unit"]!, .vi("đơn vị của \(address)", en: "the unit of \(address)"))
            guard unitIDs.contains(unit) else {
                throw reader.error(f["unit"], .unknownUnit(unit, suggestion: Suggestion.nearest(to: unit, among: Array(unitIDs))))
            }
            guard let user = try f["user"].map({ n throws(InventoryFileError) in try reader.string(n, .vi("người dùng", en: "the user")) }) ?? defaults.user else {
                throw reader.error(item, .noUser(target: address))
            }
            guard let credential = try f["credential"].map({ n throws(InventoryFileError) in try credential(n) }) ?? defaults.credential else {
                throw reader.error(item, .noCredential(target: address))
            }
            var target = SSHTarget(
                address: address,
                port: try f["port"].map { n throws(InventoryFileError) in try reader.integer(n, .vi("cổng", en: "the port"), in: 1...65535) } ?? defaults.port,
                user: user, unit: unit,
                name: try f["name"].map { n throws(InventoryFileError) in try reader.string(n, .vi("tên máy", en: "the target name")) },
                credential: credential,
                os: try f["os"].map { n throws(InventoryFileError) in try targetOS(n) },
                sudo: try f["sudo"].map { n throws(InventoryFileError) in try reader.bool(n, .verbatim("sudo")) },
                proxyJump: try f["proxy_jump"].map { n throws(InventoryFileError) in try reader.string(n, .verbatim("proxy_jump")) },
                role: try f["role"].map { n throws(InventoryFileError) in try role(n) } ?? defaults.role,
                purchased: try f["purchased"].map { n throws(InventoryFileError) in try day(n, .vi("ngày mua", en: "the purchase date")) })
            if let jumpNode = f["jump"] {
                target.jump = try jump(jumpNode, fallbackUser: user, fallbackCredential: credential)
            }
            guard endpoints.insert(target.endpoint).inserted else {
                throw reader.error(item, .targetTwice(target.endpoint))
            }
            targets.append(target)
        }
        return targets
    }

    /// A bastion (`jump:`); its user and credential default to the target's.
    func jump(
        _ node: Node, fallbackUser: String, fallbackCredential: CredentialReference
    ) throws(InventoryFileError) -> JumpHost {
        let f = try reader.fields(of: node, in: .vi("một máy trung chuyển", en: "a jump host"), allowed: ["address", "port", "user", "credential"],
            required: ["address"])
        return JumpHost(
            address: try reader.string(f["address"]!, .vi("địa chỉ máy trung chuyển", en: "the jump host address")),
            port: try f["port"].map { n throws(InventoryFileError) in try reader.integer(n, .vi("cổng máy trung chuyển", en: "the jump host port"), in: 1...65535) } ?? 22,
            user: try f["user"].map { n throws(InventoryFileError) in try reader.string(n, .vi("người dùng máy trung chuyển", en: "the jump host user")) } ?? fallbackUser,
            credential: try f["credential"].map { n throws(InventoryFileError) in try credential(n) } ?? fallbackCredential)
    }

    /// `server` or `workstation`: what the computer is for, when the facts should not decide.
    /// A `YYYY-MM-DD` day as midnight UTC.
    func day(_ node: Node, _ what: LocalizedText) throws(InventoryFileError) -> Date {
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
        else { throw reader.error(node, .notDay(what, found: text)) }
        return date
    }

    func role(_ node: Node) throws(InventoryFileError) -> ComputerRole {
        let value = try reader.string(node, .vi("vai trò", en: "the role"))
        guard let role = ComputerRole(rawValue: value.lowercased()), role != .unknown else {
            throw reader.error(node, .unknownRole(value, suggestion: Suggestion.nearest(to: value, among: ["server", "workstation"])))
        }
        return role
    }

    func targetOS(_ node: Node) throws(InventoryFileError) -> TargetOS {
        let value = try reader.string(node, .vi("hệ điều hành của máy", en: "the target os"))
        guard let os = TargetOS(rawValue: value.lowercased()) else {
            throw reader.error(node, .unknownOS(value, names: TargetOS.allCases.map(\.rawValue)))
        }
        return os
    }

    /// `{ from: 2026-12-01T08:00:00Z, to: 2026-12-01T17:00:00Z }`: the time a capture should cover.
    func period(_ node: Node) throws(InventoryFileError) -> DateInterval {
        let f = try reader.fields(of: node, in: .vi("một khoảng thời gian ghi", en: "a capture period"), allowed: ["from", "to"], required: ["from", "to"])
        func date(_ n: Node) throws(InventoryFileError) -> Date {
            let text = try reader.string(n, .vi("một thời điểm", en: "a time"))
            let full = ISO8601DateFormatter()
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            guard let value = full.date(from: text) ?? day.date(from: text) else {
                throw reader.error(n, .notTime(text))
            }
            return value
        }
        let from = try date(f["from"]!)
        let to = try date(f["to"]!)
        guard to > from else { throw reader.error(f["to"], .periodBackwards) }
        return DateInterval(start: from, end: to)
    }

    func captures(_ node: Node, unitIDs: Set<String>) throws(InventoryFileError) -> [CaptureSource] {
        var captures: [CaptureSource] = []
        for item in try reader.sequence(node, .key("captures")) {
            let f = try reader.fields(of: item, in: .vi("một bản ghi lưu lượng", en: "a capture"),
                allowed: ["unit", "file", "interface", "period", "interval_seconds"], required: ["unit"])
            let unit = try reader.string(f["unit"]!, .vi("đơn vị của bản ghi lưu lượng", en: "the unit of a capture"))
            guard unitIDs.contains(unit) else { throw reader.error(f["unit"], .unknownUnit(unit, suggestion: nil)) }
            var source: CaptureSource
            switch (f["file"], f["interface"]) {
            case (let file?, nil): source = CaptureSource(unit: unit, kind: .file(path(try reader.string(file, .vi("tệp bản ghi lưu lượng", en: "the capture file")))))
            case (nil, let interface?): source = CaptureSource(unit: unit, kind: .interface(try reader.string(interface, .vi("giao diện mạng", en: "the interface"))))
            default: throw reader.error(item, .captureSource)
            }
            if let n = f["interval_seconds"] {
                let seconds = try reader.number(n, .verbatim("interval_seconds"))
                guard seconds >= 1, seconds <= 86_400 else { throw reader.error(n, .interval) }
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
    fileprivate func error(_ node: Node?, _ problem: InventoryProblem) -> SourceError {
        error(problem, at: node)
    }
}

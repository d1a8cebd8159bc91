public import Foundation
import Inventory
public import InventoryModel
public import Reports
public import SourceYAML
public import Yams

/// Reads a schedules file (YAML): a list of named scans with a cron expression each.
///
/// Read like every other source file: through the positioned YAML reader, so a mistake reads
/// `schedules.yaml:7:11: …` with a "did you mean" where one helps.
///
/// ```yaml
/// schedules:
///   - name: hang-ngay                 # unique; letters, digits, '-' and '_'
///     cron: "0 2 * * *"               # minute hour day month weekday
///     time_zone: Asia/Ho_Chi_Minh     # the default
///     inventory: inventory/demo.yaml
///     policies: [policies]            # default: the workspace's policies
///     waivers: waivers.yaml           # optional
///     method: policies/ranking/ict-index.yaml   # default: the basic method
///     formats: [html, json]           # default: every format
///     output: reports/%n/%Y-%m-%d     # %Y %m %d %H %M, %n = name
///     keep: 30                        # scans kept; default: all
///     missed: skip                    # or catch_up_once
///     language: vi                    # or en
/// ```
public enum ScheduleFile {
    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"
    static let keys = [
        "name", "cron", "time_zone", "inventory", "policies", "waivers", "method", "formats", "output", "keep",
        "missed", "language",
    ]

    /// Parses the file's text; relative paths are resolved against `baseDirectory` (the file's folder).
    public static func parse(text: String, file: String, baseDirectory: String? = nil) throws(SourceError) -> [Schedule] {
        let document = YAMLDocument(text: text, file: file)
        let root = try document.root(expecting: .vi("danh sách 'schedules:'", en: "a 'schedules:' list"))
        let top = try document.fields(of: root, in: .vi("tệp lịch quét", en: "the schedules file"), allowed: ["schedules"], required: ["schedules"])
        guard case .sequence(let items) = top["schedules"]! else {
            throw document.error(ScheduleProblem.schedulesNotList, at: top["schedules"]!)
        }
        let formats = ReportFormat.allCases.map(\.rawValue)
        var schedules: [Schedule] = []
        var names: Set<String> = []
        for item in items {
            let fields = try document.fields(
                of: item, in: .vi("một lịch quét", en: "a schedule"), allowed: keys, required: ["name", "cron", "inventory", "output"])
            let name = try document.string(fields["name"]!, key: "name")
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw document.error(ScheduleProblem.badName(name), at: fields["name"]!)
            }
            guard names.insert(name).inserted else {
                throw document.error(ScheduleProblem.nameTwice(name), at: fields["name"]!)
            }
            var zone = TimeZone(identifier: defaultTimeZone)!
            var zoneName = defaultTimeZone
            if let node = fields["time_zone"] {
                let identifier = try document.string(node, key: "time_zone")
                zoneName = identifier
                guard let found = TimeZone(identifier: identifier) else {
                    let suggestion = NameSuggestion.nearest(to: identifier, among: TimeZone.knownTimeZoneIdentifiers)
                    throw document.error(ScheduleProblem.unknownZone(identifier, suggestion: suggestion), at: node)
                }
                zone = found
            }
            let cronNode = fields["cron"]!
            let cronText = try document.string(cronNode, key: "cron")
            let cron: CronExpression
            do {
                cron = try CronExpression(cronText, timeZone: zone)
            } catch {
                throw position(of: cronNode, offset: error.offset, in: document, problem: .cron(cronText, error.problem))
            }
            func path(_ key: String) throws(SourceError) -> String? {
                guard let node = fields[key] else { return nil }
                return resolve(try document.string(node, key: key), against: baseDirectory)
            }
            func list(_ key: String) throws(SourceError) -> [(String, Node)] {
                guard let node = fields[key] else { return [] }
                if case .scalar = node { return [(try document.string(node, key: key), node)] }
                guard case .sequence(let values) = node else {
                    throw document.error(ScheduleProblem.notList(key: key, found: document.kind(of: node)), at: node)
                }
                var result: [(String, Node)] = []
                for value in values { result.append((try document.string(value, key: key), value)) }
                return result
            }
            /// A method file (resolved like other paths) or the name of one in the data's `ranking/`.
            func method() throws(SourceError) -> String? {
                guard let node = fields["method"] else { return nil }
                let value = try document.string(node, key: "method")
                return value.contains("/") || value.hasSuffix(".yaml") ? resolve(value, against: baseDirectory) : value
            }
            var chosenFormats: [ReportFormat] = []
            for (format, node) in try list("formats") {
                guard let parsed = try? ReportFormat.parseList(format) else {
                    throw document.error(
                        ScheduleProblem.unknownFormat(format, formats: formats, suggestion: NameSuggestion.nearest(to: format, among: formats)),
                        at: node)
                }
                chosenFormats += parsed.filter { !chosenFormats.contains($0) }
            }
            var keep: Int?
            if let node = fields["keep"] {
                guard case .scalar(let scalar) = node, let value = Int(scalar.string), value >= 1 else {
                    throw document.error(ScheduleProblem.keep, at: node)
                }
                keep = value
            }
            var missed = Schedule.MissedRuns.skip
            if let node = fields["missed"] {
                let value = try document.string(node, key: "missed")
                let allowed = Schedule.MissedRuns.allCases.map(\.rawValue)
                guard let parsed = Schedule.MissedRuns(rawValue: value) else {
                    throw document.error(
                        ScheduleProblem.missed(value, allowed: allowed, suggestion: NameSuggestion.nearest(to: value, among: allowed)), at: node)
                }
                missed = parsed
            }
            var language = "vi"
            if let node = fields["language"] {
                language = try document.string(node, key: "language")
                guard ["vi", "en"].contains(language) else { throw document.error(ScheduleProblem.language, at: node) }
            }
            let mark = item.mark
            schedules.append(
                Schedule(
                    name: name, cron: cron, inventory: try path("inventory")!,
                    policies: try list("policies").map { resolve($0.0, against: baseDirectory) },
                    waivers: try path("waivers"), method: try method(),
                    formats: chosenFormats.isEmpty ? ReportFormat.defaults : chosenFormats,
                    output: try path("output")!, keep: keep, missed: missed, language: language,
                    location: "\(file):\(mark?.line ?? 1):\(mark?.column ?? 1)", timeZoneName: zoneName))
        }
        return schedules
    }

    /// Reads and parses a schedules file.
    public static func load(path: String) throws(SourceError) -> [Schedule] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SourceError(file: path, line: 1, column: 1, problem: FileProblem.reading(path, error))
        }
        return try parse(text: text, file: path, baseDirectory: (path as NSString).deletingLastPathComponent)
    }

    private static func resolve(_ path: String, against base: String?) -> String {
        guard let base, !path.hasPrefix("/") else { return path }
        return base.isEmpty ? path : (base as NSString).appendingPathComponent(path)
    }

    /// The position of character `offset` inside a scalar: its column when the scalar is on one
    /// line (quotes counted), else the scalar's start.
    private static func position(of node: Node, offset: Int, in document: YAMLDocument, problem: ScheduleProblem) -> SourceError {
        guard case .scalar(let scalar) = node else { return document.error(problem, at: node) }
        return document.error(problem, atOffset: offset, in: scalar)
    }
}

import Foundation
import InventoryModel
import PolicyEngine
import SourceYAML
import Yams

/// Reads the YAML node tree of a ranking method file, one validated key at a time, so every
/// mistake points at its line and column.
struct RankingMethodLoader {
    static let topKeys = ["method", "pillars", "tiers", "peer_groups"]
    static let methodKeys = ["id", "name", "source", "year", "aggregation", "scale", "decimals", "rank_decimals"]
    static let pillarKeys = ["id", "name", "weight", "points", "aggregation", "normalisation", "indicators"]
    static let indicatorKeys = [
        "id", "name", "weight", "points", "normalisation", "hosts_where", "value", "per", "declared", "builtin",
        "declared_value",
    ]
    static let measureKeys = ["hosts_where", "value", "declared", "builtin"]
    static let builtins = ["computers_per_staff", "antivirus_coverage", "rules_passed"]
    static let namedNormalisations = ["share", "min_max", "ratio_to_best", "z_score", "z_score_min_max", "raw"]

    /// The YAML reading shared with the policy loaders (positions, key checks, errors).
    let document: YAMLDocument
    var file: String { document.file }
    var text: String { document.text }

    init(text: String, file: String) {
        document = YAMLDocument(text: text, file: file)
    }

    func load() throws(PolicyError) -> RankingMethod {
        let root = try document.root(
            expecting: .vi("mục 'method' và danh sách 'pillars'", en: "a 'method' section and a 'pillars' list"),
            called: .vi("tệp phương pháp", en: "the method file"))

        let top = try fields(of: root, in: .vi("tệp phương pháp", en: "the method file"), allowed: Self.topKeys, required: ["method", "pillars"])
        let header = try fields(
            of: top["method"]!, in: .key("method"), allowed: Self.methodKeys, required: ["id", "name", "source", "year"])
        let aggregation = try header["aggregation"].map { node throws(PolicyError) in try self.aggregation(node) } ?? .weightedMean

        guard case .sequence(let pillarNodes) = top["pillars"]! else {
            throw error("'pillars' must be a list of pillars, each starting with '- id:'", at: top["pillars"]!)
        }
        guard !pillarNodes.isEmpty else { throw error("'pillars' is empty; a method needs at least one pillar", at: top["pillars"]!) }
        var ids: [String: Int] = [:]
        var pillars: [Pillar] = []
        for node in pillarNodes {
            pillars.append(try pillar(node, ids: &ids))
        }
        guard pillars.contains(where: { $0.weight > 0 }) else {
            throw error("every pillar weighs 0; at least one needs a positive weight or points", at: top["pillars"]!)
        }

        let scale = try header["scale"].map { node throws(PolicyError) in try number(node, key: "scale", positive: true) } ?? 1
        let tiers = try top["tiers"].map { node throws(PolicyError) in try self.tiers(node) } ?? []
        let groups = try top["peer_groups"].map { node throws(PolicyError) in try peerGroups(node) } ?? []
        return RankingMethod(
            id: try identifier(header["id"]!, key: "id"),
            name: try localized(header["name"]!, key: "name"),
            source: try string(header["source"]!, key: "source"),
            year: try integer(header["year"]!, key: "year", range: 1990...2100),
            pillars: pillars,
            aggregation: aggregation,
            scale: scale,
            decimals: try header["decimals"].map { node throws(PolicyError) in try integer(node, key: "decimals", range: 0...12) } ?? 4,
            rankDecimals: try header["rank_decimals"].map { node throws(PolicyError) in
                try integer(node, key: "rank_decimals", range: 0...12)
            },
            tiers: tiers,
            peerGroups: groups)
    }

    // MARK: Sections

    private func pillar(_ node: Node, ids: inout [String: Int]) throws(PolicyError) -> Pillar {
        let idNode = try fields(of: node, in: .vi("một trụ cột", en: "a pillar"), allowed: Self.pillarKeys, required: ["id"])["id"]!
        let id = try uniqueIdentifier(idNode, ids: &ids)
        let f = try fields(of: node, in: .vi("trụ cột '\(id)'", en: "pillar '\(id)'"), allowed: Self.pillarKeys, required: ["id", "name"])
        let weight = try self.weight(f, in: "pillar '\(id)'", at: node)
        var indicators: [Indicator] = []
        if let list = f["indicators"] {
            guard case .sequence(let items) = list else {
                throw error("'indicators' of pillar '\(id)' must be a list, each starting with '- id:'", at: list)
            }
            for item in items { indicators.append(try indicator(item, ids: &ids)) }
        }
        return Pillar(
            id: id, label: try localized(f["name"]!, key: "name"), weight: weight,
            aggregation: try f["aggregation"].map { node throws(PolicyError) in try aggregation(node) } ?? .weightedMean,
            normalisation: try f["normalisation"].map { node throws(PolicyError) in try normalisation(node) },
            indicators: indicators)
    }

    private func indicator(_ node: Node, ids: inout [String: Int]) throws(PolicyError) -> Indicator {
        let idNode = try fields(of: node, in: .vi("một chỉ tiêu", en: "an indicator"), allowed: Self.indicatorKeys, required: ["id"])["id"]!
        let id = try uniqueIdentifier(idNode, ids: &ids)
        let context = "indicator '\(id)'"
        let f = try fields(of: node, in: .vi("chỉ tiêu '\(id)'", en: context), allowed: Self.indicatorKeys, required: ["id", "name", "normalisation"])
        let given = Self.measureKeys.filter { f[$0] != nil }
        guard given.count == 1 else {
            let list = Self.measureKeys.map { "'\($0)'" }.joined(separator: ", ")
            let what = given.isEmpty ? "says nothing about what it measures" : "has more than one measure (\(given.joined(separator: ", ")))"
            throw error("\(context) \(what); give exactly one of \(list)", at: given.count > 1 ? f[given[1]]! : node)
        }
        if let per = f["per"], f["value"] == nil {
            throw error("'per' divides a 'value'; \(context) has no 'value'", at: per)
        }
        let measure: Measure
        switch given[0] {
        case "hosts_where":
            let scalar = try scalarNode(f["hosts_where"]!, key: "hosts_where")
            _ = try Expression.compile(scalar, in: text, file: file, roots: RankingFacts.hostRoots, expecting: .bool)
            measure = .hostShare(condition: scalar.string)
        case "value":
            let value = try numericExpression(f["value"]!, key: "value")
            let per = try f["per"].map { node throws(PolicyError) in try numericExpression(node, key: "per") }
            measure = .value(expression: value, per: per)
        case "declared":
            guard try boolean(f["declared"]!, key: "declared") else {
                throw error("'declared: false' says nothing; remove it and give a 'value' or 'hosts_where'", at: f["declared"]!)
            }
            measure = .declared
        default:
            let name = try string(f["builtin"]!, key: "builtin")
            switch name {
            case "computers_per_staff": measure = .computersPerStaff
            case "antivirus_coverage": measure = .antivirusCoverage(maxSignatureAgeDays: 7)
            case "rules_passed": measure = .rulesPassed
            default:
                throw error(
                    "unknown builtin '\(name)'; use one of \(Self.builtins.joined(separator: ", "))\(hint(name, Self.builtins))",
                    at: f["builtin"]!)
            }
        }
        let declaredValue = try f["declared_value"].map { node throws(PolicyError) in
            try numericExpression(node, key: "declared_value")
        }
        return Indicator(
            id: id, label: try localized(f["name"]!, key: "name"), measure: measure,
            normalisation: try normalisation(f["normalisation"]!),
            weight: try weight(f, in: context, at: node), declaredValue: declaredValue)
    }

    private func tiers(_ node: Node) throws(PolicyError) -> [Tier] {
        guard case .sequence(let items) = node else {
            throw error("'tiers' must be a list, each with id, name and min", at: node)
        }
        var ids: [String: Int] = [:]
        var minimums: [Double: Node] = [:]
        var tiers: [Tier] = []
        for item in items {
            let f = try fields(of: item, in: .vi("một hạng", en: "a tier"), allowed: ["id", "name", "min"], required: ["id", "name", "min"])
            let id = try uniqueIdentifier(f["id"]!, ids: &ids)
            let minimum = try number(f["min"]!, key: "min")
            if minimums[minimum] != nil {
                throw error("tier '\(id)' has the same 'min' as another tier; each tier needs its own threshold", at: f["min"]!)
            }
            minimums[minimum] = f["min"]!
            tiers.append(Tier(id: id, label: try localized(f["name"]!, key: "name"), minimum: minimum))
        }
        return tiers
    }

    private func peerGroups(_ node: Node) throws(PolicyError) -> [PeerGroup] {
        guard case .sequence(let items) = node else {
            throw error("'peer_groups' must be a list, each with id and name", at: node)
        }
        var ids: [String: Int] = [:]
        var members: [String: String] = [:]
        var groups: [PeerGroup] = []
        for item in items {
            let f = try fields(of: item, in: .vi("một nhóm so sánh", en: "a peer group"), allowed: ["id", "name", "units"], required: ["id", "name"])
            let id = try uniqueIdentifier(f["id"]!, ids: &ids)
            var units: [String] = []
            if let list = f["units"] {
                guard case .sequence(let unitNodes) = list else {
                    throw error("'units' of peer group '\(id)' must be a list of unit ids", at: list)
                }
                for unitNode in unitNodes {
                    let unit = try string(unitNode, key: "units")
                    if let other = members[unit] {
                        throw error("unit '\(unit)' is already in peer group '\(other)'; a unit is ranked in one group", at: unitNode)
                    }
                    members[unit] = id
                    units.append(unit)
                }
            }
            groups.append(PeerGroup(id: id, label: try localized(f["name"]!, key: "name"), units: units))
        }
        return groups
    }

    // MARK: Values

    private func weight(_ f: [String: Node], in context: String, at node: Node) throws(PolicyError) -> Double {
        switch (f["weight"], f["points"]) {
        case (let w?, nil): return try number(w, key: "weight", nonNegative: true)
        case (nil, let p?): return try number(p, key: "points", nonNegative: true)
        case (_?, let p?): throw error("\(context) has both 'weight' and 'points'; give one", at: p)
        case (nil, nil): throw error("\(context) needs a 'weight' or 'points'", at: node)
        }
    }

    private func aggregation(_ node: Node) throws(PolicyError) -> Aggregation {
        let value = try string(node, key: "aggregation")
        if let aggregation = Aggregation(rawValue: value) { return aggregation }
        let names = Aggregation.allCases.map(\.rawValue)
        throw error("unknown aggregation '\(value)'; use one of \(names.joined(separator: ", "))\(hint(value, names))", at: node)
    }

    private func normalisation(_ node: Node) throws(PolicyError) -> Normalisation {
        let all = Self.namedNormalisations + ["ratio_to_target", "steps"]
        if case .scalar = node {
            let name = try string(node, key: "normalisation")
            switch name {
            case "share": return .share
            case "min_max": return .minMax
            case "ratio_to_best": return .ratioToBest
            case "z_score": return .zScore
            case "z_score_min_max": return .zScoreMinMax
            case "raw": return .raw
            case "ratio_to_target", "steps":
                throw error("'\(name)' needs a value: write { \(name): ... }", at: node)
            default:
                throw error("unknown normalisation '\(name)'; use one of \(all.joined(separator: ", "))\(hint(name, all))", at: node)
            }
        }
        let f = try fields(of: node, in: .key("normalisation"), allowed: ["ratio_to_target", "log", "steps"], required: [])
        if let target = f["ratio_to_target"] {
            if let steps = f["steps"] { throw error("give either 'ratio_to_target' or 'steps', not both", at: steps) }
            let value = try number(target, key: "ratio_to_target", positive: true)
            guard let log = f["log"], try boolean(log, key: "log") else { return .ratioToTarget(value) }
            guard value > 1 else {
                throw error("a log-scale target must be above 1, since log(1) = 0; found \(value)", at: target)
            }
            return .logRatioToTarget(value)
        }
        if let log = f["log"] { throw error("'log' only applies to 'ratio_to_target'", at: log) }
        guard let steps = f["steps"] else {
            throw error("'normalisation' needs 'ratio_to_target' or 'steps'", at: node)
        }
        guard case .sequence(let items) = steps, !items.isEmpty else {
            throw error("'steps' must be a non-empty list of bands such as { from: 0.5, points: 25 }", at: steps)
        }
        var bands: [StepBand] = []
        for item in items {
            let band = try fields(of: item, in: .vi("một bậc điểm", en: "a step band"), allowed: ["from", "points"], required: ["from", "points"])
            let from = try number(band["from"]!, key: "from")
            if let previous = bands.last, from <= previous.from {
                throw error("step bands must go up: 'from' \(from) is not above the previous band's \(previous.from)", at: band["from"]!)
            }
            bands.append(StepBand(from: from, points: try number(band["points"]!, key: "points", nonNegative: true)))
        }
        guard bands.contains(where: { $0.points > 0 }) else {
            throw error("every step band gives 0 points; at least one must give some", at: steps)
        }
        return .steps(bands)
    }

    private func numericExpression(_ node: Node, key: String) throws(PolicyError) -> String {
        let scalar = try scalarNode(node, key: key)
        let expression = try Expression.compile(scalar, in: text, file: file, roots: RankingFacts.unitRoots)
        guard expression.isNumeric else {
            throw error("'\(key)' must be a number, but \(scalar.string) is a \(expression.type)", at: node)
        }
        return scalar.string
    }

    // MARK: Scalars

    private func fields(of node: Node, in context: LocalizedText, allowed: [String], required: [String]) throws(PolicyError) -> [String: Node] {
        try document.fields(of: node, in: context, allowed: allowed, required: required)
    }

    private func scalarNode(_ node: Node, key: String) throws(PolicyError) -> Node.Scalar {
        try document.scalar(node, key: key)
    }

    private func string(_ node: Node, key: String) throws(PolicyError) -> String {
        try document.string(node, key: key)
    }

    /// Ids become CSV column names and JSON keys, so they stay simple.
    private func identifier(_ node: Node, key: String) throws(PolicyError) -> String {
        try document.identifier(node, key: key)
    }

    /// Pillar and indicator ids share one namespace: both can be CSV columns.
    private func uniqueIdentifier(_ node: Node, ids: inout [String: Int]) throws(PolicyError) -> String {
        let id = try identifier(node, key: "id")
        if let line = ids[id] { throw error("duplicate id '\(id)'; it is first used on line \(line)", at: node) }
        if ["unit", "name", "group"].contains(id) {
            throw error("'\(id)' is a reserved column of the figures CSV; choose another id", at: node)
        }
        ids[id] = node.mark?.line ?? 0
        return id
    }

    private func number(_ node: Node, key: String, positive: Bool = false, nonNegative: Bool = false) throws(PolicyError) -> Double {
        let value = try document.number(node, .key(key))
        if positive, value <= 0 { throw error("'\(key)' must be above 0; found \(try string(node, key: key))", at: node) }
        if nonNegative, value < 0 { throw error("'\(key)' must not be negative; found \(try string(node, key: key))", at: node) }
        return value
    }

    private func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws(PolicyError) -> Int {
        try document.integer(node, .key(key), in: range)
    }

    private func boolean(_ node: Node, key: String) throws(PolicyError) -> Bool {
        try document.bool(node, .key(key))
    }

    private func localized(_ node: Node, key: String) throws(PolicyError) -> LocalizedText {
        try document.localized(node, key: key)
    }

    // MARK: Errors

    private func hint(_ name: String, _ candidates: [String]) -> String {
        NameSuggestion.hint(for: name, among: candidates)
    }

    private func kind(of node: Node) -> String { document.kind(of: node).text(.en) }

    private func error(_ message: String, line: Int, column: Int) -> PolicyError {
        document.error(message, line: line, column: column)
    }

    private func error(_ message: String, at node: Node) -> PolicyError {
        document.error(message, at: node)
    }
}

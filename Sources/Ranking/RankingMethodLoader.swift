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
            throw error(.pillarsNotList, at: top["pillars"]!)
        }
        guard !pillarNodes.isEmpty else { throw error(.noPillars, at: top["pillars"]!) }
        var ids: [String: Int] = [:]
        var pillars: [Pillar] = []
        for node in pillarNodes {
            pillars.append(try pillar(node, ids: &ids))
        }
        guard pillars.contains(where: { $0.weight > 0 }) else {
            throw error(.allPillarsZero, at: top["pillars"]!)
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
        let weight = try self.weight(f, in: .pillar(id), at: node)
        var indicators: [Indicator] = []
        if let list = f["indicators"] {
            guard case .sequence(let items) = list else {
                throw error(.indicatorsNotList(pillar: id), at: list)
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
        let context = RankingProblem.Subject.indicator(id)
        let f = try fields(of: node, in: .vi("chỉ tiêu '\(id)'", en: "indicator '\(id)'"), allowed: Self.indicatorKeys, required: ["id", "name", "normalisation"])
        let given = Self.measureKeys.filter { f[$0] != nil }
        guard given.count == 1 else {
            throw error(
                given.isEmpty
                    ? .noMeasure(context, measures: Self.measureKeys) : .manyMeasures(context, given: given, measures: Self.measureKeys),
                at: given.count > 1 ? f[given[1]]! : node)
        }
        if let per = f["per"], f["value"] == nil {
            throw error(.perWithoutValue(context), at: per)
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
                throw error(.declaredFalse, at: f["declared"]!)
            }
            measure = .declared
        default:
            let name = try string(f["builtin"]!, key: "builtin")
            switch name {
            case "computers_per_staff": measure = .computersPerStaff
            case "antivirus_coverage": measure = .antivirusCoverage(maxSignatureAgeDays: 7)
            case "rules_passed": measure = .rulesPassed
            default:
                throw error(.unknownBuiltin(name, names: Self.builtins, suggestion: nearest(name, Self.builtins)), at: f["builtin"]!)
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
            throw error(.tiersNotList, at: node)
        }
        var ids: [String: Int] = [:]
        var minimums: [Double: Node] = [:]
        var tiers: [Tier] = []
        for item in items {
            let f = try fields(of: item, in: .vi("một hạng", en: "a tier"), allowed: ["id", "name", "min"], required: ["id", "name", "min"])
            let id = try uniqueIdentifier(f["id"]!, ids: &ids)
            let minimum = try number(f["min"]!, key: "min")
            if minimums[minimum] != nil {
                throw error(.tierSameMin(id), at: f["min"]!)
            }
            minimums[minimum] = f["min"]!
            tiers.append(Tier(id: id, label: try localized(f["name"]!, key: "name"), minimum: minimum))
        }
        return tiers
    }

    private func peerGroups(_ node: Node) throws(PolicyError) -> [PeerGroup] {
        guard case .sequence(let items) = node else {
            throw error(.peerGroupsNotList, at: node)
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
                    throw error(.peerGroupUnitsNotList(group: id), at: list)
                }
                for unitNode in unitNodes {
                    let unit = try string(unitNode, key: "units")
                    if let other = members[unit] {
                        throw error(.unitInTwoGroups(unit, other: other), at: unitNode)
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

    private func weight(_ f: [String: Node], in context: RankingProblem.Subject, at node: Node) throws(PolicyError) -> Double {
        switch (f["weight"], f["points"]) {
        case (let w?, nil): return try number(w, key: "weight", nonNegative: true)
        case (nil, let p?): return try number(p, key: "points", nonNegative: true)
        case (_?, let p?): throw error(.weightAndPoints(context), at: p)
        case (nil, nil): throw error(.noWeight(context), at: node)
        }
    }

    private func aggregation(_ node: Node) throws(PolicyError) -> Aggregation {
        let value = try string(node, key: "aggregation")
        if let aggregation = Aggregation(rawValue: value) { return aggregation }
        let names = Aggregation.allCases.map(\.rawValue)
        throw error(.unknownAggregation(value, names: names, suggestion: nearest(value, names)), at: node)
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
                throw error(.normalisationNeedsValue(name), at: node)
            default:
                throw error(.unknownNormalisation(name, names: all, suggestion: nearest(name, all)), at: node)
            }
        }
        let f = try fields(of: node, in: .key("normalisation"), allowed: ["ratio_to_target", "log", "steps"], required: [])
        if let target = f["ratio_to_target"] {
            if let steps = f["steps"] { throw error(.ratioAndSteps, at: steps) }
            let value = try number(target, key: "ratio_to_target", positive: true)
            guard let log = f["log"], try boolean(log, key: "log") else { return .ratioToTarget(value) }
            guard value > 1 else {
                throw error(.logTarget(value), at: target)
            }
            return .logRatioToTarget(value)
        }
        if let log = f["log"] { throw error(.logWithoutRatio, at: log) }
        guard let steps = f["steps"] else {
            throw error(.normalisationForm, at: node)
        }
        guard case .sequence(let items) = steps, !items.isEmpty else {
            throw error(.stepsNotList, at: steps)
        }
        var bands: [StepBand] = []
        for item in items {
            let band = try fields(of: item, in: .vi("một bậc điểm", en: "a step band"), allowed: ["from", "points"], required: ["from", "points"])
            let from = try number(band["from"]!, key: "from")
            if let previous = bands.last, from <= previous.from {
                throw error(.stepsNotRising(from: from, previous: previous.from), at: band["from"]!)
            }
            bands.append(StepBand(from: from, points: try number(band["points"]!, key: "points", nonNegative: true)))
        }
        guard bands.contains(where: { $0.points > 0 }) else {
            throw error(.stepsAllZero, at: steps)
        }
        return .steps(bands)
    }

    private func numericExpression(_ node: Node, key: String) throws(PolicyError) -> String {
        let scalar = try scalarNode(node, key: key)
        let expression = try Expression.compile(scalar, in: text, file: file, roots: RankingFacts.unitRoots)
        guard expression.isNumeric else {
            throw error(.notNumeric(key: key, expression: scalar.string, type: "\(expression.type)"), at: node)
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
        if let line = ids[id] { throw error(.duplicateID(id, firstLine: line), at: node) }
        if ["unit", "name", "group"].contains(id) {
            throw error(.reservedID(id), at: node)
        }
        ids[id] = node.mark?.line ?? 0
        return id
    }

    private func number(_ node: Node, key: String, positive: Bool = false, nonNegative: Bool = false) throws(PolicyError) -> Double {
        let value = try document.number(node, .key(key))
        if positive, value <= 0 { throw error(.notAboveZero(key: key, found: try string(node, key: key)), at: node) }
        if nonNegative, value < 0 { throw error(.negative(key: key, found: try string(node, key: key)), at: node) }
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

    private func nearest(_ name: String, _ candidates: [String]) -> String? {
        NameSuggestion.nearest(to: name, among: candidates)
    }


    private func error(_ problem: RankingProblem, at node: Node) -> PolicyError {
        document.error(problem, at: node)
    }
}

public import Foundation
import SourceYAML
import Yams

extension SCAPolicy {
    /// Parses a Wazuh SCA policy file: `policy`, optional `requirements` and `variables`, and
    /// `checks`. Every rule of every check is parsed and its regular expressions compiled, so a
    /// policy that loads cannot fail on a host because of its own text.
    public static func parse(text: String, file: String) throws(PolicyError) -> SCAPolicy {
        let doc = YAMLDocument(text: text, file: file)
        let top = try doc.fields(
            of: try doc.root(expecting: .vi("mục 'policy' và danh sách 'checks'", en: "a 'policy' section and a 'checks' list")),
            in: .vi("chính sách SCA", en: "the SCA policy"),
            allowed: ["policy", "requirements", "variables", "checks"],
            required: ["policy", "checks"])
        let header = try doc.fields(
            of: top["policy"]!, in: .key("policy"),
            allowed: ["id", "file", "name", "description", "references", "regex_type"],
            required: ["id", "name"])
        var variables: [String: String] = [:]
        if let node = top["variables"] {
            for (name, value) in try doc.fields(
                of: node, in: .key("variables"), allowed: [], required: [], allowAny: true)
            {
                guard name.hasPrefix("$") else {
                    throw doc.error(PolicyProblem.variableName, at: node)
                }
                variables[name] = try doc.string(value, key: name)
            }
        }
        let loader = SCALoader(doc: doc, variables: variables)
        let requirements = try top["requirements"].map { n throws(PolicyError) in
            try loader.check(n, requirements: true)
        }
        var checks: [SCACheck] = []
        var seen: [String: Int] = [:]
        for node in try doc.sequence(
            top["checks"]!, key: "checks",
            of: .vi("phép kiểm tra, mỗi phép bắt đầu bằng '- id:'", en: "checks, each starting with '- id:'"))
        {
            let check = try loader.check(node, requirements: false)
            if let line = seen[check.id] {
                throw doc.error(PolicyProblem.duplicateCheck(check.id, firstLine: line), at: node)
            }
            seen[check.id] = check.line
            checks.append(check)
        }
        let references =
            try header["references"].map { n throws(PolicyError) in
                try doc.sequence(n, key: "references", of: .vi("văn bản", en: "texts")).map {
                    item throws(PolicyError) in
                    try doc.string(item, key: "references")
                }
            } ?? []
        let allRules = checks.flatMap(\.rules) + (requirements?.rules ?? [])
        return SCAPolicy(
            id: try doc.string(header["id"]!, key: "id"),
            name: try doc.string(header["name"]!, key: "name"),
            description: try header["description"].map { n throws(PolicyError) in
                try doc.string(n, key: "description")
            },
            references: references, file: file, probes: Probe.union([allRules.flatMap(\.probes)]),
            checks: checks, requirements: requirements)
    }

}

/// Reads one check (or the requirements block) with positions for every mistake.
struct SCALoader {
    static let checkKeys = [
        "id", "title", "name", "description", "rationale", "remediation", "impact", "references",
        "compliance",
        "mitre", "condition", "rules", "regex_type",
    ]

    let doc: YAMLDocument
    let variables: [String: String]

    func check(_ node: Node, requirements: Bool) throws(PolicyError) -> SCACheck {
        let f = try doc.fields(
            of: node, in: requirements ? .key("requirements") : .vi("một phép kiểm tra", en: "a check"), allowed: Self.checkKeys,
            required: requirements ? ["condition", "rules"] : ["id", "condition", "rules"])
        let id =
            try f["id"].map { n throws(PolicyError) in try doc.string(n, key: "id") }
            ?? "requirements"
        guard let titleNode = f["title"] ?? f["name"] else {
            throw doc.error(PolicyProblem.checkWithoutTitle(check: requirements ? nil : id), at: node)
        }
        if let regexType = f["regex_type"], let type = regexType.string,
            !["osregex", "pcre2"].contains(type)
        {
            throw doc.error(PolicyProblem.unknownRegexType(type), at: regexType)
        }
        let conditionText = try doc.string(f["condition"]!, key: "condition")
        guard let condition = SCACheck.Condition(rawValue: conditionText) else {
            throw doc.error(PolicyProblem.unknownCondition(conditionText), at: f["condition"]!)
        }
        var rules: [SCARule] = []
        for ruleNode in try doc.sequence(
            f["rules"]!, key: "rules", of: .vi("quy tắc như 'f:/etc/passwd'", en: "rules such as 'f:/etc/passwd'"))
        {
            rules.append(try rule(ruleNode))
        }
        guard !rules.isEmpty else { throw doc.error(PolicyProblem.checkRulesEmpty, at: f["rules"]!) }
        func text(_ key: String) throws(PolicyError) -> String? {
            try f[key].map { n throws(PolicyError) in try doc.string(n, key: key) }
        }
        return SCACheck(
            id: id, title: try doc.string(titleNode, key: "title"),
            description: try text("description"),
            rationale: try text("rationale"), remediation: try text("remediation"),
            condition: condition,
            rules: rules, line: node.mark?.line ?? 0)
    }

    private func rule(_ node: Node) throws(PolicyError) -> SCARule {
        guard case .scalar(let scalar) = node else {
            throw doc.error(PolicyProblem.scaRuleNotText, at: node)
        }
        var text = scalar.string
        for (name, value) in variables where text.contains(name) {
            text = text.replacingOccurrences(of: name, with: value)
        }
        do {
            return try SCARule.parse(text)
        } catch {
            // Offsets are in the substituted text; they map back exactly when no variable was used.
            let offset = text == scalar.string ? error.offset : 0
            let (line, column) = doc.source.position(ofOffset: offset, in: scalar)
            throw doc.error(error.problem, line: line, column: column)
        }
    }
}

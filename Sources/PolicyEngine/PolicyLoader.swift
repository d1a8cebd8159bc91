public import InventoryModel
import SourceYAML
import Yams

extension Policy {
    /// Parses and checks a policy file's text. Pure: `file` is only used in error messages.
    ///
    /// Everything is validated here — keys, types, severities, duplicate ids, and every
    /// expression against the fact schema — so a policy that loads cannot fail for a reason the
    /// author could have fixed.
    public static func parse(text: String, file: String) throws(PolicyError) -> Policy {
        var loader = PolicyLoader(text: text, file: file)
        return try loader.load()
    }

}

/// Reads the YAML node tree of a policy file into a `Policy`, one validated key at a time.
struct PolicyLoader {
    static let topKeys = ["policy", "rules"]
    static let policyKeys = [
        "id", "version", "title", "description", "references", "applies_to", "probes", "scope",
    ]
    static let ruleKeys = [
        "id", "severity", "title", "description", "rationale", "remediation", "references", "when",
        "check",
    ]
    static let probeKeys = ["files", "directories", "commands"]

    /// The YAML reading every policy-side loader shares (positions, key checks, errors).
    let document: YAMLDocument
    var file: String { document.file }
    /// The commands declared under `probes`, by name, once the header is read.
    var commands: [String: Probe] = [:]
    /// What the rules judge; unit policies read the `unit` root and probe nothing.
    var scope: PolicyScope = .host

    init(text: String, file: String) {
        document = YAMLDocument(text: text, file: file)
    }

    mutating func load() throws(PolicyError) -> Policy {
        let root = try document.root(
            expecting: .vi("mục 'policy' và danh sách 'rules'", en: "a 'policy' section and a 'rules' list"),
            called: .vi("tệp chính sách", en: "the policy file"))

        let top = try fields(
            of: root, in: .vi("tệp chính sách", en: "the policy file"), allowed: Self.topKeys, required: Self.topKeys)
        let header = try fields(
            of: top["policy"]!, in: .key("policy"), allowed: Self.policyKeys,
            required: ["id", "version", "title"])
        let policyID = try identifier(header["id"]!, key: "id")
        if let node = header["scope"] {
            let text = try string(node, key: "scope")
            guard let value = PolicyScope(rawValue: text) else {
                throw error(.badScope(text), at: node)
            }
            if value == .unit, let probes = header["probes"] {
                throw error(.unitPolicyProbes, at: probes)
            }
            scope = value
        }
        // The header is read in full before the rules, so errors come in file order.
        let version = try string(header["version"]!, key: "version")
        let title = try localized(header["title"]!, key: "title")
        let description = try header["description"].map { node throws(PolicyError) in
            try localized(node, key: "description")
        }
        let references =
            try header["references"].map { node throws(PolicyError) in
                try self.references(node)
            } ?? []
        var probes =
            try header["probes"].map { node throws(PolicyError) in
                try self.probes(node)
            } ?? []
        commands = Dictionary(
            probes.filter { $0.kind == .command }.map { ($0.name, $0) },
            uniquingKeysWith: { a, _ in a })
        let appliesTo = try header["applies_to"].map { node throws(PolicyError) in
            try expression(node, key: "applies_to")
        }
        let rulesNode = top["rules"]!
        guard case .sequence(let ruleNodes) = rulesNode else {
            throw error(.rulesNotList, at: rulesNode)
        }
        guard !ruleNodes.isEmpty else {
            throw error(.noRules, at: rulesNode)
        }

        var rules: [PolicyRule] = []
        var firstLine: [String: Int] = [:]
        for ruleNode in ruleNodes {
            let rule = try self.rule(ruleNode)
            if let line = firstLine[rule.id] {
                let idNode = ruleNode.mapping?.first { $0.key.string == "id" }?.value ?? ruleNode
                throw error(.duplicateRule(rule.id, firstLine: line), at: idNode)
            }
            firstLine[rule.id] = rule.line
            rules.append(rule)
        }
        for expression in rules.flatMap({ [$0.when, $0.check] }) + [appliesTo] {
            probes += expression?.probes ?? []
        }
        return Policy(
            id: policyID, version: version, title: title, description: description,
            references: references, appliesTo: appliesTo, probes: Probe.union([probes]),
            rules: rules, file: file, scope: scope)
    }

    private func rule(_ node: Node) throws(PolicyError) -> PolicyRule {
        // The id first, so every later message can name the rule.
        let idNode = node.mapping?.first { $0.key.string == "id" }?.value
        guard let idNode else {
            _ = try fields(of: node, in: .vi("một quy tắc", en: "a rule"), allowed: Self.ruleKeys, required: ["id"])
            throw error(.ruleWithoutID, at: node)
        }
        let id = try identifier(idNode, key: "id")
        let f = try fields(
            of: node, in: .vi("quy tắc '\(id)'", en: "rule '\(id)'"), allowed: Self.ruleKeys,
            required: ["id", "severity", "title", "rationale", "remediation", "check"])
        return PolicyRule(
            id: id,
            severity: try severity(f["severity"]!),
            title: try localized(f["title"]!, key: "title"),
            rationale: try localized(f["rationale"]!, key: "rationale"),
            remediation: try localized(f["remediation"]!, key: "remediation"),
            description: try f["description"].map { node throws(PolicyError) in
                try localized(node, key: "description")
            },
            references: try f["references"].map { node throws(PolicyError) in try references(node) }
                ?? [],
            when: try f["when"].map { node throws(PolicyError) in try expression(node, key: "when")
            },
            check: try expression(f["check"]!, key: "check"),
            line: node.mark?.line ?? 0
        )
    }

    // MARK: Value readers

    private func fields(of node: Node, in context: LocalizedText, allowed: [String], required: [String])
        throws(PolicyError) -> [String: Node]
    {
        try document.fields(of: node, in: context, allowed: allowed, required: required)
    }

    private func string(_ node: Node, key: String) throws(PolicyError) -> String {
        try document.string(node, key: key)
    }

    /// Policy and rule ids are referenced from waivers and reports, so they stay simple.
    private func identifier(_ node: Node, key: String) throws(PolicyError) -> String {
        try document.identifier(node, key: key)
    }

    private func localized(_ node: Node, key: String) throws(PolicyError) -> LocalizedText {
        try document.localized(node, key: key)
    }

    private func references(_ node: Node) throws(PolicyError) -> [String] {
        guard case .sequence(let items) = node else {
            throw error(.referencesNotList, at: node)
        }
        var result: [String] = []
        for item in items { result.append(try string(item, key: "references")) }
        return result
    }

    /// `probes: { files: [...], directories: [...], commands: [{ name, run }] }`.
    private func probes(_ node: Node) throws(PolicyError) -> [Probe] {
        let f = try fields(of: node, in: .key("probes"), allowed: Self.probeKeys, required: [])
        var probes: [Probe] = []
        for (key, kind) in [("files", Probe.Kind.file), ("directories", .directory)] {
            guard let listNode = f[key] else { continue }
            guard case .sequence(let items) = listNode else {
                throw error(.probePathsNotList(key: key), at: listNode)
            }
            for item in items {
                let path = try string(item, key: "probes.\(key)")
                guard path.hasPrefix("/") else {
                    throw error(.notAbsolutePath(path), at: item)
                }
                probes.append(Probe(kind: kind, name: path))
            }
        }
        if let listNode = f["commands"] {
            guard case .sequence(let items) = listNode else {
                throw error(.commandsNotList, at: listNode)
            }
            var seen: Set<String> = []
            for item in items {
                let c = try fields(
                    of: item, in: .vi("một lệnh thăm dò", en: "a command probe"), allowed: ["name", "run"],
                    required: ["name", "run"])
                let name = try identifier(c["name"]!, key: "name")
                guard seen.insert(name).inserted else {
                    throw error(.commandTwice(name), at: c["name"]!)
                }
                probes.append(.command(name, run: try string(c["run"]!, key: "run")))
            }
        }
        return probes
    }

    private func severity(_ node: Node) throws(PolicyError) -> Severity {
        let value = try string(node, key: "severity")
        if let severity = Severity(rawValue: value) { return severity }
        let names = Severity.allCases.map(\.rawValue)
        throw error(
            .unknownSeverity(value, names: names, suggestion: Suggestion.nearest(to: value, among: names)), at: node)
    }

    /// Compiles a condition, moving an expression error's position into the file.
    private func expression(_ node: Node, key: String) throws(PolicyError) -> Expression {
        _ = try string(node, key: key)
        guard case .scalar(let scalar) = node else {
            throw error(.notCondition(key: key), at: node)
        }
        do {
            return try Expression(
                scalar.string, roots: scope == .unit ? FactSchema.unitRoots : FactSchema.roots, expecting: .bool,
                commands: scope == .unit ? [:] : commands)
        } catch {
            throw document.error(error.problem, atOffset: error.position.offset, in: scalar)
        }
    }

    // MARK: Errors

    private func error(_ problem: PolicyProblem, at node: Node) -> PolicyError {
        document.error(problem, at: node)
    }
}

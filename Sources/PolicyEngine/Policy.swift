public import InventoryModel

/// What a policy's rules judge: each scanned host, or each unit's inventory.
public enum PolicyScope: String, Sendable, Hashable, CaseIterable {
    /// Rules read `host.*`; one finding per scanned host and rule.
    case host
    /// Rules read `unit.*` (``FactSchema/unit``); one finding per unit and rule, its host
    /// written `unit:<id>`.
    case unit
}

/// A loaded, fully checked policy: a named set of rules.
public struct Policy: Sendable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var description: LocalizedText?
    /// Standards and regulations the policy follows, e.g. `TCVN 11930:2017`.
    public var references: [String]
    /// Which hosts the whole policy is for (`host.os.family == "windows"`); `nil` means all.
    /// On other hosts every rule is `not_applicable`.
    public var appliesTo: Expression?
    /// The extra evidence the rules read: declared commands and directories, and every file a
    /// `file(…)` names. The scanner gathers ``Probe/union(_:)`` of all loaded policies.
    public var probes: [Probe]
    public var rules: [PolicyRule]
    /// The file it was loaded from, as given to the loader, for messages.
    public var file: String
    /// `scope:` in the header; hosts unless it says `unit`.
    public var scope: PolicyScope

    public init(
        id: String, version: String, title: LocalizedText, description: LocalizedText? = nil,
        references: [String] = [], appliesTo: Expression? = nil, probes: [Probe] = [],
        rules: [PolicyRule], file: String, scope: PolicyScope = .host
    ) {
        self.scope = scope
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.references = references
        self.appliesTo = appliesTo
        self.probes = probes
        self.rules = rules
        self.file = file
    }

    /// Every probe a set of policies needs, each once: what the scanner adds to its round trip.
    public static func probes(of policies: [Policy]) -> [Probe] {
        Probe.union(policies.map(\.probes))
    }
}

/// One check: what it verifies, why, how to fix it, and the condition that decides.
public struct PolicyRule: Sendable {
    public var id: String
    public var severity: Severity
    public var title: LocalizedText
    /// What the rule checks, in more words than the title; optional.
    public var description: LocalizedText?
    public var rationale: LocalizedText
    public var remediation: LocalizedText
    public var references: [String]
    /// When the rule applies; `nil` means always. A host where it is false is `not_applicable`.
    public var when: Expression?
    /// The condition a compliant host meets.
    public var check: Expression
    /// The line the rule starts on in its file (1-based).
    public var line: Int

    public init(
        id: String, severity: Severity, title: LocalizedText, rationale: LocalizedText,
        remediation: LocalizedText, description: LocalizedText? = nil,
        references: [String] = [], when: Expression? = nil, check: Expression, line: Int = 0
    ) {
        self.id = id
        self.severity = severity
        self.title = title
        self.description = description
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.when = when
        self.check = check
        self.line = line
    }
}

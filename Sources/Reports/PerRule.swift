import InventoryModel

/// What a renderer makes once per rule (its title, policy and severity escaped for the format),
/// found again for each of the rule's findings.
///
/// A ministry's audit has two million findings and a few hundred rules. Escaping a Vietnamese
/// title again for every finding, or remembering it under the title's text (hashing a
/// normalised string per finding), was most of the Markdown, HTML and JUnit time. Findings made
/// by the evaluator share their rule's parts, so the rule's identity finds its value at the cost
/// of an integer hash; findings decoded from a store each carry their own parts, so a rule is
/// also found by policy and rule id (and only taken when its title and severity agree).
struct PerRule<Value> {
    private struct Key: Hashable {
        let policyID: String
        let ruleID: String
    }

    private var values: [Value] = []
    private var titles: [(LocalizedText, Severity)] = []
    private var byIdentity: [ObjectIdentifier: Int32] = [:]
    private var byKey: [Key: [Int32]] = [:]
    /// Identities recently found, by a few bits of their address: a hit costs a shift and a
    /// compare instead of the dictionary's hashing (two million lookups a report).
    private var recent = [(identity: ObjectIdentifier?, index: Int32)](repeating: (nil, 0), count: Self.slots)
    private static var slots: Int { 1_024 }

    init() {}

    /// The index of `finding`'s rule, made with `make` the first time the rule is seen.
    mutating func index(_ finding: Finding, make: (Finding) -> Value) -> Int32 {
        let identity = finding.ruleIdentity
        let address = UInt(bitPattern: identity)
        let slot = Int(truncatingIfNeeded: (address >> 4 ^ address >> 14) & UInt(Self.slots - 1))
        if recent[slot].identity == identity { return recent[slot].index }
        if let known = byIdentity[identity] {
            recent[slot] = (identity, known)
            return known
        }
        let key = Key(policyID: finding.policyID, ruleID: finding.ruleID)
        let title = finding.title
        let severity = finding.severity
        let index: Int32
        if let known = byKey[key]?.first(where: { titles[Int($0)].0 == title && titles[Int($0)].1 == severity }) {
            index = known
        } else {
            index = Int32(values.count)
            values.append(make(finding))
            titles.append((title, severity))
            byKey[key, default: []].append(index)
        }
        // Bounded: findings from a store would otherwise add an identity each.
        if byIdentity.count < 65_536 { byIdentity[identity] = index }
        recent[slot] = (identity, index)
        return index
    }

    /// The value of `finding`'s rule.
    mutating func value(_ finding: Finding, make: (Finding) -> Value) -> Value {
        values[Int(index(finding, make: make))]
    }

    subscript(index: Int32) -> Value { values[Int(index)] }
}

import Foundation
import InventoryModel

/// The local password and lockout policy from `net accounts`.
enum NetAccounts: WindowsCollector {
    static let sections = [ProbeSection(name: "password-policy", script: "net accounts", source: "net accounts")]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        if let text = evidence.text("password-policy") { facts.passwordPolicy = passwordPolicy(fromNetAccounts: text) }
    }

    /// `net accounts`, read by position: its labels are translated on a non-English Windows (and
    /// Vietnamese display languages are the norm here), but its lines keep their order on every
    /// version: force logoff, minimum age, maximum age, minimum length, history, lockout threshold,
    /// lockout duration, observation window, role. A value that is not a number ("Never", "None",
    /// "Unlimited" in any language) means no limit: 0, as Windows itself stores it.
    static func passwordPolicy(fromNetAccounts text: String) -> PasswordPolicy? {
        let values = text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard let colon = line.range(of: ":", options: .backwards) else { return nil }
            return line[colon.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard values.count >= 6 else { return nil }
        func number(_ position: Int, none: Int?) -> Int? {
            let value = values[position]
            guard !value.isEmpty else { return nil }
            return Int(value) ?? none
        }
        return PasswordPolicy(
            // Windows encodes "never expires" as 0, and so does the fact.
            maxAgeDays: number(2, none: 0), minAgeDays: number(1, none: 0), minLength: number(3, none: 0),
            lockoutThreshold: number(5, none: 0), historyLength: number(4, none: 0))
    }
}

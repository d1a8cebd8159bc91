import Foundation
import InventoryModel

/// The local password and lockout policy from `net accounts`.
enum NetAccounts: WindowsCollector {
    static let sections = [ProbeSection(name: "password-policy", script: "net accounts", source: "net accounts")]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        if let text = evidence.text("password-policy") { facts.passwordPolicy = passwordPolicy(fromNetAccounts: text) }
    }

    /// `net accounts`: "Never"/"None"/"Unlimited" mean no limit (0 for lockout and history, nil for ages).
    static func passwordPolicy(fromNetAccounts text: String) -> PasswordPolicy? {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.range(of: ":", options: .backwards) else { continue }
            values[line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()] =
                line[colon.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !values.isEmpty else { return nil }
        func number(_ key: String, none: Int?) -> Int? {
            guard let value = values[key] else { return nil }
            return Int(value) ?? (["never", "none", "unlimited"].contains(value.lowercased()) ? none : nil)
        }
        return PasswordPolicy(
            maxAgeDays: number("maximum password age (days)", none: nil),
            minAgeDays: number("minimum password age (days)", none: 0),
            minLength: number("minimum password length", none: 0),
            lockoutThreshold: number("lockout threshold", none: 0),
            historyLength: number("length of password history maintained", none: 0))
    }
}

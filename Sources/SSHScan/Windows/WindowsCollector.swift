import Foundation
import InventoryModel

/// One fact area of a Windows host: its PowerShell section(s) and the parser that reads their
/// JSON (or text) into `HostFacts`, in one type, as `LinuxCollector` is for Linux.
protocol WindowsCollector {
    /// The sections, in batch order; `script` is a PowerShell script block body.
    static var sections: [ProbeSection] { get }
    /// Reads this area's evidence into `facts`; leaves them unknown when its sections failed.
    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts)
}

/// The evidence of one Windows host as collectors read it. Sections print compact JSON objects
/// (or arrays of them, as `ConvertTo-Json` prints one object bare); a section that failed (exit
/// code not 0) or printed something else reads as unknown, never as "none".
struct WindowsEvidence {
    private var byName: [String: Evidence] = [:]
    let catalogue: AntivirusCatalogue?

    init(_ sections: [Evidence], catalogue: AntivirusCatalogue?) {
        for section in sections where byName[section.name] == nil { byName[section.name] = section }
        self.catalogue = catalogue
    }

    /// The section's text when it succeeded.
    func text(_ name: String) -> String? {
        guard let evidence = byName[name], evidence.exitCode == 0 else { return nil }
        return evidence.text
    }

    /// The section's JSON objects; empty for an empty answer, nil when it failed or is not JSON.
    func objects(_ name: String) -> [[String: Any]]? {
        guard let text = text(name)?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        if text.isEmpty { return [] }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return nil }
        if let one = json as? [String: Any] { return [one] }
        return (json as? [Any])?.compactMap { $0 as? [String: Any] }
    }

    static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func int(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        return (value as? String).flatMap { Int($0) }
    }

    static func int64(_ value: Any?) -> Int64? { (value as? NSNumber)?.int64Value }

    static func bool(_ value: Any?) -> Bool? {
        if let number = value as? NSNumber { return number.boolValue }
        return (value as? String).flatMap { ["true": true, "false": false][$0.lowercased()] }
    }

    /// `2024-03-18T00:41:07Z`, as the probe's `D` helper prints dates.
    static func date(_ value: Any?) -> Date? {
        guard let text = string(value), text.hasSuffix("Z") else { return nil }
        return CivilTime.isoDateTime(String(text.dropLast()))
    }
}

import Foundation
import InventoryModel

extension ProbeBatch {
    /// Lists which of the catalogue's Linux paths exist and asks the vendors' status tools;
    /// running processes come from `services`.
    static func linuxAntivirusProbe(_ catalogue: AntivirusCatalogue, sudo: Bool = false) -> ProbeSection? {
        LinuxAntivirus.section(catalogue, sudo: sudo)
    }
}

/// Antivirus products other than those read in depth (ClamAV, Defender for Endpoint), found
/// through the catalogue: installed when one of its paths exists or its package is installed,
/// running when one of its processes runs, real-time when an on-access process runs, and version,
/// signature date and real-time state from the vendor's own status tool where the catalogue names
/// one (Kaspersky `kesl-control --app-info`, Sophos `savdstatus --version`, ESET `upd
/// --list-modules`, Bitdefender `bduitool get ps`). Those tools mostly need root: they are asked
/// through `sudo -n` where the inventory allows it, and a refusal leaves those facts unknown, the
/// package version standing in for the product's. Its section depends on the catalogue, so the
/// scanner adds it beside the built-in ones.
enum LinuxAntivirus {
    static let sectionName = "antivirus-paths"
    static let pathsLabel = "paths"
    /// The label a product's status tool answers under.
    static func statusLabel(_ product: AntivirusCatalogue.Product) -> String { "status \(product.id)" }

    static func section(_ catalogue: AntivirusCatalogue, sudo: Bool = false) -> ProbeSection? {
        let products = catalogue.products.filter { $0.id != "clamav" }
        let paths = products.flatMap { $0.linux?.paths ?? [] }
        let tools = products.filter { !($0.linux?.status ?? []).isEmpty }
        guard !paths.isEmpty || !tools.isEmpty else { return nil }
        let words = paths.map { "'\($0)'" }.joined(separator: " ")
        // Each product's first status tool present is asked; the others are not.
        let asks = tools.map { product -> String in
            let commands = product.linux?.status ?? []
            return commands.enumerated().map { index, command in
                "\(index == 0 ? "if" : "elif") [ -x '\(command.program)' ]; then \(ToolAnswer.script(statusLabel(product), command.run, sudo: sudo))"
            }.joined() + "fi; "
        }.joined()
        return ProbeSection(
            name: sectionName,
            script: "part \(pathsLabel); for p in \(words); do if [ -e \"$p\" ]; then echo \"$p\"; fi; done; " + asks + "true",
            source: "existence of the antivirus catalogue's Linux paths; the vendors' status tools"
                + (sudo ? " (through sudo -n when refused)" : ""),
            inline: true)
    }

    /// A product a collector already read in depth keeps its facts; the catalogue adds whether its
    /// processes run.
    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        guard let catalogue = evidence.catalogue else { return }
        for found in products(
            evidence[sectionName], running: evidence.services?.running, packages: facts.packages, catalogue: catalogue)
        {
            if let index = facts.antivirus.firstIndex(where: { $0.product == found.product }) {
                facts.antivirus[index].running = facts.antivirus[index].running ?? found.running
            } else {
                facts.antivirus.append(found)
            }
        }
    }

    static func products(
        paths text: String?, running: Set<String>?, catalogue: AntivirusCatalogue
    ) -> [Antivirus] {
        products(text, running: running, packages: nil, catalogue: catalogue)
    }

    static func products(
        _ text: String?, running: Set<String>?, packages: [InstalledPackage]?, catalogue: AntivirusCatalogue
    ) -> [Antivirus] {
        guard let text else { return [] }
        // Evidence from before the section had parts is the bare path list.
        let parts = LabelledParts(text)
        let present = Set(LinuxEvidence.lines(parts.parts.isEmpty ? text : parts[pathsLabel]))
        /// /proc/PID/comm keeps the first 15 bytes of a program name.
        func comm(_ names: [String]?) -> [String] { (names ?? []).map { String($0.utf8.prefix(15)) ?? $0 } }
        return catalogue.products.compactMap { product in
            guard product.id != "clamav", let linux = product.linux else { return nil }
            let package = packages?.first { (linux.packages ?? []).contains($0.name) }
            guard (linux.paths ?? []).contains(where: present.contains) || package != nil else { return nil }
            var antivirus = Antivirus(
                product: product.name, version: package?.version, installed: true,
                running: running.map { set in comm(linux.processes).contains(where: set.contains) })
            if let onAccess = linux.onAccessProcesses, let running {
                antivirus.realTimeProtection = comm(onAccess).contains(where: running.contains)
            }
            if let answer = ToolAnswer.success(statusLabel(product), in: parts) {
                // Whichever of the product's tools answered, its keys are among its commands'.
                let fields = statusFields(answer)
                let commands = linux.status ?? []
                func value(_ key: (AntivirusCatalogue.StatusCommand) -> String?) -> String? {
                    for command in commands {
                        if let found = key(command).flatMap({ fields[$0.lowercased()] }), !found.isEmpty { return found }
                    }
                    return nil
                }
                if let version = value(\.versionKey) { antivirus.version = version }
                antivirus.signatureDate = value(\.signatureDateKey).flatMap(date)
                if let state = value(\.realTimeKey).flatMap(state) { antivirus.realTimeProtection = state }
            }
            return antivirus
        }
    }

    /// `Key: value` and `Key = value` lines, keys lowercased and trimmed; the first of a key wins.
    /// A line with neither is read as `Key  value` when its key is followed by two spaces (ESET's
    /// module table: `Detection Engine   27395 (20230612)`).
    static func statusFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in LinuxEvidence.lines(text) {
            var pair: (Substring, Substring)?
            if let i = line.firstIndex(where: { $0 == ":" || $0 == "=" }) {
                pair = (line[..<i], line[line.index(after: i)...])
            } else if let gap = line.range(of: "  ") {
                pair = (line[..<gap.lowerBound], line[gap.upperBound...])
            }
            guard let (key, value) = pair else { continue }
            let k = key.trimmingCharacters(in: .whitespaces).lowercased()
            if !k.isEmpty, fields[k] == nil { fields[k] = value.trimmingCharacters(in: .whitespaces) }
        }
        return fields
    }

    /// A vendor's date: `2023-06-12 10:02:07`, `2023-06-12`, `27395 (20230612)` / `20230612`, or
    /// `Mon 14 Feb 2022 05:52:58 …`; read as UTC (the host's zone is not known here: at most a day off).
    static func date(_ text: String) -> Date? {
        let digits = text.split(whereSeparator: { !$0.isNumber && $0 != "-" && $0 != ":" }).map(String.init)
        for word in digits {
            let ymd = word.split(separator: "-").compactMap { Int($0) }
            if ymd.count == 3, ymd[0] > 1990, let day = CivilTime.date(year: ymd[0], month: ymd[1], day: ymd[2]) {
                if let time = digits.first(where: { $0.split(separator: ":").count == 3 }) {
                    let t = time.split(separator: ":").compactMap { Int($0) }
                    if t.count == 3 { return day.addingTimeInterval(TimeInterval(t[0] * 3600 + t[1] * 60 + t[2])) }
                }
                return day
            }
            if word.count == 8, let n = Int(word), n > 19_900_000,
                let day = CivilTime.date(year: n / 10_000, month: n / 100 % 100, day: n % 100)
            {
                return day
            }
        }
        let words = text.split(separator: " ")
        for (i, w) in words.enumerated() where i + 2 < words.count {
            if let d = Int(w), let m = CivilTime.month(abbreviation: words[i + 1]), let y = Int(words[i + 2]), y > 1990,
                let day = CivilTime.date(year: y, month: m, day: d)
            {
                return day
            }
        }
        return nil
    }

    /// On/off words vendors print for a protection module.
    static func state(_ text: String) -> Bool? {
        let t = text.lowercased()
        if ["not running", "stopped", "off", "disabled", "inactive", "no", "false", "not started"].contains(where: t.hasPrefix) {
            return false
        }
        if ["running", "started", "on", "enabled", "active", "yes", "true"].contains(where: t.hasPrefix) { return true }
        return nil
    }
}

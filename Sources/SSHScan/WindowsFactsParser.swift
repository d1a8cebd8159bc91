import Foundation
public import InventoryModel

/// Turns the Windows probe's evidence into `HostFacts`.
///
/// Pure, like `LinuxFactsParser`: sections are compact JSON objects (or arrays of them, as
/// `ConvertTo-Json` prints one object bare) plus the text of `net accounts`; anything else gives
/// "unknown", never an error.
public enum WindowsFactsParser {
    public static func facts(from sections: [Evidence], catalogue: AntivirusCatalogue? = nil) -> HostFacts {
        var byName: [String: Evidence] = [:]
        for section in sections where byName[section.name] == nil { byName[section.name] = section }
        func objects(_ name: String) -> [[String: Any]]? {
            guard let evidence = byName[name], evidence.exitCode == 0 else { return nil }
            let text = evidence.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { return [] }
            guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            else { return nil }
            if let one = json as? [String: Any] { return [one] }
            return (json as? [Any])?.compactMap { $0 as? [String: Any] }
        }

        var facts = HostFacts()
        if let os = objects("os")?.first {
            facts.hostname = string(os["Host"])
            let caption = string(os["Caption"])
            facts.os = OperatingSystem(
                id: "windows", name: caption, prettyName: caption, versionID: string(os["Version"]),
                role: role(productType: int(os["ProductType"])))
            if let version = string(os["Version"]) {
                facts.kernel = int(os["UBR"]).map { "\(version).\($0)" } ?? version
            }
            facts.lastBoot = date(os["LastBoot"])
        }
        if let computer = objects("computer")?.first {
            facts.cpu = int(computer["Cores"]).map { CPU(model: string(computer["Cpu"]), logicalCores: $0) }
            facts.memory = int64(computer["Memory"]).map { Memory(totalBytes: $0, availableBytes: nil) }
            facts.hardware = Hardware(
                biosDate: date(computer["BiosDate"]), biosVendor: string(computer["BiosVendor"]),
                systemVendor: string(computer["Manufacturer"]), productName: string(computer["Model"]))
        }
        if let hotfixes = objects("hotfixes") {
            facts.hotfixes = hotfixes.compactMap { h in
                string(h["Id"]).map { Hotfix(id: $0, description: string(h["Kind"]), installedOn: date(h["On"])) }
            }
            facts.lastUpdate = facts.hotfixes?.compactMap(\.installedOn).max()
        }
        facts.antivirus = antivirus(
            securityCenter: objects("antivirus"), defender: objects("defender")?.first, catalogue: catalogue)
        if let profiles = objects("firewall") {
            let list = profiles.compactMap { p in
                string(p["Name"]).map {
                    FirewallProfile(name: $0, enabled: bool(p["Enabled"]) ?? false, defaultInbound: string(p["Inbound"]))
                }
            }
            facts.firewall = Firewall(
                enabled: list.isEmpty ? nil : list.allSatisfy(\.enabled), backends: ["windows"], profiles: list)
        }
        if let sockets = objects("listening") {
            facts.listening = Set(
                sockets.compactMap { s -> ListeningSocket? in
                    guard let proto = string(s["P"]).flatMap(ListeningSocket.TransportProtocol.init(rawValue:)),
                        let address = string(s["A"]), let port = int(s["Port"])
                    else { return nil }
                    return ListeningSocket(proto: proto, address: address, port: port)
                }
            ).sorted { ($0.proto.rawValue, $0.port, $0.address) < ($1.proto.rawValue, $1.port, $1.address) }
        }
        if let admins = objects("admins") {
            facts.accounts = Accounts(uidZero: [], emptyPassword: nil, administrators: admins.compactMap { string($0["Name"]) })
        }
        if let evidence = byName["password-policy"], evidence.exitCode == 0 {
            facts.passwordPolicy = passwordPolicy(fromNetAccounts: evidence.text)
        }
        if let volumes = objects("bitlocker") {
            let on = volumes.filter { string($0["Protection"]) == "On" }.compactMap { string($0["Mount"]) }
            let off = volumes.filter { string($0["Protection"]) != "On" }.compactMap { string($0["Mount"]) }
            facts.diskEncryption = DiskEncryption(method: "bitlocker", encrypted: on, unencrypted: off)
        }
        if let evidence = byName["smb1"], evidence.exitCode == 0 {
            switch evidence.text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            case "true": facts.smb1Enabled = true
            case "false": facts.smb1Enabled = false
            default: break
            }
        }
        return facts
    }

    /// Security Center entries (workstations), with Defender's own status merged into its entry;
    /// on servers, where Security Center does not exist, Defender's status alone.
    static func antivirus(
        securityCenter: [[String: Any]]?, defender: [String: Any]?, catalogue: AntivirusCatalogue?
    ) -> [Antivirus] {
        let defenderName = catalogue?.products.first { $0.id == "microsoft-defender" }?.name ?? "Microsoft Defender"
        var products: [Antivirus] = []
        for entry in securityCenter ?? [] {
            guard let display = string(entry["Name"]) else { continue }
            let state = int(entry["State"]).map(ProductState.init)
            let name = catalogue?.product(windowsDisplayName: display)?.name ?? display
            products.append(
                Antivirus(
                    product: name, installed: true, running: state?.enabled, realTimeProtection: state?.enabled,
                    signaturesUpToDate: state?.signaturesUpToDate))
        }
        if let defender {
            let service = bool(defender["Service"])
            let realTime = bool(defender["RealTime"])
            let fromDefender = Antivirus(
                product: defenderName, version: string(defender["Version"]), installed: true,
                running: service.map { $0 && (bool(defender["Enabled"]) ?? false) }, realTimeProtection: realTime,
                signatureDate: date(defender["Signatures"]))
            if let index = products.firstIndex(where: { $0.product == defenderName }) {
                products[index].version = fromDefender.version
                products[index].signatureDate = fromDefender.signatureDate
            } else {
                products.append(fromDefender)
            }
        }
        return products
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

    static func role(productType: Int?) -> String? {
        switch productType {
        case 1: "workstation"
        case 2: "domain_controller"
        case 3: "server"
        default: nil
        }
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
        return LinuxPosture.isoDateTime(String(text.dropLast()))
    }
}

public import Foundation

extension HostScan {
    /// The host as the policy language sees it (`FactSchema.host`).
    ///
    /// Ages (`signature_age_days`, `bios_age_years`) are measured at the scan's start, so judging a
    /// stored scan again next month gives the same verdicts.
    public var factValue: FactValue {
        .object(Dictionary(uniqueKeysWithValues: Self.factNames.map { ($0, fact(named: $0)) }))
    }

    /// The names of `factValue`'s fields: the schema's.
    public static var factNames: [String] { FactSchema.host.fields.map(\.name) }

    /// One field of `factValue`, built alone: a rule engine that reads a few of a host's facts
    /// need not build the rest (a server's package list is thousands of objects).
    /// Why the fact at `path` (below `host.`, e.g. `accounts.administrators` or
    /// `antivirus[0].real_time`) is unknown, when the scan kept a reason for it or for a fact
    /// that contains it.
    public func unknownReason(ofFact path: String) -> String? {
        guard let reasons = facts?.unknownReasons, !reasons.isEmpty else { return nil }
        var best: (key: String, reason: String)?
        for (key, reason) in reasons where path == key || path.hasPrefix(key + ".") || path.hasPrefix(key + "[") {
            if key.count > (best?.key.count ?? -1) { best = (key, reason) }
        }
        return best?.reason
    }

    public func fact(named name: String) -> FactValue {
        switch name {
        case "address": return .string(target.address)
        case "port": return .int(Int64(target.port))
        case "name": return FactValue(target.name)
        case "unit": return .string(target.unit)
        case "status": return .string(status.rawValue)
        case "hostname": return FactValue(facts?.hostname)
        case "kernel": return FactValue(facts?.kernel)
        case "uptime_seconds": return FactValue(facts?.uptimeSeconds)
        case "interfaces":
            return .list(
                (facts?.interfaces ?? []).map {
                    .object(["name": .string($0.name), "mac": FactValue($0.mac), "addresses": FactValue(strings: $0.addresses)])
                })
        case "listening":
            return .list(
                (facts?.listening ?? []).map {
                    .object(["proto": .string($0.proto.rawValue), "address": .string($0.address), "port": .int(Int64($0.port))])
                })
        case "antivirus":
            // Every source failed: unknown, so a rule on it is an error, never "no antivirus".
            if facts?.antivirusUnknown == true, facts?.antivirus.isEmpty == true { return .null }
            return .list((facts?.antivirus ?? []).map { $0.factValue(at: startedAt) })
        case "os":
            return facts?.os.map {
                .object([
                    "id": .string($0.id), "id_like": FactValue(strings: $0.idLike), "name": FactValue($0.name),
                    "pretty_name": FactValue($0.prettyName), "version_id": FactValue($0.versionID),
                    "family": .string($0.family), "role": FactValue($0.role),
                ])
            } ?? .null
        case "cpu":
            return facts?.cpu.map { .object(["model": FactValue($0.model), "cores": .int(Int64($0.logicalCores))]) } ?? .null
        case "memory":
            return facts?.memory.map {
                .object(["total_bytes": .int($0.totalBytes), "available_bytes": FactValue($0.availableBytes)])
            } ?? .null
        case "default_route":
            return facts?.defaultRoute.map {
                .object(["gateway": .string($0.gateway), "interface": .string($0.interface)])
            } ?? .null
        case "hardware":
            return facts?.hardware.map {
                .object([
                    "bios_date": FactValue($0.biosDate),
                    "bios_age_years": FactValue($0.biosDate.map { startedAt.timeIntervalSince($0) / (365.25 * 86_400) }),
                    "bios_vendor": FactValue($0.biosVendor), "system_vendor": FactValue($0.systemVendor),
                    "product_name": FactValue($0.productName),
                    "virtual": .bool($0.hypervisor != nil), "hypervisor": FactValue($0.hypervisor),
                ])
            } ?? .null
        case "sshd": return facts?.sshd.map(\.factValue) ?? .null
        default: return securityFact(named: name, facts, at: startedAt)
        }
    }
}

extension SSHDSettings {
    var factValue: FactValue {
        func list(_ keyword: String) -> FactValue {
            // sshd -T prints comma-separated lists; keep one entry per algorithm.
            let entries = values(keyword).flatMap { $0.split(separator: ",").map(String.init) }
            return entries.isEmpty ? .null : FactValue(strings: entries)
        }
        var object = loginFields
        object["source"] = .string(source)
        object["version"] = FactValue(version)
        object["unknown_reason"] = FactValue(unknownReason)
        object["log_level"] = FactValue(value("loglevel"))
        object["login_grace_time"] = int("logingracetime")
        object["ciphers"] = list("ciphers")
        object["macs"] = list("macs")
        object["kex_algorithms"] = list("kexalgorithms")
        object["match_blocks"] = matchBlocks.map { blocks in
            .list(
                blocks.map { block in
                    // A keyword the block does not set keeps the global value for its connections.
                    var merged = self
                    for (keyword, values) in block.settings { merged.settings[keyword] = values }
                    var fields = merged.loginFields
                    fields["criteria"] = .string(block.criteria)
                    fields["may_apply_to_root"] = .bool(block.mayApplyToRoot)
                    return .object(fields)
                })
        } ?? .null
        return .object(object)
    }

    /// The settings a `Match` block may change, as facts: the global ones, and each block's.
    private var loginFields: [String: FactValue] {
        [
            "permit_root_login": FactValue(value("permitrootlogin")),
            "password_authentication": FactValue(value("passwordauthentication")),
            "pubkey_authentication": FactValue(value("pubkeyauthentication")),
            "permit_empty_passwords": FactValue(value("permitemptypasswords")),
            "kbd_interactive_authentication": FactValue(value("kbdinteractiveauthentication")),
            "x11_forwarding": FactValue(value("x11forwarding")),
            "max_auth_tries": int("maxauthtries"),
            "client_alive_interval": int("clientaliveinterval"),
        ]
    }

    /// A number of seconds: LoginGraceTime may carry a unit suffix in sshd_config ("2m"); sshd -T
    /// prints seconds.
    private func int(_ keyword: String) -> FactValue {
        value(keyword).flatMap(SSHDSettings.seconds(from:)).map { .int(Int64($0)) } ?? .null
    }

    /// sshd's time format: a number with optional s/m/h/d/w suffixes, possibly combined ("1h30m").
    static func seconds(from text: String) -> Int? {
        if let plain = Int(text) { return plain }
        var total = 0
        var number = ""
        for ch in text.lowercased() {
            if ch.isNumber {
                number.append(ch)
                continue
            }
            guard let n = Int(number) else { return nil }
            let factor: Int
            switch ch {
            case "s": factor = 1
            case "m": factor = 60
            case "h": factor = 3600
            case "d": factor = 86_400
            case "w": factor = 604_800
            default: return nil
            }
            total += n * factor
            number = ""
        }
        if !number.isEmpty { total += Int(number) ?? 0 }
        return total
    }
}

extension Antivirus {
    func factValue(at now: Date) -> FactValue {
        .object([
            "product": .string(product), "version": FactValue(version), "installed": .bool(installed),
            "running": FactValue(running), "real_time": FactValue(realTimeProtection),
            "signature_date": FactValue(signatureDate),
            "signature_age_days": FactValue(signatureDate.map { now.timeIntervalSince($0) / 86_400 }),
            "license_expiry": FactValue(licenseExpiry),
            "signatures_up_to_date": FactValue(signaturesUpToDate),
        ])
    }

    /// Installed, and signatures no older than `maxAgeDays` at `now`: what the ministry counts as covered.
    public func isFresh(at now: Date, maxAgeDays: Double) -> Bool {
        guard installed, let signatureDate else { return false }
        return now.timeIntervalSince(signatureDate) <= maxAgeDays * 86_400
    }
}

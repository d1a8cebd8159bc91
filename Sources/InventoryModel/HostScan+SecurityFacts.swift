import Foundation

extension HostScan {
    /// A security-posture fact as the policy language sees it; an absent fact is `null`, so a rule
    /// on it errors instead of passing on a guess, and so is a name that is not a fact.
    func securityFact(named name: String, _ f: HostFacts?, at now: Date) -> FactValue {
        func list<T>(_ items: [T]?, _ transform: (T) -> FactValue) -> FactValue {
            items.map { .list($0.map(transform)) } ?? .null
        }
        switch name {
        case "packages":
            return list(f?.packages) {
                .object(["name": .string($0.name), "version": .string($0.version), "arch": FactValue($0.architecture)])
            }
        case "pending_updates":
            return list(f?.pendingUpdates) {
                .object([
                    "name": .string($0.name), "current_version": FactValue($0.currentVersion),
                    "available_version": .string($0.availableVersion), "security": FactValue($0.security),
                ])
            }
        case "update_check":
            return f?.updateCheck.map { check in
                let trusted = check.status == .ok
                return .object([
                    "tool": FactValue(check.tool), "status": .string(check.status.rawValue),
                    "lists_age_days": FactValue(check.listsUpdated.map { now.timeIntervalSince($0) / 86_400 }),
                    "pending": trusted ? FactValue(f?.pendingUpdates?.count) : .null,
                    "security": trusted ? FactValue(check.securityCount) : .null,
                ])
            } ?? .null
        case "hotfixes":
            return list(f?.hotfixes) {
                .object(["id": .string($0.id), "description": FactValue($0.description), "installed_on": FactValue($0.installedOn)])
            }
        case "last_boot": return FactValue(f?.lastBoot)
        case "last_update": return FactValue(f?.lastUpdate)
        case "days_since_update": return FactValue(f?.lastUpdate.map { now.timeIntervalSince($0) / 86_400 })
        case "smb1_enabled": return FactValue(f?.smb1Enabled)
        case "smb1_client_enabled": return FactValue(f?.smb1ClientEnabled)
        case "remote_desktop":
            return f?.remoteDesktop.map {
                .object(["enabled": FactValue($0.enabled), "nla_required": FactValue($0.nlaRequired)])
            } ?? .null
        case "powershell_language_mode": return FactValue(f?.powerShellLanguageMode)
        case "ssh_offer":
            return f?.sshOffer.map {
                .object([
                    "kex_algorithms": FactValue(strings: $0.kexAlgorithms),
                    "host_key_algorithms": FactValue(strings: $0.hostKeyAlgorithms),
                    "ciphers": FactValue(strings: $0.ciphers), "macs": FactValue(strings: $0.macs),
                ])
            } ?? .null
        case "audit_policy":
            return f?.auditPolicy.map { policy in
                .object(Dictionary(uniqueKeysWithValues: FactSchema.auditPolicy.fields.map { ($0.name, FactValue(policy[$0.name])) }))
            } ?? .null
        case "accounts":
            return f?.accounts.map {
                .object([
                    "uid_zero": FactValue(strings: $0.uidZero),
                    "empty_password": $0.emptyPassword.map { FactValue(strings: $0) } ?? .null,
                    "administrators": $0.administrators.map { FactValue(strings: $0) } ?? .null,
                    "guest_enabled": FactValue($0.guestEnabled),
                ])
            } ?? .null
        case "password_policy":
            return f?.passwordPolicy.map {
                .object([
                    "max_age_days": FactValue($0.maxAgeDays), "min_age_days": FactValue($0.minAgeDays),
                    "warn_age_days": FactValue($0.warnAgeDays), "min_length": FactValue($0.minLength),
                    "quality_module": FactValue($0.qualityModule), "lockout_threshold": FactValue($0.lockoutThreshold),
                    "history_length": FactValue($0.historyLength),
                ])
            } ?? .null
        case "firewall":
            return f?.firewall.map {
                .object([
                    "enabled": FactValue($0.enabled), "backends": FactValue(strings: $0.backends),
                    "profiles": .list(
                        $0.profiles.map {
                            .object([
                                "name": .string($0.name), "enabled": .bool($0.enabled),
                                "default_inbound": FactValue($0.defaultInbound),
                            ])
                        }),
                    "backend": FactValue($0.backend), "input_policy_v4": FactValue($0.inputPolicyV4),
                    "input_policy_v6": FactValue($0.inputPolicyV6), "ipv6_active": FactValue($0.ipv6Active),
                    "status": FactValue($0.status?.rawValue),
                ])
            } ?? .null
        case "time_sync":
            return f?.timeSync.map {
                .object([
                    "daemon": FactValue($0.daemon), "enabled": FactValue($0.enabled), "running": FactValue($0.running),
                    "servers": FactValue(strings: $0.servers), "synchronized": FactValue($0.synchronized),
                    "sync_source": FactValue($0.syncSource),
                ])
            } ?? .null
        case "auditd":
            return f?.auditd.map {
                .object([
                    "installed": .bool($0.installed), "enabled": FactValue($0.enabled), "running": FactValue($0.running),
                    "rule_count": FactValue($0.ruleCount), "loaded_rules": FactValue($0.loadedRuleCount),
                    "kernel_enabled": FactValue($0.kernelEnabled), "rules_status": FactValue($0.rulesStatus),
                ])
            } ?? .null
        case "logging":
            return f?.logging.map {
                .object([
                    "persistent": FactValue($0.persistent), "journald_storage": FactValue($0.journaldStorage),
                    "journal_directory": FactValue($0.journalDirectory), "journald_running": FactValue($0.journaldRunning),
                    "syslog_daemon": FactValue($0.syslogDaemon), "syslog_targets": FactValue(strings: $0.syslogTargets),
                ])
            } ?? .null
        case "mac":
            return f?.mandatoryAccessControl.map {
                .object(["selinux": FactValue($0.selinux), "apparmor": FactValue($0.appArmor)])
            } ?? .null
        case "disk_encryption":
            return f?.diskEncryption.map {
                .object([
                    "method": .string($0.method), "encrypted": FactValue(strings: $0.encrypted),
                    "unencrypted": FactValue(strings: $0.unencrypted),
                    "system_volume": FactValue($0.systemVolume), "system_encrypted": FactValue($0.systemEncrypted),
                ])
            } ?? .null
        default:
            return .null
        }
    }
}

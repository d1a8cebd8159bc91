import Foundation

extension HostScan {
    /// The security-posture facts as the policy language sees them; absent facts are `null`, so a
    /// rule on them errors instead of passing on a guess.
    func securityFields(_ f: HostFacts?, at now: Date) -> [String: FactValue] {
        func list<T>(_ items: [T]?, _ transform: (T) -> FactValue) -> FactValue {
            items.map { .list($0.map(transform)) } ?? .null
        }
        var fields: [String: FactValue] = [
            "packages": list(f?.packages) {
                .object(["name": .string($0.name), "version": .string($0.version), "arch": FactValue($0.architecture)])
            },
            "pending_updates": list(f?.pendingUpdates) {
                .object([
                    "name": .string($0.name), "current_version": FactValue($0.currentVersion),
                    "available_version": .string($0.availableVersion),
                ])
            },
            "hotfixes": list(f?.hotfixes) {
                .object(["id": .string($0.id), "description": FactValue($0.description), "installed_on": FactValue($0.installedOn)])
            },
            "last_boot": FactValue(f?.lastBoot),
            "last_update": FactValue(f?.lastUpdate),
            "days_since_update": FactValue(f?.lastUpdate.map { now.timeIntervalSince($0) / 86_400 }),
            "smb1_enabled": FactValue(f?.smb1Enabled),
        ]
        fields["accounts"] = f?.accounts.map {
            .object([
                "uid_zero": FactValue(strings: $0.uidZero),
                "empty_password": $0.emptyPassword.map { FactValue(strings: $0) } ?? .null,
                "administrators": $0.administrators.map { FactValue(strings: $0) } ?? .null,
            ])
        } ?? .null
        fields["password_policy"] = f?.passwordPolicy.map {
            .object([
                "max_age_days": FactValue($0.maxAgeDays), "min_age_days": FactValue($0.minAgeDays),
                "warn_age_days": FactValue($0.warnAgeDays), "min_length": FactValue($0.minLength),
                "quality_module": FactValue($0.qualityModule), "lockout_threshold": FactValue($0.lockoutThreshold),
                "history_length": FactValue($0.historyLength),
            ])
        } ?? .null
        fields["firewall"] = f?.firewall.map {
            .object([
                "enabled": FactValue($0.enabled), "backends": FactValue(strings: $0.backends),
                "profiles": .list(
                    $0.profiles.map {
                        .object([
                            "name": .string($0.name), "enabled": .bool($0.enabled),
                            "default_inbound": FactValue($0.defaultInbound),
                        ])
                    }),
            ])
        } ?? .null
        fields["time_sync"] = f?.timeSync.map {
            .object([
                "daemon": FactValue($0.daemon), "enabled": FactValue($0.enabled), "running": FactValue($0.running),
                "servers": FactValue(strings: $0.servers),
            ])
        } ?? .null
        fields["auditd"] = f?.auditd.map {
            .object([
                "installed": .bool($0.installed), "enabled": FactValue($0.enabled), "running": FactValue($0.running),
                "rule_count": FactValue($0.ruleCount),
            ])
        } ?? .null
        fields["mac"] = f?.mandatoryAccessControl.map {
            .object(["selinux": FactValue($0.selinux), "apparmor": FactValue($0.appArmor)])
        } ?? .null
        fields["disk_encryption"] = f?.diskEncryption.map {
            .object([
                "method": .string($0.method), "encrypted": FactValue(strings: $0.encrypted),
                "unencrypted": FactValue(strings: $0.unencrypted),
            ])
        } ?? .null
        return fields
    }
}

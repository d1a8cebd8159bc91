import Foundation
import InventoryModel
import Ranking
import Reports

/// A small estate with one hostile host, so every renderer is tested against data that tries to
/// break out of its format.
enum ReportFixtures {
    static let scanStart = Date(timeIntervalSince1970: 1_740_000_000)  // 2025-02-19T21:20:00Z
    static let day: TimeInterval = 86_400

    static let hostileHostname = "<script>alert('x')</script>"
    static let hostileBanner = "SSH-2.0-OpenSSH_9.2 <img src=x onerror=alert(1)>"
    static let brokenMessage = "PermitRootLogin is yes | expected no\nsecond line"
    static let hostileEvidence = "yes`*_[x](javascript:alert(1))`"

    /// Given in decomposed form (NFD), as some tools write Vietnamese; reports must show NFC.
    static let inventoryName = "Sở Thông tin và Truyền thông <Tỉnh X>"
        .decomposedStringWithCanonicalMapping

    static let snapshot = InventorySnapshot(
        scanID: 42, inventoryName: inventoryName, startedAt: scanStart,
        finishedAt: scanStart.addingTimeInterval(90),
        units: [
            Unit(
                id: "vp", name: LocalizedText(vi: "Văn phòng Sở", en: "Department Office"), staff: 2
            ),
            Unit(id: "tt", name: LocalizedText(vi: "Trung tâm CNTT", en: "IT Centre"), staff: 1),
        ],
        hosts: [
            HostScan(
                target: SSHTarget(
                    address: "10.0.0.1", user: "audit", unit: "vp", name: "web-01",
                    credential: .agent),
                status: .scanned, startedAt: scanStart, durationSeconds: 2,
                serverBanner: hostileBanner,
                facts: HostFacts(
                    hostname: hostileHostname,
                    os: OperatingSystem(
                        id: "debian", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12"),
                    antivirus: [
                        Antivirus(
                            product: "ClamAV", version: "1.0.5", installed: true,
                            signatureDate: scanStart.addingTimeInterval(-2 * day))
                    ])),
            HostScan(
                target: SSHTarget(
                    address: "10.0.0.2", port: 2222, user: "audit", unit: "vp", credential: .agent),
                status: .scanned, startedAt: scanStart, durationSeconds: 2,
                serverBanner: "SSH-2.0-OpenSSH_8.9\u{1B}[31m",
                facts: HostFacts(
                    hostname: "may-ke-toan",
                    os: OperatingSystem(id: "ubuntu", name: "Ubuntu", versionID: "22.04"))),
            HostScan(
                target: SSHTarget(
                    address: "10.0.1.1", user: "audit", unit: "tt", credential: .agent),
                status: .unreachable, message: "connect: no route to host | retry\nlater",
                startedAt: scanStart,
                durationSeconds: 5),
        ])

    static let findings: [Finding] = [
        Finding(
            policyID: "baseline", ruleID: "ssh.root_login",
            title: LocalizedText(vi: "Cấm đăng nhập root", en: "No root login"),
            severity: .high, host: "10.0.0.1:22", unit: "vp", verdict: .fail,
            message: brokenMessage,
            evidence: [EvidenceItem(path: "sshd.permit_root_login", value: hostileEvidence)]),
        Finding(
            policyID: "baseline", ruleID: "av.fresh",
            title: LocalizedText(vi: "Mẫu nhận diện mới", en: "Fresh signatures"),
            severity: .medium, host: "10.0.0.1:22", unit: "vp", verdict: .error,
            message: "signature date unknown"),
        Finding(
            policyID: "baseline", ruleID: "ssh.root_login",
            title: LocalizedText(vi: "Cấm đăng nhập root", en: "No root login"),
            severity: .high, host: "10.0.0.2:2222", unit: "vp", verdict: .pass),
        Finding(
            policyID: "baseline", ruleID: "win.defender",
            title: LocalizedText(vi: "Defender bật", en: "Defender on"),
            severity: .low, host: "10.0.0.2:2222", unit: "vp", verdict: .notApplicable),
    ]

    static func input(_ language: Language = .vi) -> ReportInput {
        ReportInput(
            snapshot: snapshot, findings: findings,
            ranking: RankingMethod.basic().score(snapshot, findings: findings),
            generatedAt: scanStart.addingTimeInterval(3_600), language: language,
            policies: [
                PolicyName(id: "baseline", title: LocalizedText(vi: "Cơ bản", en: "Baseline"))
            ],
            toolVersion: "0.1.0")
    }

    /// Whether `text` holds `needle` byte for byte after NFC normalisation of `needle` only, so a
    /// renderer that forgot to normalise fails.
    static func containsNFC(_ text: String, _ needle: String) -> Bool {
        let haystack = Array(text.utf8)
        let bytes = Array(needle.precomposedStringWithCanonicalMapping.utf8)
        guard !bytes.isEmpty, haystack.count >= bytes.count else { return bytes.isEmpty }
        for start in 0...(haystack.count - bytes.count)
        where haystack[start..<start + bytes.count].elementsEqual(bytes) {
            return true
        }
        return false
    }
}

extension ReportFixtures {
    static let formula = "=HYPERLINK(\"http://evil.example/\",\"bấm vào đây\")"
    static let longName = String(repeating: "Đ", count: 10_000)
    static let rtl = "abc\u{202E}gnp.exe"
    /// Bytes that are not UTF-8, decoded as a scanner decodes host output.
    static let invalidUTF8 = String(decoding: [0x41, 0xFF, 0xFE, 0xC3, 0x28, 0x42] as [UInt8], as: UTF8.self)

    /// Every hostile string in every field a host or a file can fill.
    static func hostileInput(_ language: Language = .vi) -> ReportInput {
        var snapshot = snapshot
        snapshot.units.append(
            Unit(id: "evil", name: LocalizedText(vi: formula, en: formula), staff: 3,
                 declared: ["internet_bandwidth_mbps": 100]))
        snapshot.hosts.append(
            HostScan(
                target: SSHTarget(address: "10.9.9.9", user: "audit", unit: "evil", name: longName, credential: .agent),
                status: .scanned, startedAt: scanStart, durationSeconds: 1,
                serverBanner: "SSH-2.0-\"quoted\" 'single' \(rtl) \(invalidUTF8)",
                facts: HostFacts(hostname: "+cmd|' /C calc'!A0", os: OperatingSystem(id: "debian", prettyName: hostileHostname))))
        var findings = findings
        findings.append(
            Finding(
                policyID: "baseline", ruleID: "ssh.root_login",
                title: LocalizedText(vi: "Cấm đăng nhập root", en: "No root login"),
                severity: .critical, host: "10.9.9.9:22", unit: "evil", verdict: .fail,
                message: "@SUM(1+1) \(hostileHostname) ]]></failure> \(invalidUTF8)",
                evidence: [
                    EvidenceItem(path: "sshd.permit_root_login", value: formula),
                    EvidenceItem(path: "host.name", value: longName),
                    EvidenceItem(path: "rtl", value: rtl),
                ]))
        var input = input(language)
        input.snapshot = snapshot
        input.findings = findings
        input.ranking = RankingMethod.basic().score(snapshot, findings: findings)
        return input
    }
}

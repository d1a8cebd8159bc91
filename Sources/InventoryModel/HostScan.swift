public import Foundation

/// How the scan of one host ended. Every host ends with exactly one of these.
public enum HostStatus: String, Codable, Sendable, CaseIterable {
    case scanned
    case unreachable
    case authFailed = "auth_failed"
    case hostKeyUnknown = "host_key_unknown"
    case hostKeyChanged = "host_key_changed"
    case timedOut = "timed_out"
    case error

    public var label: LocalizedText {
        switch self {
        case .scanned: LocalizedText(vi: "Đã quét", en: "Scanned")
        case .unreachable: LocalizedText(vi: "Không kết nối được", en: "Unreachable")
        case .authFailed: LocalizedText(vi: "Xác thực thất bại", en: "Authentication failed")
        case .hostKeyUnknown: LocalizedText(vi: "Khóa máy chủ chưa biết", en: "Host key unknown")
        case .hostKeyChanged: LocalizedText(vi: "Khóa máy chủ đã thay đổi", en: "Host key changed")
        case .timedOut: LocalizedText(vi: "Quá thời gian chờ", en: "Timed out")
        case .error: LocalizedText(vi: "Lỗi", en: "Error")
        }
    }
}

/// Raw output a fact was read from, kept so every finding can point at what it was judged on.
public struct Evidence: Codable, Sendable, Hashable {
    /// The probe section's name, e.g. `os-release`, `sshd-config`.
    public var name: String
    /// What was run or read on the host.
    public var source: String
    /// Bytes as the host sent them (capped); not necessarily UTF-8.
    public var content: Data
    public var exitCode: Int?
    /// Whether the output was cut at the cap.
    public var truncated: Bool

    public init(name: String, source: String, content: Data, exitCode: Int? = nil, truncated: Bool = false) {
        self.name = name
        self.source = source
        self.content = content
        self.exitCode = exitCode
        self.truncated = truncated
    }

    /// The content as text, invalid UTF-8 replaced.
    ///
    /// Decoded from the bytes in place: `String(decoding: content, …)` on `Data` takes the
    /// standard library's element-by-element path, which for a host's package list costs more
    /// than parsing it.
    public var text: String {
        content.withUnsafeBytes { String(decoding: $0.bindMemory(to: UInt8.self), as: UTF8.self) }
    }
}

/// The result of scanning one target.
public struct HostScan: Codable, Sendable, Hashable {
    public var target: SSHTarget
    public var status: HostStatus
    /// Why the status is what it is, for anything but `scanned`.
    public var message: String?
    public var startedAt: Date
    public var durationSeconds: Double
    /// The server's SSH identification string (untrusted: it comes from the host).
    public var serverBanner: String?
    /// SHA-256 fingerprint of the host key as OpenSSH prints it (`SHA256:…`).
    public var hostKeyFingerprint: String?
    public var facts: HostFacts?
    public var evidence: [Evidence]
    /// Exec round trips the scan used on the host (the design's budget is one); nil in scans
    /// recorded before it was counted.
    public var execCount: Int?

    public init(
        target: SSHTarget, status: HostStatus, message: String? = nil, startedAt: Date, durationSeconds: Double,
        serverBanner: String? = nil, hostKeyFingerprint: String? = nil, facts: HostFacts? = nil,
        evidence: [Evidence] = []
    ) {
        self.target = target
        self.status = status
        self.message = message
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.serverBanner = serverBanner
        self.hostKeyFingerprint = hostKeyFingerprint
        self.facts = facts
        self.evidence = evidence
    }
}

/// `productState` of a `root/SecurityCenter2` `AntiVirusProduct`, decoded.
///
/// Microsoft does not document the value; this is the layout every inventory tool uses, checked
/// against Defender and third-party products (397568 = 0x061100: Defender on, up to date;
/// 393472 = 0x060100: Defender off; 266240 = 0x041000: third-party on, up to date):
///
/// | bits  | meaning |
/// |-------|---------|
/// | 16–23 | security provider flags (WSC_SECURITY_PROVIDER: 0x04 antivirus, 0x02 auto-update, …) |
/// | 12–15 | scanner state: 0 off, 1 on, 2 snoozed, 3 expired |
/// | 8–11  | 1 when the product is Microsoft's own, 0 for third parties |
/// | 4–7   | signatures: 0 up to date, 1 out of date |
/// | 0–3   | unused |
public struct ProductState: Sendable, Hashable {
    public let rawValue: Int

    public init(_ rawValue: Int) { self.rawValue = rawValue }

    /// 0 off, 1 on, 2 snoozed, 3 expired.
    public var scannerState: Int { (rawValue >> 12) & 0xF }
    /// Real-time scanning is on (not off, snoozed or expired).
    public var enabled: Bool { scannerState == 1 }
    public var signaturesUpToDate: Bool { (rawValue >> 4) & 0xF == 0 }
    public var isMicrosoft: Bool { (rawValue >> 8) & 0xF == 1 }
    public var providerFlags: Int { (rawValue >> 16) & 0xFF }
}

import Foundation
import InventoryModel
import SSHScan
import Testing

struct ClamAVParsingTests {
    /// A daily.cvd header as freshclam downloads it, padded with spaces to 512 bytes.
    static func header(_ text: String) -> String { text.padding(toLength: 512, withPad: " ", startingAt: 0) }

    @Test("installed and running ClamAV: version from clamscan, signature time from the CVD header's seconds")
    func running() {
        let text = parts([
            "tools": "clamscan /usr/bin/clamscan\nclamd /usr/sbin/clamd\nfreshclam /usr/bin/freshclam\n",
            "clamscan --version": "ClamAV 1.0.7/27472/Sat Nov 16 09:34:42 2024\n",
            "/var/lib/clamav/daily.cvd": Self.header(
                "ClamAV-VDB:16 Nov 2024 09-34 +0000:27472:2069803:90:4e6a1bb0f5a39a1fb87ad5e0e60aef39:"
                    + "AjQ8cB4p0NvA2hD3Cr1Zg5Yw:raynman:1731749682"),
            "clamd processes": "/proc/812\n",
        ])
        #expect(
            facts(section("clamav", text)).antivirus == [
                Antivirus(
                    product: "ClamAV", version: "1.0.7", installed: true, running: true,
                    signatureDate: Date(timeIntervalSince1970: 1_731_749_682))
            ])
    }

    @Test("a header without the seconds field falls back to its text time and zone")
    func textTime() {
        let text = parts([
            "tools": "clamscan /usr/bin/clamscan\n",
            "/var/lib/clamav/daily.cld": Self.header("ClamAV-VDB:03 Feb 2023 14-05 +0700:26801:2021450:90:X:X:raynman"),
            "clamd processes": "",
        ])
        #expect(
            facts(section("clamav", text)).antivirus == [
                Antivirus(
                    product: "ClamAV", version: nil, installed: true, running: false,
                    signatureDate: utc(2023, 2, 3, 7, 5))
            ])
    }

    @Test("without a readable database the clamscan --version date is used, read as UTC")
    func versionDate() {
        let text = parts([
            "tools": "clamscan /usr/bin/clamscan\n",
            "clamscan --version": "ClamAV 0.103.11/27150/Mon Jan  8 09:21:03 2024\n",
        ])
        #expect(
            facts(section("clamav", text)).antivirus == [
                Antivirus(
                    product: "ClamAV", version: "0.103.11", installed: true, running: nil,
                    signatureDate: utc(2024, 1, 8, 9, 21, 3))
            ])
    }

    @Test("no ClamAV program and no database means no antivirus entry; a corrupt header means no date")
    func absent() {
        #expect(facts(section("clamav", parts(["tools": "", "clamd processes": ""]))).antivirus == [])
        let corrupt = parts([
            "tools": "clamd /usr/sbin/clamd\n", "/var/lib/clamav/daily.cvd": "\u{1F}\u{8B}\u{08}garbage",
        ])
        #expect(
            facts(section("clamav", corrupt)).antivirus == [
                Antivirus(product: "ClamAV", installed: true, signatureDate: nil)
            ])
    }
}

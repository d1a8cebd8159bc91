import Foundation
import InventoryModel
import SSHScan
import Testing

/// `mdatp health` as Microsoft documents it and as hosts print it: padded keys, quoted and
/// annotated values, local-time dates; the host's `date '+%s %z'` comes with it.
struct DefenderForEndpointParsingTests {
    static let health = """
        healthy                                     : false
        health_issues                               : ["no active event provider"]
        licensed                                    : true
        engine_version                              : "1.1.23070.1002"
        app_version                                 : "101.23062.0010"
        product_expiration                          : Apr 10, 2024 at 01:34:28 PM
        real_time_protection_enabled                : false [managed]
        definitions_updated                         : Aug 12, 2023 at 03:26:24 AM
        definitions_version                         : "1.395.227.0"
        definitions_status                          : "could_be_older"
        edr_configuration_version                   : "30.199999.main.2023.08.10.04-54CD2DC991A7EB
        34"

        """

    static func defender(_ text: String) -> Antivirus? { facts(section("mdatp", text)).antivirus.first }

    @Test("without minutes_ago the local-time date is read at the host's offset; values lose quotes and notes")
    func localDate() throws {
        let text = parts(["mdatp health": Self.health, "date": "1691810000 +0700\n"])
        let defender = try #require(Self.defender(text))
        #expect(defender.version == "101.23062.0010")
        #expect(defender.realTimeProtection == false)
        #expect(defender.signaturesUpToDate == false)
        // 03:26:24 at +07:00 is 20:26:24 UTC the day before.
        #expect(defender.signatureDate == utc(2023, 8, 11, 20, 26, 24))
        #expect(defender.licenseExpiry == nil)
    }

    @Test("minutes_ago counts back from the host's clock; 12 PM is noon and 12 AM midnight")
    func minutesAgoAndClock() throws {
        let text = parts([
            "mdatp health": "definitions_updated_minutes_ago             : 159\ndefinitions_status : \"updating\"\n",
            "date": "1700000000 -0500\n",
        ])
        let defender = try #require(Self.defender(text))
        #expect(defender.signatureDate == Date(timeIntervalSince1970: 1_700_000_000 - 159 * 60))
        #expect(defender.signaturesUpToDate == nil)
        for (written, expected) in [
            ("Jan 01, 2024 at 12:00:00 PM", utc(2024, 1, 1, 12)), ("Jan 01, 2024 at 12:30:00 AM", utc(2024, 1, 1, 0, 30)),
            ("Feb 30, 2024 at 01:00:00 AM", nil),
        ] {
            let dated = parts(["mdatp health": "definitions_updated : \(written)\n", "date": "1700000000 +0000\n"])
            #expect(Self.defender(dated)?.signatureDate == expected, "\(written)")
        }
    }

    @Test("a failing mdatp still shows the product installed, with nothing else claimed")
    func failedHealth() throws {
        let text = parts(["mdatp health": "Daemon is not running\n", "date": "garbage"])
        #expect(Self.defender(text) == Antivirus(product: "Microsoft Defender for Endpoint (Linux)", installed: true))
        #expect(facts(section("mdatp", "")).antivirus.isEmpty)
    }
}

import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

struct AntivirusCatalogueTests {
    @Test("the catalogue names every product the ministry asks for, each with update domains")
    func products() throws {
        let catalogue = try LabScan.catalogue
        #expect(
            catalogue.products.map(\.id) == [
                "clamav", "microsoft-defender", "mdatp", "eset", "kaspersky", "bkav", "cmc", "trend-micro", "symantec",
                "sophos", "bitdefender", "trellix", "crowdstrike", "sentinelone",
            ])
        #expect(catalogue.products.allSatisfy { !$0.updateDomains.isEmpty })
        #expect(catalogue.products.allSatisfy { $0.linux != nil || $0.windows != nil })
    }

    @Test("a product id used twice is an error at the second id, worded in Vietnamese and English")
    func productTwice() throws {
        let text = """
            products:
              - { id: av-one, name: One }
              - { id: av-two, name: Two }
              - { id: av-one, name: Again }
            """
        let error = try #require(throws: SourceError.self) { try AntivirusCatalogue.parse(text: text, file: "cat.yaml") }
        // The third product's id value, found in the text: line 4, where "av-one" starts.
        let fourth = text.components(separatedBy: "\n")[3]
        let column = fourth.distance(from: fourth.startIndex, to: try #require(fourth.range(of: "av-one")).lowerBound) + 1
        #expect((error.line, error.column) == (4, column))
        #expect(error.text(.en) == "cat.yaml:4:\(column): product id 'av-one' is used twice")
        #expect(
            error.text(.vi).precomposedStringWithCanonicalMapping
                == "cat.yaml:4:\(column): mã sản phẩm 'av-one' được dùng hai lần".precomposedStringWithCanonicalMapping)
    }

    @Test("Security Center display names map to catalogue products, case-insensitively with wildcards")
    func displayNames() throws {
        let catalogue = try LabScan.catalogue
        #expect(catalogue.product(windowsDisplayName: "Windows Defender")?.id == "microsoft-defender")
        #expect(catalogue.product(windowsDisplayName: "Kaspersky Endpoint Security for Windows")?.id == "kaspersky")
        #expect(catalogue.product(windowsDisplayName: "BKAV Pro Internet Security")?.id == "bkav")
        #expect(catalogue.product(windowsDisplayName: "ESET Endpoint Antivirus")?.id == "eset")
        #expect(catalogue.product(windowsDisplayName: "Some Other AV") == nil)
    }

    @Test("update domains match exactly or, with *., any sub-domain")
    func updateDomains() throws {
        let catalogue = try LabScan.catalogue
        #expect(catalogue.product(updateDomain: "database.clamav.net")?.id == "clamav")
        #expect(catalogue.product(updateDomain: "dnl-03.geo.kaspersky.com")?.id == "kaspersky")
        #expect(catalogue.product(updateDomain: "UPDATE.ESET.COM")?.id == "eset")
        #expect(catalogue.product(updateDomain: "example.com") == nil)
    }

    @Test("a Linux product is found by its catalogue path, and running by its process name")
    func linuxDetection() throws {
        let catalogue = try LabScan.catalogue
        let evidence = [
            Evidence(name: "antivirus-paths", source: "", content: Data("/opt/kaspersky/kesl/bin/kesl-control\n".utf8), exitCode: 0),
            Evidence(name: "services", source: "", content: Data("\n==> enabled <==\nkesl.service\n\n==> running <==\nkesl\nsshd\n".utf8), exitCode: 0),
        ]
        let facts = LinuxFactsParser.facts(from: evidence, catalogue: catalogue)
        #expect(facts.antivirus == [Antivirus(product: "Kaspersky Endpoint Security", installed: true, running: true)])
    }
}

struct SSHConfigTests {
    static let config = SSHConfig(
        text: """
            # IT centre hosts
            Host db-*  !db-test
                HostName 10.0.5.%h
                User dbadmin
                Port 2222
                IdentityFile ~/.ssh/db_ed25519
                ProxyJump bastion.mof.local
            Host db-?? web
              User=first-wins-not-this
              port 2200
            Match host web
              User matched
            Host *
              User fallback
              IdentityFile "/etc/ictaudit/key one"
            """, homeDirectory: "/home/audit")

    static func target(_ address: String) -> SSHTarget {
        SSHTarget(address: address, user: "ictlab", unit: "u", credential: .keyFile(path: "/k", passphraseEnvironment: "P"))
    }

    @Test("a matching Host block sets HostName (%h), User, Port, IdentityFile (~) and ProxyJump; the first value wins")
    func appliesFirstMatch() {
        let resolved = Self.config.apply(to: Self.target("db-01"))
        #expect(resolved.address == "10.0.5.db-01")
        #expect(resolved.user == "dbadmin")
        #expect(resolved.port == 2222)
        #expect(resolved.credential == .keyFile(path: "/home/audit/.ssh/db_ed25519", passphraseEnvironment: "P"))
        #expect(resolved.proxyJump == "bastion.mof.local")
    }

    @Test("negated patterns exclude, ? matches one character, Match blocks are skipped, Host * is the fallback")
    func patterns() {
        let test = Self.config.apply(to: Self.target("db-test"))
        #expect(test.user == "fallback")
        #expect(test.port == 22)
        #expect(test.credential == .keyFile(path: "/etc/ictaudit/key one", passphraseEnvironment: "P"))
        let web = Self.config.apply(to: Self.target("web"))
        #expect(web.user == "first-wins-not-this")
        #expect(web.port == 2200)
        #expect(web.proxyJump == nil)
        #expect(Self.config.apply(to: Self.target("db-123")).port == 2222)
    }
}

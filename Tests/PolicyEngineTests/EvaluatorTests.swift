import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

/// Evaluates a bool expression against a host fact tree.
func run(_ text: String, on host: FactValue) throws -> ExpressionResult {
    try Expression(text, expecting: .bool).evaluate(["host": host])
}

struct EvaluatorTests {
    let host = Fixtures.compliant.factValue
    let bare = Fixtures.host(sshd: nil, antivirus: []).factValue

    @Test("A true check passes and records the fact it read")
    func passWithEvidence() throws {
        let result = try run(#"host.sshd.permit_root_login == "no""#, on: host)
        #expect(result.outcome == .value(.bool(true)))
        #expect(
            result.evidence == [EvidenceItem(path: "host.sshd.permit_root_login", value: "\"no\"")])
    }

    @Test("A false check fails with the value that made it fail")
    func failWithEvidence() throws {
        let result = try run("host.sshd.max_auth_tries > 5", on: host)
        #expect(result.bool == false)
        #expect(result.evidence == [EvidenceItem(path: "host.sshd.max_auth_tries", value: "3")])
    }

    @Test("An unknown fact in a comparison makes the result unknown, naming the path")
    func unknownFact() throws {
        let result = try run(#"host.sshd.permit_root_login == "no""#, on: bare)
        #expect(result.outcome == .unknown("host.sshd.permit_root_login is unknown on this host"))
        #expect(
            result.evidence == [EvidenceItem(path: "host.sshd.permit_root_login", value: "null")])
    }

    @Test("&& and || absorb an unknown when the other side decides, in either order")
    func shortCircuit() throws {
        #expect(
            try run("host.port == 1 && host.sshd.max_auth_tries < 4", on: bare).outcome
                == .value(.bool(false)))
        #expect(
            try run("host.sshd.max_auth_tries < 4 && host.port == 1", on: bare).outcome
                == .value(.bool(false)))
        #expect(
            try run("host.port == 22 || host.sshd.max_auth_tries < 4", on: bare).outcome
                == .value(.bool(true)))
        #expect(
            try run("host.sshd.max_auth_tries < 4 || host.port == 22", on: bare).outcome
                == .value(.bool(true)))
        #expect(
            try run("host.sshd.max_auth_tries < 4 && host.port == 22", on: bare).outcome
                == .unknown("host.sshd.max_auth_tries is unknown on this host"))
        #expect(
            try run("host.port == 1 || host.sshd.max_auth_tries < 4", on: bare).outcome
                == .unknown("host.sshd.max_auth_tries is unknown on this host"))
        #expect(try run("!(host.sshd.x11_forwarding == \"yes\")", on: bare).bool == nil)
    }

    @Test("exists is false and all is true over an empty list; the empty list is the evidence")
    func emptyLists() throws {
        let exists = try run("host.antivirus.exists(a, a.installed)", on: bare)
        #expect(exists.outcome == .value(.bool(false)))
        #expect(exists.evidence == [EvidenceItem(path: "host.antivirus", value: "[]")])
        #expect(try run("host.antivirus.all(a, a.running)", on: bare).bool == true)
    }

    @Test("exists over an unknown list is unknown")
    func unknownList() throws {
        let result = try run(#"host.sshd.ciphers.exists(c, c == "3des-cbc")"#, on: bare)
        #expect(result.outcome == .unknown("host.sshd.ciphers is unknown on this host"))
    }

    @Test("Macro variables show in evidence by their source path and index")
    func macroEvidence() throws {
        let scan = Fixtures.host(listening: [
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
            ListeningSocket(proto: .udp, address: "0.0.0.0", port: 123),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 23),
        ])
        let result = try run(
            #"host.listening.exists(s, s.proto == "tcp" && s.port == 23)"#, on: scan.factValue)
        #expect(result.bool == true)
        #expect(
            result.evidence.map(\.path) == [
                "host.listening[0].proto", "host.listening[0].port", "host.listening[1].proto",
                "host.listening[2].proto", "host.listening[2].port",
            ])
        #expect(result.evidence.last?.value == "23")
    }

    @Test(
        "exists is true if any element holds, even when another is unknown; all is false if any fails"
    )
    func macrosWithUnknownElements() throws {
        let scan = Fixtures.host(antivirus: [
            Antivirus(product: "Unknown AV", installed: true, running: nil),
            Antivirus(product: "ClamAV", installed: true, running: true),
        ])
        #expect(try run("host.antivirus.exists(a, a.running)", on: scan.factValue).bool == true)
        #expect(
            try run("host.antivirus.all(a, a.running)", on: scan.factValue).outcome
                == .unknown("host.antivirus[0].running is unknown on this host"))
        let onlyUnknown = Fixtures.host(antivirus: [
            Antivirus(product: "Unknown AV", installed: true)
        ])
        #expect(
            try run("host.antivirus.exists(a, a.running)", on: onlyUnknown.factValue).outcome
                == .unknown("host.antivirus[0].running is unknown on this host"))
        #expect(try run("host.antivirus.all(a, !a.installed)", on: scan.factValue).bool == false)
    }

    @Test("Numbers compare across int and double; strings and dates are ordered")
    func comparisons() throws {
        #expect(try run("host.hardware.bios_age_years < 10", on: host).bool == true)
        #expect(try run("host.port == 22.0", on: host).bool == true)
        #expect(try run("host.port in [21, 22.0]", on: host).bool == true)
        #expect(
            try run(
                "-1 < host.port && host.port >= 22 && host.port <= 22 && host.port != 23", on: host
            ).bool == true)
        #expect(try run(#"host.hostname > "a" && host.hostname < "z""#, on: host).bool == true)
        let withLicence = Fixtures.host(antivirus: [
            Antivirus(
                product: "ClamAV", installed: true, signatureDate: Fixtures.scanTime,
                licenseExpiry: Fixtures.scanTime.addingTimeInterval(30 * Fixtures.day))
        ])
        #expect(
            try run(
                "host.antivirus.all(a, a.license_expiry > a.signature_date)",
                on: withLicence.factValue
            ).bool == true)
    }

    @Test("in looks into list literals and list fields")
    func membership() throws {
        let rocky = Fixtures.host(os: Fixtures.rocky).factValue
        #expect(try run(#""rhel" in host.os.id_like"#, on: rocky).bool == true)
        #expect(try run(#"host.os.family in ["debian", "suse"]"#, on: rocky).bool == false)
        #expect(try run(#""suse" in host.os.id_like"#, on: host).bool == false)
    }

    @Test("size() counts list elements and string characters")
    func size() throws {
        let result = try run("host.antivirus.size() > 0", on: host)
        #expect(result.bool == true)
        #expect(result.evidence == [EvidenceItem(path: "host.antivirus.size()", value: "1")])
        #expect(
            try run("size(host.listening) == 1 && host.hostname.size() == 10", on: host).bool
                == true)
        #expect(try run("host.sshd.ciphers.size() == 3", on: host).bool == true)
    }

    @Test("Comparing with null tells known from unknown without an error")
    func nullComparison() throws {
        #expect(try run("host.sshd == null", on: bare).bool == true)
        #expect(try run("host.sshd != null", on: host).bool == true)
    }

    @Test("Indexes read one element; past the end is unknown")
    func indexing() throws {
        #expect(try run(#"host.interfaces[0].name == "eth0""#, on: host).bool == true)
        #expect(
            try run(#"host.interfaces[5].name == "eth0""#, on: host).outcome
                == .unknown("host.interfaces[5].name is unknown on this host"))
    }

    @Test("Evidence is deduplicated and capped at 20 items")
    func evidenceCap() throws {
        let many = Fixtures.host(
            listening: (1...30).map {
                ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 1000 + $0)
            })
        let result = try run("host.listening.all(s, s.port > 1000)", on: many.factValue)
        #expect(result.bool == true)
        #expect(result.evidence.count == 20)
        #expect(
            result.evidence.first == EvidenceItem(path: "host.listening[0].port", value: "1001"))
        let repeated = try run("host.port == 22 && host.port != 23 && host.port > 0", on: host)
        #expect(repeated.evidence == [EvidenceItem(path: "host.port", value: "22")])
    }

    @Test("One compiled expression evaluates many hosts independently")
    func compileOnce() throws {
        let check = try Expression("host.sshd.max_auth_tries <= 4", expecting: .bool)
        let verdicts = [Fixtures.compliant, Fixtures.nonCompliant, Fixtures.host(sshd: nil)].map {
            check.evaluate(["host": $0.factValue]).bool
        }
        #expect(verdicts == [true, false, nil])
    }
}

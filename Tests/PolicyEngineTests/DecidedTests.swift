import InventoryModel
import PolicyEngine
import Testing

/// Before a scan only the OS family is known; a condition is decided only when no unknown fact
/// could change it, so a policy's probes are never dropped on a guess.
struct DecidedTests {
    static let linux: [String: FactValue] = ["host.os.family": .string("linux")]
    static let windows: [String: FactValue] = ["host.os.family": .string("windows")]

    func decided(_ source: String, _ known: [String: FactValue] = linux) throws -> Bool? {
        try Expression(source, expecting: .bool).decided(knowing: known)
    }

    @Test("a condition on the family alone is decided either way")
    func familyOnly() throws {
        #expect(try decided(#"host.os.family != "windows""#) == true)
        #expect(try decided(#"host.os.family == "windows""#) == false)
        #expect(try decided(#"host.os.family in ["debian", "linux"]"#) == true)
        #expect(try decided(#"!(host.os.family == "linux")"#) == false)
    }

    @Test("a fact not known before the scan leaves the answer open unless the known part settles it")
    func unknownFacts() throws {
        // ssh-hardening's applies_to: on Linux it may apply (sshd facts come in the same round trip).
        #expect(try decided(#"host.os.family != "windows" && host.sshd != null"#) == nil)
        #expect(try decided(#"host.os.family != "windows" && host.sshd != null"#, Self.windows) == false)
        #expect(try decided(#"host.os.family == "linux" || host.sshd != null"#) == true)
        #expect(try decided(#"host.os.family == "windows" || host.sshd == null"#) == nil)
        #expect(try decided(#"!(host.sshd == null)"#) == nil)
        #expect(try decided(#"host.os.id == "debian""#) == nil)
        #expect(try decided(#"host.os.family == "linux" && host.packages.exists(p, p.name == "openssh-server")"#) == nil)
    }

    @Test("a whole object, a probe or a macro variable is never read as known")
    func conservative() throws {
        #expect(try decided(#"host.os != null"#) == nil)
        #expect(try decided(#"host.os.family == "linux" && file("/etc/debian_version") != """#) == nil)
        #expect(try decided(#"host.os.family == "windows" && file("/etc/debian_version") != """#) == false)
    }
}

import Foundation
import Inventory
import InventoryModel
import Testing

/// Inventory files: what a correct one yields, and that every mistake is named with its position.
struct InventoryFileTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func parse(_ text: String) throws(InventoryFileError) -> AuditPlan {
        try InventoryFile.parse(text, file: "inv.yaml", baseDirectory: "/srv/inv")
    }

    private func error(_ text: String) -> InventoryFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("The shipped demo inventory loads: three units, eleven targets, paths resolved beside the file")
    func demoInventoryLoads() throws {
        let path = Self.repositoryRoot.appendingPathComponent("inventory/demo.yaml").path
        let plan = try InventoryFile.load(path: path)
        #expect(plan.units.map(\.id) == ["van-phong", "trung-tam-cntt", "thanh-tra"])
        #expect(plan.units[0].name.vi == "Văn phòng Bộ".precomposedStringWithCanonicalMapping)
        #expect(plan.units[1].parent == "van-phong")
        #expect(plan.units[0].declared["internet_bandwidth_mbps"] == 20)
        #expect(plan.units.map(\.subnets.count) == [3, 3, 2])
        #expect(plan.captures.count == 1)
        #expect(plan.captures.first?.intervalSeconds == 60)
        #expect(plan.targets.filter { $0.role == .server }.count == 8)
        #expect(plan.targets.count == 11)
        #expect(plan.targets.filter { $0.os == .windows }.map(\.port) == [22307, 22308])
        #expect(plan.targets.first { $0.port == 22306 }?.sudo == true)
        #expect(plan.targets.first { $0.port == 22310 }?.proxyJump == "ictlab@127.0.0.1:22309")
        #expect(plan.targets.allSatisfy { $0.user == "ictlab" })
        let lab = Self.repositoryRoot.appendingPathComponent(".lab").path
        #expect(plan.knownHostsPath == lab + "/known_hosts")
        #expect(plan.targets[0].credential == .keyFile(path: lab + "/client_ed25519", passphraseEnvironment: nil))
    }

    @Test("Targets may declare os, sudo and proxy_jump; the inventory may name an ssh_config; a wrong os is refused")
    func targetHints() throws {
        let plan = try parse(
            """
            inventory: { ssh_config: conf/ssh_config }
            units: [{ id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1 }]
            targets:
              - { address: ws1, user: u, unit: a, os: Windows, credential: { agent: true } }
              - { address: db1, user: u, unit: a, sudo: true, proxy_jump: "jump@10.0.0.9:2222", credential: { agent: true } }
              - { address: db2, user: u, unit: a, credential: { agent: true } }
            """)
        #expect(plan.sshConfigPath == "/srv/inv/conf/ssh_config")
        #expect(plan.targets.map(\.os) == [.windows, nil, nil])
        #expect(plan.targets.map(\.sudo) == [nil, true, nil])
        #expect(plan.targets[1].proxyJump == "jump@10.0.0.9:2222")
        let e = error(
            """
            units: [{ id: a, name: { vi: "A", en: "A" }, staff: 1 }]
            targets: [{ address: x, user: u, unit: a, os: macos, credential: { agent: true } }]
            """)
        #expect(e?.message == "os must be one of linux, windows, not 'macos'")
    }

    @Test("Credential references: key with passphrase variable, agent, password variable")
    func credentialForms() throws {
        let plan = try parse(
            """
            units: [{ id: a, name: { vi: "Phòng A", en: "Room A" }, staff: 1 }]
            targets:
              - { address: 10.0.0.1, user: u, unit: a, credential: { key: keys/id, passphrase_env: KEY_PW } }
              - { address: 10.0.0.2, port: 2222, user: u, unit: a, credential: { agent: true } }
              - { address: "::1", user: u, unit: a, credential: { password_env: HOST_PW } }
            """)
        #expect(plan.targets[0].credential == .keyFile(path: "/srv/inv/keys/id", passphraseEnvironment: "KEY_PW"))
        #expect(plan.targets[1].credential == .agent)
        #expect(plan.targets[1].endpoint == "10.0.0.2:2222")
        #expect(plan.targets[2].credential == .passwordEnvironment("HOST_PW"))
        #expect(plan.targets[2].endpoint == "[::1]:22")
    }

    @Test("A target behind a bastion: the jump host inherits the target's user and credential unless given")
    func jumpHosts() throws {
        let plan = try parse(
            """
            defaults: { user: audit, credential: { key: id } }
            units: [{ id: a, name: { vi: "A", en: "A" }, staff: 1 }]
            targets:
              - { address: 10.1.0.5, unit: a, jump: { address: bastion.example, port: 2222 } }
              - { address: 10.1.0.6, unit: a, jump: { address: b2, user: jump, credential: { agent: true } } }
            """)
        #expect(
            plan.targets[0].jump
                == JumpHost(
                    address: "bastion.example", port: 2222, user: "audit",
                    credential: .keyFile(path: "/srv/inv/id", passphraseEnvironment: nil)))
        #expect(plan.targets[1].jump == JumpHost(address: "b2", user: "jump", credential: .agent))
    }

    @Test("A password written in the file is refused at its position, and the message says what to do")
    func passwordInFileIsRefused() {
        let e = error(
            """
            units: [{ id: a, name: { vi: "A", en: "A" }, staff: 1 }]
            targets:
              - address: 10.0.0.1
                user: u
                unit: a
                credential:
                  password: hunter2
            """)
        #expect(e?.line == 7)
        #expect(e?.column == 7)
        #expect(e?.message.contains("password_env") == true)
        #expect(e?.description.contains("hunter2") == false)
    }

    @Test("A YAML syntax error names file, line and column")
    func syntaxError() {
        let e = error("units:\n  - id: a\n   name: [unclosed\n")
        #expect(e?.file == "inv.yaml")
        #expect(e?.line == 3)
        #expect(e?.message.hasPrefix("YAML syntax error") == true)
    }

    @Test("A misspelt key gets a suggestion; an unknown unit is named where it is used")
    func unknownKeysAndUnits() {
        let misspelt = error(
            """
            units: [{ id: a, name: { vi: "A", en: "A" }, staf: 1 }]
            targets: []
            """)
        #expect(misspelt?.line == 1)
        #expect(misspelt?.column == 46)
        #expect(misspelt?.message.contains("did you mean 'staff'?") == true)

        let unknownUnit = error(
            """
            units: [{ id: phong-a, name: { vi: "A", en: "A" }, staff: 1 }]
            targets:
              - { address: 10.0.0.1, user: u, unit: phong-b, credential: { agent: true } }
            """)
        #expect(unknownUnit?.line == 3)
        #expect(unknownUnit?.column == 41)
        #expect(unknownUnit?.message == "unit 'phong-b' is not defined in 'units'; did you mean 'phong-a'?")
    }

    @Test("Wrong value types and missing fields are refused with their positions")
    func typeErrors() {
        let badStaff = error("units: [{ id: a, name: { vi: A, en: A }, staff: many }]\ntargets: []")
        #expect(badStaff?.message == "the staff count of unit 'a' must be a whole number from 0 to 10000000")
        #expect(badStaff?.column == 49)
        let oneLanguage = error("units: [{ id: a, name: Phòng A, staff: 1 }]\ntargets: []")
        #expect(oneLanguage?.message.contains("both languages") == true)
        let noCredential = error(
            "units: [{ id: a, name: { vi: A, en: A }, staff: 1 }]\ntargets:\n  - { address: h, user: u, unit: a }")
        #expect(noCredential?.line == 3)
        #expect(noCredential?.message == "target h has no 'credential' and 'defaults' gives none")
        let badPort = error(
            "units: [{ id: a, name: { vi: A, en: A }, staff: 1 }]\ntargets:\n  - { address: h, port: 70000, user: u, unit: a, credential: { agent: true } }"
        )
        #expect(badPort?.message == "the port must be a whole number from 1 to 65535")
    }
}

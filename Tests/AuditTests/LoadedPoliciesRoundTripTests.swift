import Audit
import Foundation
import ICTAuditTesting
import InventoryModel
import PolicyEngine
import SSHScan
import Testing

/// Any number of policies fits in the one round trip: the batch travels on the exec channel's
/// standard input, so its size is not bounded by the exec request (one SSH packet, where libssh2
/// failed with error -34 once two SCA files were loaded) nor by cmd.exe's 8,191-character line.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct LoadedPoliciesRoundTripTests {
    static let repositoryRoot = Lab.repositoryRoot
    static let fixtures = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/sca")

    /// Every shipped pack and every fixture SCA policy, loaded together.
    static func everything() throws -> PolicySet {
        let sca = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(".yml") }.sorted().map { fixtures.appendingPathComponent($0).path }
        #expect(sca.count == 5)
        return try PolicyCatalogue.load(paths: [repositoryRoot.appendingPathComponent("policies").path] + sca)
    }

    func target(_ lab: Lab, _ host: String, os: TargetOS = .linux) throws -> SSHTarget { try lab.target(host, os: os) }

    @Test(
        "every shipped pack plus the five fixture SCA policies scan a Linux and a Windows lab host in one exec each, every requested probe answered",
        .enabled(if: FileManager.default.fileExists(atPath: fixtures.path), "needs ../shared/fixtures/sca beside the checkout"))
    func everythingInOneRoundTrip() async throws {
        let lab = try await Lab.shared()
        let set = try Self.everything()
        #expect(set.sca.count == 5)
        #expect(set.policies.count >= 4)
        let options = set.requesting(into: ScanOptions(hostTimeout: 60, knownHostsPath: lab.knownHostsPath))
        let linuxBatch = ProbeBatch.linux(extra: options.evidenceRequests.linuxSections)
        // Past the 40,000 bytes libssh2 allows one packet (an exec request is one), the command line fixed.
        #expect(linuxBatch.input.count > 40_000)
        #expect(linuxBatch.command == "/bin/sh -s")

        let scanner = HostScanner(options: options)
        let linux = await scanner.scan(try target(lab, "debian-ok"))
        #expect(linux.status == .scanned, "\(linux.message ?? "")")
        #expect(linux.execCount == 1)
        let names = Set(linux.evidence.map(\.name))
        let missing = options.evidenceRequests.map(\.evidenceName).filter { !names.contains($0) }
        #expect(missing.isEmpty, "not answered: \(missing.prefix(10))")

        let windows = await scanner.scan(try target(lab, "windows-srv", os: .windows))
        #expect(windows.status == .scanned, "\(windows.message ?? "")")
        #expect(windows.execCount == 1)
        let probe = WindowsProbe(extra: options.windowsEvidenceRequests.windowsSections)
        #expect(probe.script.count > WindowsProbe.commandLineLimit)
        #expect(probe.command.count < WindowsProbe.commandLineLimit)
        let windowsNames = Set(windows.evidence.map(\.name))
        let windowsMissing = options.windowsEvidenceRequests.map(\.evidenceName).filter { !windowsNames.contains($0) }
        #expect(windowsMissing.isEmpty, "not answered: \(windowsMissing.prefix(10))")

        let snapshot = InventorySnapshot(
            inventoryName: "t", startedAt: Date(), finishedAt: Date(), units: [], hosts: [linux, windows])
        #expect(!set.evaluate(snapshot).isEmpty)
    }
}

/// Every probe a loaded policy needs reaches the host (issue 11 §2): the planner drops a policy's
/// probes only when it can prove, before the scan, that the policy does not apply.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct PlannedProbesTests {
    static let shipped = Lab.repositoryRoot.appendingPathComponent("policies").path

    @Test("a policy whose applies_to reads facts the scan has not gathered yet keeps its probes; one that cannot apply drops them")
    func plannerKeepsUndecidedPolicies() throws {
        let set = try PolicyCatalogue.load(paths: [Self.shipped])
        let ssh = try #require(set.policies.first { $0.id == "ssh-hardening" })
        let windows = try #require(set.policies.first { $0.id == "baseline-windows" })
        let linuxNames = Set(set.evidenceRequests(for: .linux).map(\.evidenceName))
        let windowsNames = Set(set.evidenceRequests(for: .windows).map(\.evidenceName))
        let sshNames = EvidenceRequest.needed(by: [ssh]).map(\.evidenceName)
        #expect(!sshNames.isEmpty)
        #expect(sshNames.allSatisfy { linuxNames.contains($0) }, "dropped: \(sshNames.filter { !linuxNames.contains($0) })")
        // baseline-windows applies to Windows only: provably not on Linux, so its PowerShell stays home.
        #expect(EvidenceRequest.needed(by: [windows]).allSatisfy { !linuxNames.contains($0.evidenceName) })
        #expect(sshNames.allSatisfy { !windowsNames.contains($0) })
    }

    @Test("the shipped packs over every lab host that answers: no finding says its evidence was not collected")
    func noEvidenceMissing() async throws {
        let lab = try await Lab.shared()
        let set = try PolicyCatalogue.load(paths: [Self.shipped])
        let scanner = HostScanner(
            options: set.requesting(into: ScanOptions(hostTimeout: 30, knownHostsPath: lab.knownHostsPath)))
        var hosts: [HostScan] = []
        for (name, os) in [
            ("debian-ok", TargetOS.linux), ("debian-old", .linux), ("rhel-ok", .linux), ("suse-ok", .linux),
            ("hostile", .linux), ("jump-inner", .linux), ("windows-ws", .windows), ("windows-srv", .windows),
        ] {
            let target = try lab.target(name, os: os)
            let scan = await scanner.scan(target)
            #expect(scan.status == .scanned, "\(name): \(scan.message ?? "")")
            hosts.append(scan)
        }
        let findings = set.evaluate(
            InventorySnapshot(inventoryName: "t", startedAt: Date(), finishedAt: Date(), units: [], hosts: hosts))
        let missing = findings.filter { $0.message?.contains("was not collected") == true }
        #expect(missing.isEmpty, "\(missing.map { "\($0.host) \($0.ruleID): \($0.message ?? "")" })")
    }
}

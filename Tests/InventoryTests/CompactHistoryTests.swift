import Foundation
import GRDB
import ICTAuditTesting
@testable import Inventory
import InventoryModel
import Testing

/// The store keeps history compact (what an unchanged host repeats is stored once), resumable
/// (hosts committed one by one, a scan complete only when every host is in), prunable, and opens
/// stores written before any of this.
struct CompactHistoryTests {
    private func temporaryStorePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-history-\(UUID().uuidString)/s.sqlite").path
    }

    private static let date = Date(timeIntervalSince1970: 1_790_000_000)

    /// A Debian-like host with `packages` packages; `day` moves only what moves on a real host
    /// every day (uptime, free memory, the uptime and meminfo outputs).
    private func host(_ index: Int, day: Int, packages: Int = 800, upgraded: Bool = false) -> HostScan {
        let list = (0..<packages).map {
            InstalledPackage(
                name: "pkg\(index)-\($0)", version: $0 == 0 && upgraded ? "2.0-1" : "1.\($0)-1", architecture: "amd64")
        }
        let status = list.map { "Package: \($0.name)\nStatus: install ok installed\nVersion: \($0.version)\n" }
            .joined(separator: "\n")
        let facts = HostFacts(
            hostname: "host\(index)", os: OperatingSystem(id: "debian", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12"),
            kernel: "6.1.0-28-amd64", uptimeSeconds: Double(86_400 * day + index), memory: Memory(totalBytes: 8 << 30, availableBytes: Int64(4 << 30) + Int64(day)),
            listening: [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22)],
            sshd: SSHDSettings(source: "sshd -T", settings: ["permitrootlogin": ["no"], "ciphers": ["aes256-gcm@openssh.com", "aes128-ctr"]]),
            antivirus: [Antivirus(product: "ClamAV", version: "1.0.7", installed: true, running: true)], packages: list)
        return HostScan(
            target: SSHTarget(address: "10.0.\(index / 250).\(index % 250)", user: "audit", unit: "u", credential: .agent),
            status: .scanned, startedAt: Self.date.addingTimeInterval(Double(day) * 86_400), durationSeconds: 1.5 + Double(day) / 100,
            serverBanner: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", hostKeyFingerprint: "SHA256:abc\(index)",
            facts: facts,
            evidence: [
                Evidence(name: "os-release", source: "/etc/os-release", content: Data("ID=debian\nVERSION_ID=\"12\"\n".utf8), exitCode: 0),
                Evidence(name: "uptime", source: "/proc/uptime", content: Data("\(86_400 * day + index).25 1000.5\n".utf8), exitCode: 0),
                Evidence(name: "meminfo", source: "/proc/meminfo", content: Data("MemTotal: 8388608 kB\nMemAvailable: \(4_194_304 + day) kB\n".utf8), exitCode: 0),
                Evidence(name: "dpkg", source: "/var/lib/dpkg/status", content: Data(status.utf8), exitCode: 0),
                Evidence(name: "empty", source: "true", content: Data(), exitCode: 0),
                Evidence(name: "empty-too", source: "true", content: Data(), exitCode: 0),
            ])
    }

    private func snapshot(day: Int, hosts: Int, upgraded: Set<Int> = []) -> InventorySnapshot {
        let unit = InventoryModel.Unit(id: "u", name: LocalizedText(vi: "Đơn vị", en: "Unit"), staff: 3)
        return InventorySnapshot(
            inventoryName: "fleet", startedAt: Self.date.addingTimeInterval(Double(day) * 86_400),
            finishedAt: Self.date.addingTimeInterval(Double(day) * 86_400 + 60), units: [unit],
            hosts: (0..<hosts).map { host($0, day: day, upgraded: upgraded.contains($0)) })
    }

    private func plan(hosts: Int) -> AuditPlan {
        AuditPlan(
            name: "fleet", source: "test", units: [InventoryModel.Unit(id: "u", name: LocalizedText(vi: "Đơn vị", en: "Unit"), staff: 3)],
            targets: (0..<hosts).map { host($0, day: 0).target })
    }

    @Test("Re-storing unchanged hosts adds under 5 KB per host and reads back exactly; a changed host adds what changed")
    func unchangedHostsAddLittle() throws {
        let store = try AuditStore(path: temporaryStorePath())
        let hosts = 40
        let first = snapshot(day: 0, hosts: hosts)
        let firstID = try store.save(first)
        let afterFirst = try store.size()
        let secondID = try store.save(snapshot(day: 1, hosts: hosts))
        let afterSecond = try store.size()
        let thirdID = try store.save(snapshot(day: 2, hosts: hosts, upgraded: [0, 1]))
        let afterThird = try store.size()

        let firstPerHost = afterFirst.usedBytes / Int64(hosts)
        let unchangedPerHost = (afterSecond.usedBytes - afterFirst.usedBytes) / Int64(hosts)
        print("store bytes per host: first scan \(firstPerHost), unchanged re-scan \(unchangedPerHost)")
        #expect(firstPerHost > 40_000, "the first scan stores the package list: \(firstPerHost) bytes per host")
        #expect(unchangedPerHost <= 5_000, "an unchanged host re-scanned added \(unchangedPerHost) bytes")
        // Two upgraded hosts store the chunks of their package list and dpkg output that hold the
        // upgraded package, not the whole lists again.
        let changed = afterThird.contentBytes - afterSecond.contentBytes
        print("content bytes for two hosts with one package upgraded: \(changed)")
        #expect(changed > 1_000 && changed < 2 * 20_000, "\(changed) content bytes for two upgraded hosts")

        for (id, day, upgraded) in [(firstID, 0, Set<Int>()), (secondID, 1, []), (thirdID, 2, [0, 1])] {
            var loaded = try #require(try store.snapshot(id: id))
            loaded.scanID = nil
            #expect(loaded == snapshot(day: day, hosts: hosts, upgraded: upgraded))
        }
        #expect(try store.checkContent() == [])
    }

    private func findings(hosts: Int, day: Int, failing: Set<Int> = []) -> [Finding] {
        // Host-major like the evaluator, with a second run per host as SCA policies add.
        let rules = (0..<60).map { Finding.Rule(policyID: "baseline", ruleID: "r\($0)", title: LocalizedText(vi: "Quy tắc \($0)", en: "Rule \($0)"), severity: .medium) }
        var all: [Finding] = []
        for pass in 0..<2 {
            for index in 0..<hosts {
                let subject = Finding.Subject(
                    host: host(index, day: day).target.endpoint, unit: "u",
                    items: [EvidenceItem(path: "host.sshd.permitrootlogin", value: "no"), EvidenceItem(path: "host.packages", value: "800 packages")],
                    citations: [0, 1])
                for rule in rules[(pass * 30)..<(pass * 30 + 30)] {
                    let fails = failing.contains(index) && rule.ruleID == "r0"
                    all.append(Finding(rule: rule, subject: subject, verdict: fails ? .fail : .pass, evidence: 0..<2, message: fails ? "root may log in" : nil))
                }
            }
        }
        return all
    }

    @Test("Findings judged again on unchanged hosts add little, read back in their order, and go with their scan")
    func compactEvaluations() throws {
        let store = try AuditStore(path: temporaryStorePath())
        let hosts = 20
        var ids: [Int64] = []
        var sizes: [Int64] = []
        for day in 0..<3 {
            let scanID = try store.save(snapshot(day: day, hosts: hosts))
            let judged = findings(hosts: hosts, day: day, failing: day == 2 ? [3] : [])
            try store.saveEvaluation(scanID: scanID, policies: ["baseline"], findings: judged, at: Self.date)
            #expect(try store.latestEvaluation(scanID: scanID)?.findings == judged)
            ids.append(scanID)
            sizes.append(try store.size().usedBytes)
        }
        let perHost = (sizes[1] - sizes[0]) / Int64(hosts)
        print("store bytes per unchanged host, scan and 60 findings: \(perHost)")
        #expect(perHost <= 5_000)
        #expect(try store.checkContent() == [])
        #expect(try store.prune(keeping: 1) == Array(ids.prefix(2)))
        #expect(try store.latestEvaluation(scanID: ids[2])?.findings == findings(hosts: hosts, day: 2, failing: [3]))
        #expect(try store.checkContent() == [])
    }

    @Test("Large content is cut at record boundaries its own bytes choose: one edited line changes one or two chunks, and the chunks join back exactly")
    func chunksFollowContent() throws {
        let lines = (0..<3_000).map { "Package: pkg\($0)\nVersion: 1.\($0)-1\n" }
        let text = lines.joined()
        var edited = lines
        edited[1_500] = "Package: pkg1500\nVersion: 2.0-1\n"
        let before = ContentChunks.split(Data(text.utf8))
        let after = ContentChunks.split(Data(edited.joined().utf8))
        #expect(before.count > 20)
        #expect(before.reduce(Data(), +) == Data(text.utf8))
        #expect(before.allSatisfy { $0.count <= ContentChunks.maximum })
        #expect(Set(after).subtracting(before).count <= 2)
        let binary = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 | 1) }.map { $0 == 0x0A || $0 == 0x2C ? 0x20 : $0 })
        #expect(ContentChunks.split(binary).reduce(Data(), +) == binary)
        #expect(ContentChunks.split(Data("short".utf8)) == [Data("short".utf8)])
    }

    @Test("Hosts committed one by one: an interrupted scan keeps them, is not the latest, and completes only with every host")
    func resumableScan() throws {
        let path = temporaryStorePath()
        let store = try AuditStore(path: path)
        let earlier = try store.save(snapshot(day: 0, hosts: 3))
        let plan = plan(hosts: 3)
        let scanID = try store.beginScan(plan, at: Self.date)
        try store.saveHost(host(2, day: 1), position: 2, scanID: scanID)
        try store.saveHost(host(0, day: 1), position: 0, scanID: scanID)
        #expect(try store.completeScan(scanID, at: Self.date) == false)

        // The process dies here; a new one opens the same file.
        let reopened = try AuditStore(path: path)
        #expect(try reopened.latestScanID() == earlier)
        let pending = try #require(try reopened.pendingScans().first)
        #expect(pending.id == scanID && pending.plan == plan)
        #expect(pending.remaining.map(\.position) == [1])
        #expect(try reopened.scans().first.map { ($0.complete, $0.hosts, $0.planned) } ?? (true, 0, 0) == (false, 2, 3))
        #expect(throws: StoreError.self) { try reopened.saveHost(self.host(0, day: 1), position: 0, scanID: scanID) }

        try reopened.saveHost(host(1, day: 1), position: 1, scanID: scanID)
        #expect(try reopened.completeScan(scanID, at: Self.date.addingTimeInterval(60)))
        #expect(try reopened.pendingScans().isEmpty)
        #expect(try reopened.pendingScan(id: scanID) == nil)
        #expect(try reopened.latestScanID() == scanID)
        let loaded = try #require(try reopened.snapshot(id: scanID))
        #expect(loaded.hosts == (0..<3).map { host($0, day: 1) })
        #expect(throws: StoreError.self) { try reopened.saveHost(self.host(1, day: 1), position: 1, scanID: scanID) }
        #expect(try reopened.checkContent() == [])
    }

    @Test("Retention keeps the newest N complete scans per inventory and removes what only the others used")
    func retention() throws {
        let store = try AuditStore(path: temporaryStorePath())
        // Day by day one more host is upgraded, so each scan has content of its own.
        let ids = try (0..<5).map { day in try store.save(snapshot(day: day, hosts: 4, upgraded: Set(0..<day))) }
        var other = snapshot(day: 0, hosts: 1)
        other.inventoryName = "other"
        let otherID = try store.save(other)
        let running = try store.beginScan(plan(hosts: 2), at: Self.date)
        let before = try store.size()

        let removed = try store.prune(keeping: 2)
        #expect(removed == Array(ids.prefix(3)))
        #expect(try store.scans().map(\.id) == [running, otherID, ids[4], ids[3]])
        var kept = try #require(try store.snapshot(id: ids[3]))
        kept.scanID = nil
        #expect(kept == snapshot(day: 3, hosts: 4, upgraded: Set(0..<3)))
        let after = try store.size()
        #expect(after.contentBytes < before.contentBytes)
        #expect(try store.checkContent() == [])
        try store.vacuum()
        #expect(try store.size().fileBytes < before.fileBytes)
        #expect(try store.prune(keeping: 2) == [])
    }

    @Test("A store written before compact history (v2, whole JSON host records) opens, reads back equal and is compacted")
    func migratesV2Store() throws {
        let path = temporaryStorePath()
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let old = snapshot(day: 0, hosts: 2)
        // The v1 and v2 schema exactly as they were shipped, with one scan stored the v2 way.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: [ShippedStoreSchema.v2Migrations, ShippedStoreSchema.v2ScansAndHosts, ShippedStoreSchema.v2Judgements]
                    .joined(separator: "\n"))
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .deferredToDate
            encoder.outputFormatting = [.sortedKeys]
            try db.execute(
                sql: "INSERT INTO scan (inventory_name, started_at, finished_at, units_json) VALUES (?, ?, ?, ?)",
                arguments: [old.inventoryName, old.startedAt, old.finishedAt, try encoder.encode(old.units)])
            for (position, host) in old.hosts.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO host_result (scan_id, position, endpoint, unit_id, status, hostname, record_json)
                        VALUES (1, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [position, host.target.endpoint, host.target.unit, host.status.rawValue, host.facts?.hostname, try encoder.encode(host)])
            }
        }
        let legacyFinding = Finding(
            policyID: "p", ruleID: "r", title: LocalizedText(vi: "Quy tắc", en: "Rule"), severity: .high,
            host: old.hosts[0].target.endpoint, unit: "u", verdict: .fail, evidence: [EvidenceItem(path: "host.x", value: "1")])
        try queue.write { db in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try db.execute(sql: "INSERT INTO evaluation (scan_id, created_at, policies) VALUES (1, ?, 'p')", arguments: [Self.date])
            try db.execute(
                sql: """
                    INSERT INTO finding (evaluation_id, policy_id, rule_id, endpoint, unit_id, verdict, severity, record_json)
                    VALUES (1, 'p', 'r', ?, 'u', 'fail', 'high', ?)
                    """, arguments: [legacyFinding.host, try encoder.encode(legacyFinding)])
        }
        try queue.close()

        let store = try AuditStore(path: path)
        #expect(try store.latestEvaluation(scanID: 1)?.findings == [legacyFinding])
        var loaded = try #require(try store.snapshot(id: 1))
        loaded.scanID = nil
        #expect(loaded == old)
        #expect(try store.scans().map(\.complete) == [true])
        #expect(try store.latestScanID() == 1)
        #expect(try store.checkContent() == [])
        // Its evidence is now shared content: the same hosts stored again add no package list.
        let before = try store.size().contentBytes
        try store.save(old)
        #expect(try store.size().contentBytes == before)
    }

    @Test("a scan read without evidence has every host's facts, status and times; summaries are kept per scan and go with it")
    func readsForViewsAndSummaries() throws {
        let path = temporaryStorePath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = try AuditStore(path: path)
        let first = try store.save(snapshot(day: 0, hosts: 6))
        let second = try store.save(snapshot(day: 1, hosts: 6, upgraded: [2]))
        let full = try #require(try store.snapshot(id: second))
        let light = try #require(try store.snapshot(id: second, evidence: false))
        #expect(full.hosts.allSatisfy { !$0.evidence.isEmpty })
        #expect(light.hosts.allSatisfy { $0.evidence.isEmpty })
        var stripped = full
        for index in stripped.hosts.indices { stripped.hosts[index].evidence = [] }
        #expect(light == stripped)

        try store.saveSummary(scanID: first, kind: "ranking:x", data: Data("[1]".utf8))
        try store.saveSummary(scanID: second, kind: "ranking:x", data: Data("[2]".utf8))
        try store.saveSummary(scanID: second, kind: "ranking:x", data: Data("[3]".utf8))
        #expect(try store.summary(scanID: second, kind: "ranking:x") == Data("[3]".utf8))
        #expect(try store.summary(scanID: second, kind: "ranking:y") == nil)
        #expect(try store.summaries(kind: "ranking:x", scanIDs: [first, second, 99]) == [first: Data("[1]".utf8), second: Data("[3]".utf8)])
        // Retention removes a scan's summaries with it.
        _ = try store.prune(keeping: 1, inventory: "fleet")
        #expect(try store.summaries(kind: "ranking:x", scanIDs: [first, second]) == [second: Data("[3]".utf8)])
    }
}

/// Outputs that are new on every scan of an unchanged host (meminfo, a service listing) are kept as
/// deltas against the host's previous ones, read back exactly, and keep their bases alive.
struct VolatileDeltaTests {
    private static let date = Date(timeIntervalSince1970: 1_790_000_000)

    /// 240 services (over 4 KB, so chunked); on `day` one of them has stopped.
    private static func services(day: Int) -> String {
        (0..<240).map { "unit-\($0).service loaded active \($0 == 100 + day ? "exited " : "running") Dịch vụ \($0)\n" }.joined()
    }

    private func host(_ index: Int, day: Int) -> HostScan {
        HostScan(
            target: SSHTarget(address: "10.1.0.\(index)", user: "audit", unit: "u", credential: .agent),
            status: .scanned, startedAt: Self.date.addingTimeInterval(Double(day) * 86_400), durationSeconds: 1,
            evidence: [
                Evidence(name: "os-release", source: "/etc/os-release", content: Data("ID=debian\n".utf8), exitCode: 0),
                Evidence(name: "meminfo", source: "/proc/meminfo", content: Data(LineDeltaTests.meminfo(day: day, host: index).utf8), exitCode: 0),
                Evidence(name: "services", source: "systemctl", content: Data(Self.services(day: day).utf8), exitCode: 0),
            ])
    }

    private func snapshot(day: Int, hosts: Int = 3) -> InventorySnapshot {
        InventorySnapshot(
            inventoryName: "fleet", startedAt: Self.date.addingTimeInterval(Double(day) * 86_400),
            finishedAt: Self.date.addingTimeInterval(Double(day) * 86_400 + 60),
            units: [InventoryModel.Unit(id: "u", name: LocalizedText(vi: "Đơn vị", en: "Unit"), staff: 3)],
            hosts: (0..<hosts).map { host($0, day: day) })
    }

    private func load(_ store: AuditStore, _ id: Int64) throws -> InventorySnapshot {
        var loaded = try #require(try store.snapshot(id: id))
        loaded.scanID = nil
        return loaded
    }

    /// Content ids of one host's outputs on one scan, by evidence name.
    private func outputs(_ store: AuditStore, scan: Int64, position: Int = 0) throws -> [Int64] {
        try store.database.read { db in
            let layout = try #require(
                try Data.fetchOne(db, sql: "SELECT layout_json FROM host_result WHERE scan_id = ? AND position = ?", arguments: [scan, position]))
            return try StoreCoding.decode(StoredHost.self, layout).outputs
        }
    }

    private func row(_ store: AuditStore, _ id: Int64) throws -> (bytes: Int, base: Int64?, chunked: Bool) {
        try store.database.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT LENGTH(data) AS n, base, chunked FROM content WHERE id = ?", arguments: [id]))
            return (row["n"], row["base"], row["chunked"])
        }
    }

    @Test("a new meminfo is a delta of the host's previous one (depth 1: day 2 is made against day 0's), a changed service chunk a delta of the chunk it replaced; all read back byte for byte")
    func deltasRoundTrip() throws {
        let store = try AuditStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-delta-\(UUID().uuidString)/s.sqlite").path)
        let ids = try (0..<3).map { try store.save(snapshot(day: $0)) }
        for (day, id) in ids.enumerated() { #expect(try load(store, id) == snapshot(day: day)) }

        let day0 = try outputs(store, scan: ids[0])
        let day1 = try outputs(store, scan: ids[1])
        let day2 = try outputs(store, scan: ids[2])
        #expect(day1[0] == day0[0], "os-release is shared, not a delta")
        let meminfo = LineDeltaTests.meminfo(day: 1).utf8.count
        let delta1 = try row(store, day1[1])
        let delta2 = try row(store, day2[1])
        print("meminfo \(meminfo) bytes stored as deltas of \(delta1.bytes) and \(delta2.bytes) bytes")
        #expect(try row(store, day0[1]).base == nil)
        #expect(delta1.base == day0[1] && delta1.bytes * 5 < meminfo)
        #expect(delta2.base == day0[1], "a delta is made against its previous output's base, never a chain")
        // The service listing is a chunk list; the chunk holding the stopped service is a delta of
        // the chunk it replaced, the others are shared. (Here the changed line was a chunk
        // boundary, so the new chunk also holds the next old chunk's lines, as literal bytes.)
        #expect(try row(store, day1[2]).chunked)
        let chunks: (Int64) throws -> [Int64] = { list in
            try store.database.read { db in try StoreCoding.decode([Int64].self, try #require(try Data.fetchOne(db, sql: "SELECT data FROM content WHERE id = ?", arguments: [list]))) }
        }
        let new = Set(try chunks(day1[2])).subtracting(try chunks(day0[2]))
        #expect(!new.isEmpty && new.count <= 2)
        for chunk in new {
            let stored = try row(store, chunk)
            #expect(stored.base.map { try! chunks(day0[2]).contains($0) } == true, "chunk \(chunk) is a delta of one of day 0's chunks")
            let text = try store.database.read { db in try ContentStore.data(chunk, in: db) }
            #expect(stored.bytes * 5 < text.count, "a \(text.count)-byte chunk stored in \(stored.bytes) bytes")
        }
        #expect(try store.checkContent() == [])
    }

    @Test("pruning the scan that holds a base keeps the deltas readable; the base goes with the last delta that needs it")
    func pruneKeepsBases() throws {
        let store = try AuditStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-delta-\(UUID().uuidString)/s.sqlite").path)
        let ids = try (0..<3).map { try store.save(snapshot(day: $0)) }
        let base = try outputs(store, scan: ids[0])[1]
        #expect(try store.prune(keeping: 1) == Array(ids.prefix(2)))
        #expect(try load(store, ids[2]) == snapshot(day: 2))
        #expect(try row(store, base).base == nil, "day 0's meminfo stays: day 2's delta needs it")
        #expect(try store.checkContent() == [])

        // A host whose memory changed past recognition stores its meminfo whole; once the last
        // scan with a delta of the old base is pruned, the old base goes too.
        var changed = snapshot(day: 3)
        for index in changed.hosts.indices {
            changed.hosts[index].evidence[1].content = Data((0..<60).map { "Other\($0): \($0 * 7_777 + index)\n" }.joined().utf8)
        }
        let last = try store.save(changed)
        #expect(try row(store, try outputs(store, scan: last)[1]).base == nil)
        #expect(try store.prune(keeping: 1) == [ids[2]])
        let gone = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM content WHERE id = ?", arguments: [base]) }
        #expect(gone == 0)
        #expect(try load(store, last) == changed)
        #expect(try store.checkContent() == [])
    }

    @Test("the integrity check finds a base whose count misses its deltas, a delta of a delta, and a delta whose bytes were damaged")
    func integrityCheck() throws {
        let store = try AuditStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-delta-\(UUID().uuidString)/s.sqlite").path)
        let ids = try (0..<3).map { try store.save(snapshot(day: $0)) }
        let base = try outputs(store, scan: ids[0])[1]
        let delta1 = try outputs(store, scan: ids[1])[1]
        let delta2 = try outputs(store, scan: ids[2])[1]
        #expect(try store.checkContent() == [])

        try store.database.write { db in try db.execute(sql: "UPDATE content_refs SET refs = refs - 2 WHERE id = ?", arguments: [base]) }
        #expect(try store.checkContent().contains { $0.hasPrefix("content \(base) counts") })
        try store.database.write { db in try db.execute(sql: "UPDATE content_refs SET refs = refs + 2 WHERE id = ?", arguments: [base]) }

        try store.database.write { db in
            try db.execute(sql: "UPDATE content SET base = ? WHERE id = ?", arguments: [delta1, delta2])
        }
        #expect(try store.checkContent().contains("content \(delta2) is a delta of content \(delta1), which is not plain content"))
        #expect(throws: StoreError.self) { try store.snapshot(id: ids[2]) }
        try store.database.write { db in try db.execute(sql: "UPDATE content SET base = ? WHERE id = ?", arguments: [base, delta2]) }
        #expect(try store.checkContent().filter { !$0.contains("counts") } == [])

        // One literal byte changed: the delta still decodes, to bytes its hash does not name.
        try store.database.write { db in
            var bytes = try #require(try Data.fetchOne(db, sql: "SELECT data FROM content WHERE id = ?", arguments: [delta1]))
            let digit = try #require(bytes.lastIndex { (0x30...0x38).contains($0) })
            bytes[digit] += 1
            try db.execute(sql: "UPDATE content SET data = ? WHERE id = ?", arguments: [bytes, delta1])
        }
        #expect(try store.checkContent().contains {
            $0 == "content \(delta1) (a delta of content \(base)) reads back as bytes other than those it was stored for"
        })
    }
}

// store-bench: bytes per host per scan in the SQLite store, for unchanged and changed hosts, and a
// time-compressed month of daily scans of a fleet with the store's size printed per day.
//
// `swift run -c release store-bench [--hosts N] [--days D] [--keep K] [--changed-share F]`
//
// The host is real: this machine's own Linux probe batch (the very script the scanner sends over
// SSH, run here with /bin/sh, read-only) is run twice, and parsed by the scanner's own parsers,
// giving two records of a real Debian host a moment apart (uptime, free memory and whatever else
// moves between runs). A fleet of N hosts is made from it, each host distinct (its own hostname and
// one package of its own), so no host shares its package list with another: the figures are what
// one host costs, not what identical images would share.
//
// "Before" is the layout stores had until v3 (one JSON document per host per scan, evidence
// inline); "after" is the store as it is now.
import ArgumentParser
import Foundation
import GRDB
import ICTAuditTesting
import Inventory
import InventoryModel
import SSHScan

struct Arguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-bench", abstract: "Store bytes per host per scan, and a month of daily scans.")

    @Option(help: "Hosts in the fleet.")
    var hosts = 200
    @Option(help: "Days of the time-compressed month.")
    var days = 30
    @Option(help: "Scans kept by retention once there are more.")
    var keep = 7
    @Option(help: "Share of hosts that upgrade packages each day of the month.")
    var changedShare = 0.1
    @Flag(help: "Keep the stores written (their folder is printed) to look inside them.")
    var keepFiles = false
}

/// Runs this machine's Linux batch with /bin/sh, as a scanned host's sshd would, and parses it.
func scanThisMachine() throws -> HostScan {
    let batch = ProbeBatch.linux(pendingUpdates: false)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-s"]
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(UUID().uuidString).sh")
    try batch.input.write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    process.standardInput = try FileHandle(forReadingFrom: input)
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(UUID().uuidString).out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    let started = Date()
    try process.run()
    process.waitUntilExit()
    let evidence = batch.sections(from: try Data(contentsOf: output))
    let target = SSHTarget(address: "127.0.0.1", user: "root", unit: "bench", credential: .agent)
    return HostScan(
        target: target, status: .scanned, startedAt: started, durationSeconds: Date().timeIntervalSince(started),
        serverBanner: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", hostKeyFingerprint: "SHA256:bench",
        facts: LinuxFactsParser.facts(from: evidence), evidence: evidence)
}

/// The sections whose bytes differed between two runs a moment apart: on a real fleet these are
/// new every day.
func volatileSections(_ a: HostScan, _ b: HostScan) -> Set<String> {
    let before = Dictionary(a.evidence.map { ($0.name, $0.content) }, uniquingKeysWith: { x, _ in x })
    return Set(b.evidence.filter { before[$0.name] != $0.content }.map(\.name))
}

/// Host `index` of the fleet on `day`: distinct per host; volatile sections and facts new per day;
/// `upgrades` packages moved to a new version (in the facts and in the dpkg output alike).
///
/// `everyNumber` moves every number of the volatile outputs as well (a day later on a real host
/// most meminfo counters moved; this is the worst case: all of them, totals included).
func fleetHost(_ base: HostScan, index: Int, day: Int, volatile: Set<String>, upgrades: Int, everyNumber: Bool = false) -> HostScan {
    var host = base
    host.target = SSHTarget(
        address: "10.\(index / 65_536 % 256).\(index / 256 % 256).\(index % 256)", user: "audit", unit: "unit\(index % 20)",
        name: "host-\(index)", credential: .agent)
    host.startedAt = base.startedAt.addingTimeInterval(Double(day) * 86_400)
    host.durationSeconds = base.durationSeconds * (1 + Double((index + day) % 7) / 10)
    host.hostKeyFingerprint = "SHA256:host\(index)"
    let marker = "\nPackage: bench-host-\(index)\nStatus: install ok installed\nVersion: 1.\(index)\n"
    host.evidence = base.evidence.map { evidence in
        var evidence = evidence
        if evidence.text.contains("Package: ") && evidence.text.contains("Status: ") {
            var lines = evidence.text.components(separatedBy: "\n")
            var seen = 0
            var upgraded = 0
            for i in lines.indices where upgraded < upgrades && lines[i].hasPrefix("Version: ") {
                if seen % 37 == 0 {
                    lines[i] = "Version: \(day).\(upgraded)+" + lines[i].dropFirst(9)
                    upgraded += 1
                }
                seen += 1
            }
            evidence.content = Data((lines.joined(separator: "\n") + marker).utf8)
        } else if volatile.contains(evidence.name) {
            if everyNumber { evidence.content = movedNumbers(evidence.content, by: day * 7_919 + index) }
            evidence.content.append(Data(" day \(day) host \(index)\n".utf8))
        } else if evidence.name.contains("hostname") {
            evidence.content = Data("host-\(index)\n".utf8)
        }
        return evidence
    }
    if var facts = host.facts {
        facts.hostname = "host-\(index)"
        facts.uptimeSeconds = (facts.uptimeSeconds ?? 0) + Double(day * 86_400 + index)
        if var memory = facts.memory {
            memory.availableBytes = (memory.availableBytes ?? 0) + Int64(day * 4096 + index)
            facts.memory = memory
        }
        var packages = facts.packages ?? []
        for k in 0..<min(upgrades, packages.count) {
            let position = (k * 37) % packages.count
            packages[position].version = "\(day).\(k)+" + packages[position].version
        }
        packages.append(InstalledPackage(name: "bench-host-\(index)", version: "1.\(index)", architecture: "all"))
        facts.packages = packages
        host.facts = facts
    }
    return host
}

/// `data` with every run of digits replaced by another number of about the same size.
func movedNumbers(_ data: Data, by amount: Int) -> Data {
    var out = Data()
    var digits = ""
    func flush() {
        if !digits.isEmpty { out.append(Data(String((Int(digits.prefix(15)) ?? 0) + amount % 997 + 1).utf8)) }
        digits = ""
    }
    for byte in data {
        if (0x30...0x39).contains(byte) {
            digits.append(Character(UnicodeScalar(byte)))
        } else {
            flush()
            out.append(byte)
        }
    }
    flush()
    return out
}

/// The store layout before v3: one JSON document per host per scan, evidence inline.
final class LegacyStore {
    let queue: DatabaseQueue

    init(path: String) throws {
        queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: ShippedStoreSchema.v2ScansAndHosts)
        }
    }

    func save(_ hosts: [HostScan]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO scan (inventory_name, started_at, finished_at, units_json) VALUES ('bench', ?, ?, '[]')",
                arguments: [Date(), Date()])
            let scanID = db.lastInsertedRowID
            for (position, host) in hosts.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO host_result (scan_id, position, endpoint, unit_id, status, hostname, record_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        scanID, position, host.target.endpoint, host.target.unit, host.status.rawValue, host.facts?.hostname,
                        try encoder.encode(host),
                    ])
            }
        }
    }

    func usedBytes() throws -> Int64 {
        try queue.read { db in
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            return (pages - free) * pageSize
        }
    }
}

/// Stores one scan host by host, as the pipeline does (`beginScan`, `saveHost`, `completeScan`).
func storeScan(_ store: AuditStore, _ hosts: [HostScan]) throws -> (scanID: Int64, seconds: Double) {
    let plan = AuditPlan(
        name: "bench", source: "store-bench",
        units: (0..<20).map { InventoryModel.Unit(id: "unit\($0)", name: LocalizedText(vi: "Đơn vị \($0)", en: "Unit \($0)"), staff: 10) },
        targets: hosts.map(\.target))
    let clock = ContinuousClock.now
    let scanID = try store.beginScan(plan, at: hosts.first?.startedAt ?? Date())
    for (position, host) in hosts.enumerated() { try store.saveHost(host, position: position, scanID: scanID) }
    try store.completeScan(scanID, at: Date())
    let elapsed = ContinuousClock.now - clock
    return (scanID, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

func kb(_ bytes: Int64) -> String { String(format: "%.1f KB", Double(bytes) / 1000) }

let arguments = Arguments.parseOrExit()
let first = try scanThisMachine()
Thread.sleep(forTimeInterval: 1.5)
let second = try scanThisMachine()
let volatile = volatileSections(first, second)
let packages = second.facts?.packages?.count ?? 0
print("this machine: \(second.evidence.count) evidence sections, \(packages) packages, \(second.evidence.reduce(0) { $0 + $1.content.count }) evidence bytes")
print("sections that changed between two runs 1.5 s apart: \(volatile.sorted().joined(separator: ", "))")
guard packages > 0 else {
    print("no package list was read (not a dpkg/rpm host?): the figures would not be realistic")
    exit(1)
}

let work = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { if arguments.keepFiles { print("stores kept in \(work.path)") } else { try? FileManager.default.removeItem(at: work) } }
let hosts = arguments.hosts
func fleet(day: Int, base: HostScan, upgraded: (Int) -> Int = { _ in 0 }, everyNumber: Bool = false) -> [HostScan] {
    (0..<hosts).map { fleetHost(base, index: $0, day: day, volatile: volatile, upgrades: upgraded($0), everyNumber: everyNumber) }
}

// Before: the v2 layout.
let legacy = try LegacyStore(path: work.appendingPathComponent("legacy.sqlite").path)
try legacy.save(fleet(day: 0, base: first))
let legacyFirst = try legacy.usedBytes()
try legacy.save(fleet(day: 1, base: second))
let legacyUnchanged = try legacy.usedBytes() - legacyFirst

// After: the store as it is.
let store = try AuditStore(path: work.appendingPathComponent("store.sqlite").path)
let (_, firstSeconds) = try storeScan(store, fleet(day: 0, base: first))
let afterFirst = try store.size().usedBytes
let (_, unchangedSeconds) = try storeScan(store, fleet(day: 1, base: second))
let afterUnchanged = try store.size().usedBytes
let (_, changedSeconds) = try storeScan(store, fleet(day: 2, base: second, upgraded: { _ in 5 }))
let afterChanged = try store.size().usedBytes
let (_, movedSeconds) = try storeScan(store, fleet(day: 3, base: second, everyNumber: true))
let afterMoved = try store.size().usedBytes
try legacy.save(fleet(day: 3, base: second, everyNumber: true))
let legacyMoved = try legacy.usedBytes() - legacyFirst - legacyUnchanged

print("")
print("bytes per host per scan (\(hosts) hosts, \(packages) packages each), store pages in use:")
print("| scan | before (v2: one JSON per host) | after (content-addressed) | hosts committed/s (after) |")
print("|---|---|---|---|")
print("| first scan | \(kb(legacyFirst / Int64(hosts))) | \(kb(afterFirst / Int64(hosts))) | \(Int(Double(hosts) / firstSeconds)) |")
print("| unchanged host re-scanned | \(kb(legacyUnchanged / Int64(hosts))) | \(kb((afterUnchanged - afterFirst) / Int64(hosts))) | \(Int(Double(hosts) / unchangedSeconds)) |")
print("| changed host (5 packages upgraded) | \(kb(legacyUnchanged / Int64(hosts))) | \(kb((afterChanged - afterUnchanged) / Int64(hosts))) | \(Int(Double(hosts) / changedSeconds)) |")
print("| unchanged host, every number in \(volatile.sorted().joined(separator: "/")) moved | \(kb(legacyMoved / Int64(hosts))) | \(kb((afterMoved - afterChanged) / Int64(hosts))) | \(Int(Double(hosts) / movedSeconds)) |")

// A time-compressed month: every day each host is scanned; a share of hosts upgrades packages.
print("")
print("a month of daily scans: \(hosts) hosts, \(Int(arguments.changedShare * 100))% of them upgrade 3 packages each day, the newest \(arguments.keep) scans kept from day \(arguments.keep + 1)")
print("| day | store file | in use | free | content | added per host |")
print("|---|---|---|---|---|---|")
let month = try AuditStore(path: work.appendingPathComponent("month.sqlite").path)
var previous: Int64 = 0
let changedEvery = max(1, Int((1 / max(arguments.changedShare, 0.0001)).rounded()))
for day in 1...arguments.days {
    let base = day == 1 ? first : second
    _ = try storeScan(month, fleet(day: day, base: base, upgraded: { ($0 + day) % changedEvery == 0 ? 3 : 0 }))
    if day > arguments.keep { try month.prune(keeping: arguments.keep) }
    let size = try month.size()
    print("| \(day) | \(kb(size.fileBytes)) | \(kb(size.usedBytes)) | \(kb(size.freeBytes)) | \(kb(size.contentBytes)) | \(day == 1 ? "-" : kb((size.usedBytes - previous) / Int64(hosts))) |")
    previous = size.usedBytes
}
let problems = try month.checkContent()
print(problems.isEmpty ? "content references check: sound" : "content references check: \(problems.count) problems: \(problems.prefix(3))")

import Foundation
import GRDB
import InventoryModel

/// How one host's result is laid out in the store: a small row of its own per scan, and
/// references to content that unchanged hosts share between scans.
///
/// The row keeps what differs on every scan (when, how long, uptime, free memory); evidence
/// outputs are content one by one (an unchanged `dpkg` status is the same content every day while
/// `/proc/uptime` is new each time), and facts are content in groups (packages, listening sockets,
/// sshd settings…), so a host whose uptime moved does not store its package list again.
struct StoredHost: Codable {
    /// Content id of the evidence headers (name, source, exit code, truncation) as JSON: the same
    /// list on every scan of a host running the same batch.
    var evidence: Int64?
    /// Content id of each evidence output, in the headers' order.
    var outputs: [Int64]
    /// Fact group → content id; `nil` when the host reported no facts.
    var facts: [String: Int64]?

    /// Every content id this row holds a reference to (each as often as it is referred to).
    var references: [Int64] { (evidence.map { [$0] } ?? []) + outputs + (facts.map { Array($0.values) } ?? []) }

    private enum CodingKeys: String, CodingKey {
        case evidence = "e"
        case outputs = "o"
        case facts = "f"
    }

    /// An evidence entry without its output.
    private struct EvidenceHeader: Codable {
        var name: String
        var source: String
        var exitCode: Int?
        var truncated: Bool
    }

    /// Stores `host`'s shared parts as content and returns the row's layout and the small record
    /// the row keeps inline (the host with its evidence and all but its volatile facts taken out).
    ///
    /// `previousRow` gives the layout of the host's previous row; it is read only if an output is
    /// new, and that output is then kept as a delta against the previous output of the same name.
    static func store(
        _ host: HostScan, in db: Database, previousRow: () throws -> StoredHost? = { nil }
    ) throws -> (layout: StoredHost, inline: HostScan) {
        var inline = host
        inline.evidence = []
        inline.facts = nil
        var layout = StoredHost(outputs: [])
        if !host.evidence.isEmpty {
            let headers = host.evidence.map {
                EvidenceHeader(name: $0.name, source: $0.source, exitCode: $0.exitCode, truncated: $0.truncated)
            }
            let headersID = try ContentStore.retain(StoreCoding.encode(headers), in: db)
            layout.evidence = headersID
            var previous: [String: Int64]?
            var seen: [String: Int] = [:]
            for evidence in host.evidence {
                let key = "\(evidence.name)\u{0}\(seen[evidence.name, default: 0])"
                seen[evidence.name, default: 0] += 1
                layout.outputs.append(
                    try ContentStore.retain(
                        evidence.content,
                        previous: {
                            if previous == nil {
                                previous = try Self.outputsByName(previousRow(), current: (headersID, headers), in: db)
                            }
                            return previous?[key]
                        }, in: db))
            }
        }
        if let facts = host.facts {
            inline.facts = HostFacts(uptimeSeconds: facts.uptimeSeconds, memory: facts.memory)
            var groups: [String: Int64] = [:]
            for (name, data) in try FactGroups.split(facts) {
                groups[name] = try ContentStore.retain(data, in: db)
            }
            layout.facts = groups
        }
        return (layout, inline)
    }

    /// A row's output ids by evidence name and occurrence (`name\0n`); the headers just stored are
    /// passed in, so the usual case (the same batch as last time) reads nothing more.
    private static func outputsByName(
        _ row: StoredHost?, current: (id: Int64, headers: [EvidenceHeader]), in db: Database
    ) throws -> [String: Int64] {
        guard let row, let id = row.evidence else { return [:] }
        let headers =
            id == current.id ? current.headers : try StoreCoding.decode([EvidenceHeader].self, ContentStore.data(id, in: db))
        guard headers.count == row.outputs.count else { return [:] }
        var seen: [String: Int] = [:]
        var outputs: [String: Int64] = [:]
        for (header, output) in zip(headers, row.outputs) {
            outputs["\(header.name)\u{0}\(seen[header.name, default: 0])"] = output
            seen[header.name, default: 0] += 1
        }
        return outputs
    }

    /// The host as it was scanned, from the row's inline record and its layout.
    func load(_ inline: HostScan, from db: Database, evidence withEvidence: Bool = true, shared: ContentStore.Memo? = nil) throws -> HostScan {
        var host = inline
        if let evidence, withEvidence {
            let headers = try StoreCoding.decode([EvidenceHeader].self, ContentStore.data(evidence, in: db))
            guard headers.count == outputs.count else {
                throw DatabaseError(message: "a host row lists \(outputs.count) outputs for \(headers.count) evidence entries")
            }
            host.evidence = try zip(headers, outputs).map { header, output in
                Evidence(
                    name: header.name, source: header.source, content: try ContentStore.data(output, in: db),
                    exitCode: header.exitCode, truncated: header.truncated)
            }
        }
        if let facts {
            let volatile = inline.facts
            var groups: [String: Data] = [:]
            for (name, id) in facts { groups[name] = try shared?.data(id, in: db) ?? ContentStore.data(id, in: db) }
            var joined = try FactGroups.join(groups)
            joined.uptimeSeconds = volatile?.uptimeSeconds
            joined.memory = volatile?.memory
            host.facts = joined
        }
        return host
    }
}

/// Host facts cut into groups that change independently, each stored as content of its own.
///
/// A fact added to `HostFacts` later lands in `rest` without a change here: still stored, only
/// shared less finely.
enum FactGroups {
    static func split(_ facts: HostFacts) throws -> [(String, Data)] {
        var rest = facts
        rest.uptimeSeconds = nil
        rest.memory = nil
        rest.packages = nil
        rest.pendingUpdates = nil
        rest.hotfixes = nil
        rest.listening = []
        rest.interfaces = []
        rest.sshd = nil
        rest.accounts = nil
        rest.antivirus = []
        var groups: [(String, Data)] = [("rest", try StoreCoding.encode(rest))]
        func add(_ name: String, _ value: (some Encodable)?) throws {
            if let value { groups.append((name, try StoreCoding.encode(value))) }
        }
        try add("packages", facts.packages)
        try add("pendingUpdates", facts.pendingUpdates)
        try add("hotfixes", facts.hotfixes)
        try add("listening", facts.listening.isEmpty ? nil : facts.listening)
        try add("interfaces", facts.interfaces.isEmpty ? nil : facts.interfaces)
        try add("sshd", facts.sshd)
        try add("accounts", facts.accounts)
        try add("antivirus", facts.antivirus.isEmpty ? nil : facts.antivirus)
        return groups
    }

    static func join(_ groups: [String: Data]) throws -> HostFacts {
        guard let rest = groups["rest"] else { throw DatabaseError(message: "a host's stored facts have no `rest` group") }
        var facts = try StoreCoding.decode(HostFacts.self, rest)
        func part<T: Decodable>(_ name: String, _ type: T.Type) throws -> T? {
            try groups[name].map { try StoreCoding.decode(type, $0) }
        }
        facts.packages = try part("packages", [InstalledPackage].self)
        facts.pendingUpdates = try part("pendingUpdates", [PackageUpdate].self)
        facts.hotfixes = try part("hotfixes", [Hotfix].self)
        facts.listening = try part("listening", [ListeningSocket].self) ?? []
        facts.interfaces = try part("interfaces", [NetworkInterface].self) ?? []
        facts.sshd = try part("sshd", SSHDSettings.self)
        facts.accounts = try part("accounts", Accounts.self)
        facts.antivirus = try part("antivirus", [Antivirus].self) ?? []
        return facts
    }
}

/// The store's one JSON dialect: sorted keys (equal values give equal bytes, so content
/// addressing finds them) and dates as exact seconds (a re-evaluated scan sees the very instants
/// the scan saw).
enum StoreCoding {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .deferredToDate
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return try decoder.decode(type, from: data)
    }
}

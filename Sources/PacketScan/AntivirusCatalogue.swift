/// Antivirus vendors' update services by domain, from
/// `policies/catalogues/antivirus-update-domains.tsv`.
///
/// A name matches an entry when it is the entry's domain or a subdomain of it, so
/// `dnl-01.geo.kaspersky.com` matches `geo.kaspersky.com`.
public struct AntivirusCatalogue: Sendable {
    public struct Match: Hashable, Sendable {
        public var vendor: String
        public var domain: String
    }

    private var vendorByDomain: [String: String] = [:]
    /// The domains again as bytes, found by a hash of their bytes and length, so a name from a
    /// packet is matched suffix by suffix without making a string (tens of thousands of DNS
    /// questions and HTTP hosts in a capture). `next` chains domains whose keys collide.
    private var domains: [(bytes: [UInt8], match: Match, next: Int32)] = []
    private var domainIndex = FlatIndex(capacity: 16)

    public init(_ entries: [(vendor: String, domain: String)] = []) {
        for entry in entries { vendorByDomain[entry.domain.lowercased()] = entry.vendor }
        index()
    }

    public static func load(path: String) throws(CaptureError) -> AntivirusCatalogue {
        var entries: [(vendor: String, domain: String)] = []
        for (line, fields) in try CatalogueFile.rows(path: path, fields: 2) {
            let domain = fields[1].lowercased()
            guard domain.contains("."), !domain.hasPrefix("."), !domain.contains(" ") else {
                throw .catalogue(path: path, line: line, reason: "'\(fields[1])' is not a domain name")
            }
            entries.append((fields[0], domain))
        }
        return AntivirusCatalogue(entries)
    }

    public var count: Int { vendorByDomain.count }

    private mutating func index() {
        domains = []
        domainIndex = FlatIndex(capacity: max(16, vendorByDomain.count))
        for (domain, vendor) in vendorByDomain {
            let bytes = Array(domain.utf8)
            var hash = Self.seed
            for b in bytes.reversed() { hash = Self.step(hash, b) }
            let new = Int32(domains.count)
            domains.append((bytes, Match(vendor: vendor, domain: domain), -1))
            let (head, inserted) = domainIndex.findOrInsert(high: hash, low: UInt64(bytes.count), newValue: new)
            if !inserted {
                var last = Int(head)
                while domains[last].next >= 0 { last = Int(domains[last].next) }
                domains[last].next = new
            }
        }
    }

    /// FNV-1a, fed from the last byte backwards: walking a name from its end gives the hash of
    /// every suffix on the way.
    private static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    @inline(__always)
    private static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The catalogue entry that `name` (lowercase, no trailing dot) falls under, if any: the
    /// name itself or the longest of its parent domains that the catalogue lists.
    func match(_ name: String) -> Match? {
        guard !domains.isEmpty else { return nil }
        var name = name
        return name.withUTF8 { match($0) }
    }

    func match(_ name: [UInt8]) -> Match? {
        guard !domains.isEmpty else { return nil }
        return name.withUnsafeBufferPointer { match($0) }
    }

    private func match(_ name: UnsafeBufferPointer<UInt8>) -> Match? {
        var hash = Self.seed
        var found: Match?
        var i = name.count
        while i > 0 {
            i -= 1
            hash = Self.step(hash, name[i])
            // A suffix that starts the name or follows a dot is a domain the name falls under.
            guard i == 0 || name[i - 1] == UInt8(ascii: ".") else { continue }
            var entry = domainIndex.find(high: hash, low: UInt64(name.count - i)).map(Int.init) ?? -1
            while entry >= 0 {
                if domains[entry].bytes.elementsEqual(name[i...]) {
                    found = domains[entry].match
                    break
                }
                entry = Int(domains[entry].next)
            }
        }
        return found
    }
}

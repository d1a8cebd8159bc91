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

    public init(_ entries: [(vendor: String, domain: String)] = []) {
        for entry in entries { vendorByDomain[entry.domain.lowercased()] = entry.vendor }
    }

    public static func load(path: String) throws(CaptureError) -> AntivirusCatalogue {
        var catalogue = AntivirusCatalogue()
        for (line, fields) in try CatalogueFile.rows(path: path, fields: 2) {
            let domain = fields[1].lowercased()
            guard domain.contains("."), !domain.hasPrefix("."), !domain.contains(" ") else {
                throw .catalogue(path: path, line: line, reason: "'\(fields[1])' is not a domain name")
            }
            catalogue.vendorByDomain[domain] = fields[0]
        }
        return catalogue
    }

    public var count: Int { vendorByDomain.count }

    /// The catalogue entry that `name` (lowercase, no trailing dot) falls under, if any.
    func match(_ name: String) -> Match? {
        guard !vendorByDomain.isEmpty else { return nil }
        var suffix = Substring(name)
        while true {
            if let vendor = vendorByDomain[String(suffix)] {
                return Match(vendor: vendor, domain: String(suffix))
            }
            guard let dot = suffix.firstIndex(of: ".") else { return nil }
            suffix = suffix[suffix.index(after: dot)...]
        }
    }
}

/// Passive operating-system signatures, from `policies/catalogues/os-signatures.tsv`.
///
/// Each line is `kind<TAB>value<TAB>os`, with kinds:
/// - `dhcp-vendor`: a prefix of DHCP option 60 (`MSFT 5.0`, `dhcpcd`, `android-dhcp`);
/// - `dhcp-params`: DHCP option 55 exactly, comma-separated (`1,3,6,15,...`);
/// - `syn`: the order of TCP options in a SYN, as `mss,nop,ws,nop,nop,sok` (p0f's notation);
/// - `ttl`: the initial TTL or hop limit (32, 64, 128, 255).
///
/// The guess weighs the evidence, strongest first: DHCP vendor class (4), SYN options (3), DHCP
/// parameter list (2), initial TTL (1). The winner is the OS with the highest sum; the basis says
/// which kinds agreed with it.
public struct OSSignatures: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case dhcpVendor = "dhcp-vendor"
        case synOptions = "syn"
        case dhcpParameters = "dhcp-params"
        case ttl

        var weight: Int {
            switch self {
            case .dhcpVendor: 4
            case .synOptions: 3
            case .dhcpParameters: 2
            case .ttl: 1
            }
        }
    }

    private var vendorPrefixes: [(prefix: String, os: String)] = []
    private var exact: [Kind: [String: String]] = [:]

    public init() {}

    public static func load(path: String) throws(CaptureError) -> OSSignatures {
        var signatures = OSSignatures()
        for (line, fields) in try CatalogueFile.rows(path: path, fields: 3) {
            guard let kind = Kind(rawValue: fields[0]) else {
                let kinds = Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw .catalogue(
                    path: path, line: line, reason: "unknown signature kind '\(fields[0])'; expected one of \(kinds)")
            }
            signatures.add(kind, fields[1], os: fields[2])
        }
        return signatures
    }

    mutating func add(_ kind: Kind, _ value: String, os: String) {
        if kind == .dhcpVendor {
            vendorPrefixes.append((value.lowercased(), os))
        } else {
            exact[kind, default: [:]][value.lowercased()] = os
        }
    }

    public var count: Int { vendorPrefixes.count + exact.values.reduce(0) { $0 + $1.count } }

    /// The best guess from what was seen of one host, with the kinds of evidence behind it.
    func guess(dhcpVendor: String?, dhcpParameters: String?, synOptions: String?, initialTTL: Int?) -> OSGuess? {
        var votes: [(Kind, String)] = []
        if let v = dhcpVendor?.lowercased(),
            let os = vendorPrefixes.filter({ v.hasPrefix($0.prefix) }).max(by: { $0.prefix.count < $1.prefix.count })?
                .os
        {
            votes.append((.dhcpVendor, os))
        }
        if let s = synOptions, let os = exact[.synOptions]?[s] { votes.append((.synOptions, os)) }
        if let d = dhcpParameters, let os = exact[.dhcpParameters]?[d] { votes.append((.dhcpParameters, os)) }
        if let t = initialTTL, let os = exact[.ttl]?[String(t)] { votes.append((.ttl, os)) }
        guard !votes.isEmpty else { return nil }
        var score: [String: Int] = [:]
        for (kind, os) in votes { score[os, default: 0] += kind.weight }
        let best = score.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!
        let basis = votes.filter { $0.1 == best.key }.map(\.0.rawValue)
        return OSGuess(name: best.key, basis: basis, score: best.value)
    }
}

/// An operating-system guess from passive evidence.
public struct OSGuess: Codable, Sendable, Hashable {
    public var name: String
    /// The kinds of evidence that agreed: `dhcp-vendor`, `syn`, `dhcp-params`, `ttl`.
    public var basis: [String]
    /// The summed weights of that evidence (1 = TTL alone ... 10 = everything agrees).
    public var score: Int

    public init(name: String, basis: [String], score: Int) {
        self.name = name
        self.basis = basis
        self.score = score
    }
}

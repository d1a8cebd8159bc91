/// Network-card vendors by MAC prefix (OUI), from `policies/catalogues/mac-vendors.tsv`.
///
/// The shipped file holds a few hundred common prefixes (PC, server, network, printer and
/// virtualisation vendors), not the whole IEEE registry: an unknown prefix yields no vendor.
public struct VendorCatalogue: Sendable {
    private var vendors: [UInt32: String]

    public init(_ vendors: [String: String] = [:]) {
        self.vendors = [:]
        for (prefix, name) in vendors {
            if let key = Self.prefix(prefix) { self.vendors[key] = name }
        }
    }

    public static func load(path: String) throws(CaptureError) -> VendorCatalogue {
        var catalogue = VendorCatalogue()
        for (line, fields) in try CatalogueFile.rows(path: path, fields: 2) {
            guard let key = prefix(fields[0]) else {
                throw .catalogue(path: path, line: line, reason: "'\(fields[0])' is not a MAC prefix such as 00:50:56")
            }
            catalogue.vendors[key] = fields[1]
        }
        return catalogue
    }

    public var count: Int { vendors.count }

    /// The vendor of a MAC address (low 48 bits), or a note that the address is locally
    /// administered (random MACs of phones, virtual machines, containers).
    func vendor(of mac: UInt64) -> String? {
        if let name = vendors[UInt32(truncatingIfNeeded: mac >> 24)] { return name }
        if mac >> 40 & 0x02 != 0 { return "(locally administered)" }
        return nil
    }

    private static func prefix(_ text: String) -> UInt32? {
        let hex = text.filter { $0 != ":" && $0 != "-" && $0 != "." }
        guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return nil }
        return value
    }
}

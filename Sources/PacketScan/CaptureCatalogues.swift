/// The reference data the decoders match against, read from `policies/catalogues/`.
public struct CaptureCatalogues: Sendable {
    public var vendors: VendorCatalogue
    public var signatures: OSSignatures
    public var antivirus: AntivirusCatalogue

    public init(
        vendors: VendorCatalogue = VendorCatalogue(), signatures: OSSignatures = OSSignatures(),
        antivirus: AntivirusCatalogue = AntivirusCatalogue()
    ) {
        self.vendors = vendors
        self.signatures = signatures
        self.antivirus = antivirus
    }

    /// The file names inside the catalogue folder.
    public static let vendorFile = "mac-vendors.tsv"
    public static let signatureFile = "os-signatures.tsv"
    public static let antivirusFile = "antivirus-update-domains.tsv"

    /// Reads the three catalogues from a folder such as `policies/catalogues`.
    public static func load(directory: String) throws(CaptureError) -> CaptureCatalogues {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return CaptureCatalogues(
            vendors: try VendorCatalogue.load(path: base + vendorFile),
            signatures: try OSSignatures.load(path: base + signatureFile),
            antivirus: try AntivirusCatalogue.load(path: base + antivirusFile))
    }
}

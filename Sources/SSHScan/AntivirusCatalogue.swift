public import Foundation
import Yams

/// `policies/catalogues/antivirus.yaml`: how each antivirus product shows itself on Linux and
/// Windows, and which domains it updates from.
///
/// Data, not code, so an IT centre can add the product it bought without a new release; the Linux
/// probe checks the catalogue's paths and the Windows parser names products by its display names.
public struct AntivirusCatalogue: Sendable, Hashable, Decodable {
    public struct Platform: Sendable, Hashable, Decodable {
        public var paths: [String]?
        public var services: [String]?
        public var processes: [String]?
        public var displayNames: [String]?
        public var version: String?
        public var signatureDate: String?
        public var licenceExpiry: String?

        enum CodingKeys: String, CodingKey {
            case paths, services, processes, version
            case displayNames = "display_names"
            case signatureDate = "signature_date"
            case licenceExpiry = "licence_expiry"
        }
    }

    public struct Product: Sendable, Hashable, Decodable {
        public var id: String
        public var name: String
        public var vendor: String?
        public var verified: Bool?
        public var linux: Platform?
        public var windows: Platform?
        public var updateDomains: [String]

        enum CodingKeys: String, CodingKey {
            case id, name, vendor, verified, linux, windows
            case updateDomains = "update_domains"
        }
    }

    public var products: [Product]

    public init(products: [Product]) { self.products = products }

    /// Reads and checks a catalogue file.
    public static func load(path: String) throws -> AntivirusCatalogue {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let catalogue = try YAMLDecoder().decode(AntivirusCatalogue.self, from: text)
        var seen: Set<String> = []
        for product in catalogue.products where !seen.insert(product.id).inserted {
            throw CatalogueError("\(path): product id '\(product.id)' is used twice")
        }
        for product in catalogue.products {
            for path in product.linux?.paths ?? [] where !path.hasPrefix("/") || path.contains("'") {
                throw CatalogueError("\(path): Linux path of '\(product.id)' must be absolute and have no quote")
            }
        }
        return catalogue
    }

    /// The catalogue name for a Windows Security Center display name (first matching product).
    public func product(windowsDisplayName name: String) -> Product? {
        products.first { product in
            (product.windows?.displayNames ?? []).contains { Glob.matches($0.lowercased(), name.lowercased()) }
        }
    }

    /// Whether `host` is one of the products' update domains (`*.` patterns match sub-domains).
    public func product(updateDomain host: String) -> Product? {
        let host = host.lowercased()
        return products.first { product in
            product.updateDomains.contains { pattern in
                let pattern = pattern.lowercased()
                if pattern.hasPrefix("*.") { return host.hasSuffix(pattern.dropFirst(1)) }
                return host == pattern
            }
        }
    }
}

public struct CatalogueError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

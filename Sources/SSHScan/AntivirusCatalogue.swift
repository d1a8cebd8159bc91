import Foundation
public import InventoryModel
import SourceYAML
import Yams

/// `policies/catalogues/antivirus.yaml`: how each antivirus product shows itself on Linux and
/// Windows, and which domains it updates from.
///
/// Data, not code, so an IT centre can add the product it bought without a new release; the Linux
/// probe checks the catalogue's paths and the Windows parser names products by its display names.
public struct AntivirusCatalogue: Sendable, Hashable {
    public struct Platform: Sendable, Hashable {
        public var paths: [String]?
        public var services: [String]?
        public var processes: [String]?
        public var displayNames: [String]?
        public var version: String?
        public var signatureDate: String?
        public var licenceExpiry: String?
        /// Linux packages (dpkg, rpm) whose installed version is the product's version: the package
        /// database is readable by any account, the vendor's tool often is not.
        public var packages: [String]? = nil
        /// Processes whose running means on-access (real-time) scanning is on.
        public var onAccessProcesses: [String]? = nil
        /// The vendor's own status tools, first one present asked (through `sudo -n` where the
        /// inventory allows it), and which of their `Key: value` lines say what.
        public var status: [StatusCommand]? = nil
    }

    /// A vendor tool that prints `Key: value` (or `Key = value`) lines.
    public struct StatusCommand: Sendable, Hashable {
        /// An absolute program path and its arguments, e.g. `/opt/kaspersky/kesl/bin/kesl-control --app-info`.
        public var run: String
        public var versionKey: String?
        public var signatureDateKey: String?
        public var realTimeKey: String?

        public init(run: String, versionKey: String? = nil, signatureDateKey: String? = nil, realTimeKey: String? = nil) {
            self.run = run
            self.versionKey = versionKey
            self.signatureDateKey = signatureDateKey
            self.realTimeKey = realTimeKey
        }

        /// The program: the first word of `run`.
        public var program: String { String(run.split(separator: " ").first ?? "") }
    }

    public struct Product: Sendable, Hashable {
        public var id: String
        public var name: String
        public var vendor: String?
        public var verified: Bool?
        public var linux: Platform?
        public var windows: Platform?
        public var updateDomains: [String]
    }

    public var products: [Product]

    public init(products: [Product]) { self.products = products }

    /// Reads and checks a catalogue file.
    public static func load(path: String) throws -> AntivirusCatalogue {
        try parse(text: String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    /// Parses and checks a catalogue's text; mistakes are `file:line:column` errors like every
    /// other source file's. Pure: `file` is only used in errors.
    public static func parse(text: String, file: String) throws(SourceError) -> AntivirusCatalogue {
        let doc = YAMLDocument(text: text, file: file)
        let top = try doc.fields(
            of: try doc.root(expecting: .vi("danh sách 'products'", en: "a 'products' list")),
            in: .vi("danh mục phần mềm diệt virus", en: "the antivirus catalogue"), allowed: ["products"],
            required: ["products"])
        var products: [Product] = []
        var seen: Set<String> = []
        for node in try doc.sequence(top["products"]!, key: "products", of: .vi("sản phẩm, mỗi sản phẩm bắt đầu bằng '- id:'", en: "products, each starting with '- id:'")) {
            let f = try doc.fields(
                of: node, in: .vi("một sản phẩm", en: "a product"), allowed: ["id", "name", "vendor", "verified", "linux", "windows", "update_domains"],
                required: ["id", "name"])
            let id = try doc.identifier(f["id"]!, key: "id")
            guard seen.insert(id).inserted else { throw doc.error(CatalogueProblem.productTwice(id), at: f["id"]) }
            var product = Product(
                id: id, name: try doc.string(f["name"]!, key: "name"),
                vendor: try f["vendor"].map { n throws(SourceError) in try doc.string(n, key: "vendor") },
                verified: try f["verified"].map { n throws(SourceError) in try doc.bool(n, .key("verified")) },
                updateDomains: try f["update_domains"].map { n throws(SourceError) in try texts(n, "update_domains", doc) } ?? [])
            product.linux = try f["linux"].map { n throws(SourceError) in try platform(n, .vi("'linux' của '\(id)'", en: "'linux' of '\(id)'"), doc) }
            product.windows = try f["windows"].map { n throws(SourceError) in try platform(n, .vi("'windows' của '\(id)'", en: "'windows' of '\(id)'"), doc) }
            for (path, node) in zip(product.linux?.paths ?? [], pathNodes(f["linux"]))
            where !path.hasPrefix("/") || path.contains("'") {
                throw doc.error(CatalogueProblem.linuxPath(product: id), at: node)
            }
            products.append(product)
        }
        return AntivirusCatalogue(products: products)
    }

    private static func platform(_ node: Node, _ what: LocalizedText, _ doc: YAMLDocument) throws(SourceError) -> Platform {
        let f = try doc.fields(
            of: node, in: what,
            allowed: [
                "paths", "services", "processes", "display_names", "version", "signature_date", "licence_expiry", "packages",
                "on_access_processes", "status",
            ])
        func list(_ key: String) throws(SourceError) -> [String]? {
            try f[key].map { n throws(SourceError) in try texts(n, key, doc) }
        }
        /// Documentation fields may be "" where the fact cannot be read on the host.
        func note(_ key: String) throws(SourceError) -> String? {
            guard let n = f[key] else { return nil }
            guard case .scalar(let scalar) = n else { throw doc.error(YAMLProblem.notString(.key(key), found: doc.kind(of: n)), at: n) }
            return scalar.string
        }
        var commands: [StatusCommand]?
        if let node = f["status"] {
            commands = []
            for item in try doc.sequence(node, key: "status", of: .vi("lệnh trạng thái, mỗi lệnh bắt đầu bằng '- run:'", en: "status commands, each starting with '- run:'")) {
                let c = try doc.fields(
                    of: item, in: .vi("một lệnh trạng thái của \(what.vi)", en: "a status command of \(what.en)"), allowed: ["run", "version", "signature_date", "real_time"],
                    required: ["run"])
                let run = try doc.string(c["run"]!, key: "run")
                guard run.hasPrefix("/"), !run.contains("'"), !run.contains(";"), !run.contains("|"), !run.contains("$"),
                    !run.contains("`"), !run.contains("&"), !run.contains(">"), !run.contains("<")
                else {
                    throw doc.error(CatalogueProblem.statusCommand, at: c["run"])
                }
                func key(_ name: String) throws(SourceError) -> String? {
                    try c[name].map { n throws(SourceError) in try doc.string(n, key: name) }
                }
                commands?.append(
                    StatusCommand(
                        run: run, versionKey: try key("version"), signatureDateKey: try key("signature_date"),
                        realTimeKey: try key("real_time")))
            }
        }
        return Platform(
            paths: try list("paths"), services: try list("services"), processes: try list("processes"),
            displayNames: try list("display_names"), version: try note("version"),
            signatureDate: try note("signature_date"), licenceExpiry: try note("licence_expiry"),
            packages: try list("packages"), onAccessProcesses: try list("on_access_processes"), status: commands)
    }

    private static func texts(_ node: Node, _ key: String, _ doc: YAMLDocument) throws(SourceError) -> [String] {
        try doc.sequence(node, key: key, of: .vi("văn bản", en: "texts")).map { n throws(SourceError) in try doc.string(n, key: key) }
    }

    private static func pathNodes(_ linux: Node?) -> [Node] {
        guard case .mapping(let mapping)? = linux, case .sequence(let items)? = mapping["paths"] else { return [] }
        return Array(items)
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

// swift-tools-version:6.1
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

/// Every target speaks the same dialect.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // An import is internal unless it says `public import`, so a module's public surface names
    // exactly the modules its clients must know.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// How the shipped binary is linked in release builds (`ictaudit capture` on a 1 M-packet file: 34.2 →
/// 27.0 MiB peak, Benchmarks/README): lld packs the 128,000 relative relocations into a few KB
/// (`DT_RELR`, glibc 2.36+, Debian 12) instead of a 3 MB table read at every start, and the executable
/// no longer exports its 39,000 Swift symbols, whose tables the loader touched at every start; nothing
/// looks them up (crash backtraces read the symbol table, not the dynamic one).
let shippedBinaryLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
        .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "ictaudit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ictaudit", targets: ["ictaudit"]),
        .library(name: "Audit", targets: ["Audit"]),
        .executable(name: "scan-bench", targets: ["ScanBenchmark"]),
        .executable(name: "demo-capture", targets: ["demo-capture"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The service: HTTP server, lifecycle, metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        // HTTPS for `ictaudit serve` (HummingbirdTLS); already built for HummingbirdTesting's client.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.0.0"),
    ],
    targets: [
        // C libraries, each behind a module map and a shim header.
        .systemLibrary(
            name: "CLibSSH2",
            pkgConfig: "libssh2",
            providers: [.apt(["libssh2-1-dev"])]
        ),
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),

        // The pure core.
        .target(name: "InventoryModel"),
        // The one positioned YAML reader every source-file loader shares.
        .target(name: "SourceYAML", dependencies: ["InventoryModel", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "PolicyEngine",
            dependencies: ["InventoryModel", "SourceYAML", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Ranking",
            dependencies: ["InventoryModel", "PolicyEngine", "SourceYAML", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Reports",
            dependencies: [
                "InventoryModel", "PolicyEngine", "Ranking", "PacketScan",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),

        // Collection and storage.
        .target(
            name: "SSHScan",
            dependencies: [
                "InventoryModel", "CLibSSH2", "SourceYAML", .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "PacketScan", dependencies: ["InventoryModel", "CPcap"]),
        .target(
            name: "Inventory",
            dependencies: [
                "InventoryModel", "SourceYAML",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The pipeline and the thin executable.
        .target(
            name: "Audit",
            dependencies: [
                "InventoryModel", "SSHScan", "PacketScan", "Inventory", "PolicyEngine", "Ranking", "Reports",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Schedules, the HTTP server (API, dashboard, metrics): what `ictaudit serve` runs.
        .target(
            name: "AuditService",
            dependencies: [
                "Audit", "Inventory", "InventoryModel", "PolicyEngine", "Ranking", "Reports", "SourceYAML", "SSHScan",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Templates"), .copy("Assets")]
        ),
        .executableTarget(
            name: "ictaudit",
            dependencies: [
                "Audit", "AuditService", "Inventory", "InventoryModel", "PacketScan", "PolicyEngine", "Ranking", "Reports", "SSHScan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: shippedBinaryLinkerSettings
        ),

        // Tools out of the product's way: `swift run -c release policy-bench`.
        .executableTarget(
            name: "policy-bench", dependencies: ["PolicyEngine", "InventoryModel", "ICTAuditTesting", argumentParser],
            path: "Benchmarks/PolicyBenchmark"),
        // Benchmarks, out of the product's way (`swift run -c release scan-bench 50`).
        .executableTarget(
            name: "ScanBenchmark", dependencies: ["SSHScan", "InventoryModel", argumentParser],
            path: "Benchmarks/ScanBenchmark"),

        // The lab (real sshd test hosts) as a target every test target imports.
        .target(name: "ICTAuditTesting", dependencies: ["InventoryModel"], path: "Sources/ICTAuditTesting"),

        .testTarget(name: "InventoryModelTests", dependencies: ["InventoryModel"]),
        .testTarget(name: "PolicyEngineTests", dependencies: ["PolicyEngine", "InventoryModel", "ICTAuditTesting"]),
        .testTarget(name: "RankingTests", dependencies: ["Ranking", "InventoryModel", "PolicyEngine"]),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Ranking", "InventoryModel", "ICTAuditTesting", "PacketScan",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Oracles", "Golden"]),
        .testTarget(name: "SSHScanTests", dependencies: ["SSHScan", "InventoryModel", "ICTAuditTesting"]),
        .testTarget(
            name: "InventoryTests",
            dependencies: ["Inventory", "InventoryModel", "ICTAuditTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "PacketScanTests", dependencies: ["PacketScan", "InventoryModel", "ICTAuditTesting"]),
        .testTarget(
            name: "AuditServiceTests",
            dependencies: [
                "AuditService", "Audit", "Inventory", "InventoryModel", "ICTAuditTesting", "PacketScan",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Oracles"]
        ),
        .testTarget(
            name: "AuditTests",
            dependencies: [
                "Audit", "Inventory", "InventoryModel", "PolicyEngine", "Ranking", "SSHScan", "ICTAuditTesting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The demo's capture, made by code (`demo-capture FILE`); scripts/demo.sh writes it beside the lab.
        .executableTarget(name: "demo-capture", dependencies: ["ICTAuditTesting", argumentParser], path: "lab/DemoCapture"),
        // `swift run -c release report-bench [UNITS HOSTS FINDINGS]`: every report format, time and peak memory.
        .executableTarget(
            name: "report-bench", dependencies: ["Reports", "Ranking", "InventoryModel", argumentParser], path: "Benchmarks/ReportBenchmark"),
        // Store growth per host per scan, and a month of daily scans: `swift run -c release store-bench`.
        .executableTarget(
            name: "store-bench",
            dependencies: [
                "Inventory", "InventoryModel", "SSHScan", "ICTAuditTesting", argumentParser,
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/StoreBenchmark"),

        // The service under load: `swift run -c release service-load`.
        .executableTarget(
            name: "service-load",
            dependencies: [
                "AuditService", "Inventory", "InventoryModel", "Ranking", "ICTAuditTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                argumentParser,
            ],
            path: "Benchmarks/ServiceLoad"),

        // `swift run -c release unit-inventory-bench FILE`: the unit inventory of 200 units and 50,000 hosts.
        .executableTarget(
            name: "unit-inventory-bench", dependencies: ["InventoryModel", "PacketScan", argumentParser],
            path: "Benchmarks/UnitInventoryBenchmark"),
        // Benchmarks: `swift run -c release capture-bench FILE`.
        .executableTarget(
            name: "capture-bench", dependencies: ["PacketScan", argumentParser], path: "Benchmarks/CaptureBenchmark"),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}

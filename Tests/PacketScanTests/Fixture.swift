import Foundation
import ICTAuditTesting
import InventoryModel
import PacketScan

/// Writes crafted frames to a temporary capture file and runs them through `PacketCapture`.
enum Fixture {
    /// The repository's `policies/catalogues`, found from this file's path.
    static let catalogueDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("policies/catalogues").path
    }()

    static let catalogues: CaptureCatalogues = {
        do { return try CaptureCatalogues.load(directory: catalogueDirectory) } catch { fatalError("\(error)") }
    }()

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-capture-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    /// Frames one second apart from 2024-06-01T00:00:00Z, written and analysed.
    static func analyse(
        _ frames: [[UInt8]], link: PcapFixtureWriter.LinkType = .ethernet,
        format: PcapFixtureWriter.Format = .pcap(nanoseconds: true), units: [InventoryModel.Unit] = [],
        options: CaptureOptions = CaptureOptions(intervalSeconds: 1)
    ) throws -> CaptureReport {
        var writer = PcapFixtureWriter(format: format, linkType: link)
        for (i, frame) in frames.enumerated() { writer.add(frame, seconds: 1_717_200_000 + i) }
        let path = try writer.write(to: temporaryPath("fixture.pcap"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PacketCapture.analyse(file: path, units: units, catalogues: catalogues, options: options)
    }
}

extension CaptureReport {
    func host(_ ip: String) -> HostReport? { hosts.first { $0.ip == ip } }
}

import Foundation
import InventoryModel
import Ranking
import Testing
import ZIPFoundation

@testable import Reports

/// Every format of a fixed audit, byte for byte against the files in `Golden/`, so any change in
/// what a report says shows up in review as a diff of the golden file.
///
/// `ICTAUDIT_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests` rewrites them; read the diff
/// before committing it.
struct GoldenReportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The fixture audit with an earlier scan to compare with and a three-scan trend. The snapshot
    /// goes through JSON as the store keeps it.
    static func input() throws -> ReportInput {
        var input = ReportFixtures.input(.vi)
        let stored = try JSONDecoder().decode(InventorySnapshot.self, from: JSONEncoder().encode(input.snapshot))
        input.snapshot = stored
        var earlier = stored
        earlier.scanID = 41
        earlier.startedAt = stored.startedAt.addingTimeInterval(-7 * 86_400)
        earlier.hosts.removeLast()
        earlier.hosts.append(
            HostScan(
                target: SSHTarget(address: "10.0.1.9", user: "audit", unit: "tt", credential: .agent), status: .scanned,
                startedAt: earlier.startedAt, durationSeconds: 1))
        let earlierFindings = [ReportFixtures.findings[2], ReportFixtures.findings[3]]
        let method = RankingMethod.basic()
        input.changes = ScanDiff(
            from: .init(snapshot: earlier, findings: earlierFindings, standings: method.score(earlier, findings: earlierFindings).standings),
            to: .init(snapshot: stored, findings: input.findings, standings: input.ranking.standings))
        input.trend = [
            ScanScores(scanID: 40, startedAt: stored.startedAt.addingTimeInterval(-14 * 86_400), scores: ["vp": 0.4, "tt": 0.5]),
            ScanScores(scanID: 41, startedAt: earlier.startedAt, scores: ["vp": 0.5, "tt": 0.45]),
            ScanScores(scanID: 42, startedAt: stored.startedAt, scores: Dictionary(uniqueKeysWithValues: input.ranking.units.map { ($0.unitID, $0.score) })),
        ]
        return input
    }

    /// A format's files as the golden folder holds them; an XLSX is unpacked into its XML parts.
    static func outputs(_ format: ReportFormat) throws -> [(name: String, data: Data)] {
        let files = try ReportRenderers.renderer(for: format).files(for: input())
        guard format == .xlsx else { return files.map { ($0.name, $0.data) } }
        let archive = try Archive(data: files[0].data, accessMode: .read)
        return try archive.sorted { $0.path < $1.path }.map { entry in
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return ("xlsx/" + entry.path.replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "]", with: ""), data)
        }
    }

    @Test("each format matches its golden files", arguments: ReportFormat.allCases)
    func golden(_ format: ReportFormat) throws {
        let update = ProcessInfo.processInfo.environment["ICTAUDIT_UPDATE_GOLDEN"] == "1"
        for output in try Self.outputs(format) {
            let file = Self.folder.appendingPathComponent(format.rawValue).appendingPathComponent(output.name)
            if update {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try output.data.write(to: file)
                continue
            }
            let expected = try Data(contentsOf: file)
            #expect(output.data == expected, "\(format.rawValue)/\(output.name) differs from its golden file; ICTAUDIT_UPDATE_GOLDEN=1 rewrites it")
        }
    }

    @Test("the same input renders the same bytes twice, in every format")
    func deterministic() throws {
        for format in ReportFormat.allCases {
            let a = try Self.outputs(format), b = try Self.outputs(format)
            #expect(a.map(\.data) == b.map(\.data), "\(format)")
        }
    }
}

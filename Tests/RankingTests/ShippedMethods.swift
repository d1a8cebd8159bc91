import Foundation
import PolicyEngine
import Ranking

/// The method files shipped under `policies/ranking/`, read the way the CLI reads them.
enum ShippedMethods {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("policies/ranking")

    static func load(_ name: String) throws -> RankingMethod {
        let url = directory.appendingPathComponent(name)
        return try RankingMethod.parse(text: String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    /// Declared figures from CSV text, for tests that feed published values.
    static func figures(_ csv: String, method: RankingMethod) throws -> DeclaredFigures {
        try DeclaredFigures.parseCSV(csv, file: "figures.csv", method: method)
    }
}

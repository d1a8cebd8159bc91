import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Testing

/// `lab/hosts.tsv` is the one table of lab hosts: the demo inventory scans the ports it gives.
struct LabTableTests {
    static let demoBase = 22300

    @Test("Every demo target on a lab port is the table's host for that port, as its comment says")
    func demoInventoryMatchesTheTable() throws {
        let table = try Lab.table()
        #expect(table.count >= 13)
        #expect(Set(table.map(\.name)).count == table.count, "host names are unique")
        #expect(Set(table.map(\.portOffset)).count == table.count, "ports are unique")
        let byPort = Dictionary(uniqueKeysWithValues: table.map { (Self.demoBase + $0.portOffset, $0.name) })

        let file = Lab.repositoryRoot.appendingPathComponent("inventory/demo.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let plan = try InventoryFile.parse(text, file: file.path, baseDirectory: file.deletingLastPathComponent().path)
        // The comment after each target names the lab host it is (or says nothing listens there).
        let comments = text.split(separator: "\n").compactMap { line -> (port: Int, host: String)? in
            guard let port = line.firstMatch(of: /port: (\d+)/), let comment = line.firstMatch(of: /#\s*(.+)$/)
            else { return nil }
            let named = comment.1.prefix { $0 != "," }  // "jump-inner, through the bastion"
            return (Int(port.1)!, named.trimmingCharacters(in: .whitespaces))
        }
        #expect(comments.count == plan.targets.count)
        for (port, host) in comments {
            if let name = byPort[port] {
                #expect(host == name, "port \(port) is \(name) in lab/hosts.tsv")
            } else {
                #expect(host == "nothing listens", "port \(port) is not in lab/hosts.tsv")
            }
        }
    }
}

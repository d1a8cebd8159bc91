public import Foundation
public import Inventory
public import InventoryModel
public import Logging
import Reports

/// The commands that read or trim the store, each writing what `ictaudit` prints, so the CLI and
/// a test (or the service) see the same lines.
extension AuditWorkspace {
    /// `ictaudit scans`: one line a scan, newest first (id, start, hosts scanned of recorded,
    /// inventory); an incomplete scan says, in `language`, how to finish it.
    public func listScans(language: Language, output: CommandOutput) throws {
        let formatter = ISO8601DateFormatter()
        let incomplete = language == .vi ? "chưa xong" : "incomplete"
        output.print(
            try openStore().scans().map { scan in
                let state = scan.complete ? "" : "\t\(incomplete) \(scan.hosts)/\(scan.planned): ictaudit scan --resume \(scan.id)"
                return "\(scan.id)\t\(formatter.string(from: scan.startedAt))\t\(scan.scanned)/\(scan.hosts)\t\(scan.inventoryName)\(state)"
            })
    }

    /// `ictaudit prune`: keeps the newest `keeping` complete scans of each inventory (or of
    /// `inventory` only), then gives the freed pages back when `vacuum` is set.
    public func prune(keeping: Int, inventory: String?, vacuum: Bool) throws -> PruneOutcome {
        let store = try openStore()
        let removed = try store.prune(keeping: keeping, inventory: inventory)
        if vacuum { try store.vacuum() }
        return PruneOutcome(removed: removed, size: try store.size())
    }

    /// `ictaudit diff A B` as it prints: the diff's text in one language, or its JSON document.
    public func diff(from old: Int64, to new: Int64, json: Bool, language: Language, logger: Logger, output: CommandOutput)
        throws
    {
        let diff = try diff(from: old, to: new, logger: logger)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            output.write(try encoder.encode(diff) + Data("\n".utf8))
        } else {
            output.print(diff.plainText(language, printable: TerminalText.printable), terminator: "")
        }
    }
}

/// What `prune` removed and the store's size after it.
public struct PruneOutcome: Sendable, Hashable {
    public var removed: [Int64]
    public var size: StoreSize

    /// The one line `ictaudit prune` prints.
    public func lines(_ language: Language) -> [String] {
        let ids = removed.isEmpty ? "" : " (\(removed.map(String.init).joined(separator: ", ")))"
        return [
            language == .vi
                ? "Đã xoá \(removed.count) lần quét\(ids); kho \(size.fileBytes) byte, \(size.freeBytes) byte trống"
                : "Removed \(removed.count) scans\(ids); store \(size.fileBytes) bytes, \(size.freeBytes) free"
        ]
    }
}

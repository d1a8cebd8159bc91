public import InventoryModel

/// Why the store could not be opened, read or written: the typed reason inside a `StoreError`,
/// worded in Vietnamese and English by one exhaustive switch. The English sentences keep SQLite's
/// own words (GRDB's description), which logs and the service print.
public enum StoreProblem: Error, Sendable, Hashable {
    case cannotOpen(SQLiteFailure)
    /// A newer ictaudit migrated the file: this one would misread it, so it refuses to open it.
    case newerSchema(unknown: [String])
    case cannotWrite(SQLiteFailure)
    case cannotRead(SQLiteFailure)
    case cannotVacuum(SQLiteFailure)
    case noScan(Int64)
    case scanComplete(Int64)
    case scanWithoutPlan(Int64)
    case scanLacksHosts(Int64)
    case scanVanished(Int64)
    /// Stored evidence that should be there is not (a file damaged outside ictaudit).
    case damaged(String)
    case keepAtLeastOne(asked: Int)

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        switch self {
        case .cannotOpen(let failure):
            return t("không mở được kho: \(failure.text(.vi))", "cannot open the store: \(failure.text(.en))")
        case .newerSchema(let unknown):
            let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
            return t(
                "kho do một phiên bản ictaudit mới hơn ghi (bước nâng cấp \(list) không có trong phiên bản này); "
                    + "hãy dùng phiên bản đó, phiên bản này không mở để tránh đọc sai",
                "the store was written by a newer ictaudit (migration \(list) is unknown to this one); "
                    + "use that version: this one does not open it, to avoid misreading it")
        case .cannotWrite(let failure):
            return t(
                "không ghi được vào kho (không giữ lại phần nào của lần ghi này): \(failure.text(.vi))",
                "cannot write to the store (nothing of this write was kept): \(failure.text(.en))")
        case .cannotRead(let failure):
            return t("không đọc được kho: \(failure.text(.vi))", "cannot read the store: \(failure.text(.en))")
        case .cannotVacuum(let failure):
            return t("không thu gọn được kho: \(failure.text(.vi))", "cannot vacuum the store: \(failure.text(.en))")
        case .noScan(let id):
            return t("không có lần quét \(id)", "there is no scan \(id)")
        case .scanComplete(let id):
            return t("lần quét \(id) đã xong", "scan \(id) is already complete")
        case .scanWithoutPlan(let id):
            return t(
                "lần quét \(id) chưa xong và được lưu không kèm kế hoạch: không thể quét tiếp",
                "scan \(id) is incomplete and was stored without its plan: it cannot be resumed")
        case .scanLacksHosts(let id):
            return t("lần quét \(id) vẫn thiếu máy sau khi đã quét hết", "scan \(id) still lacks hosts after scanning them all")
        case .scanVanished(let id):
            return t("lần quét \(id) biến mất trong khi đang hoàn tất", "scan \(id) vanished while it was completed")
        case .damaged(let what):
            return t("kho bị hỏng: \(what)", "the store is damaged: \(what)")
        case .keepAtLeastOne(let asked):
            return t(
                "phải giữ lại ít nhất một lần quét (yêu cầu giữ \(asked))", "retention keeps at least one scan (asked to keep \(asked))")
        }
    }
}

/// What SQLite said, by its result code, with GRDB's English description kept.
public struct SQLiteFailure: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Another process holds the lock longer than the wait (`SQLITE_BUSY`, `SQLITE_LOCKED`).
        case locked
        /// The file is not an SQLite database (`SQLITE_NOTADB`).
        case notADatabase
        /// The file is damaged (`SQLITE_CORRUPT`).
        case corrupt
        /// The file or its folder cannot be opened or created (`SQLITE_CANTOPEN`, no folder).
        case cannotOpenFile
        case readOnly
        case diskFull
        case other
    }

    public var kind: Kind
    /// GRDB's (or Foundation's) English description.
    public var detail: String

    public init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public func text(_ language: Language) -> String {
        guard language == .vi else { return detail }
        switch kind {
        case .locked: return "kho đang bị một tiến trình khác khoá (đã chờ 10 giây); hãy thử lại khi nó xong"
        case .notADatabase: return "tệp không phải là cơ sở dữ liệu SQLite"
        case .corrupt: return "tệp cơ sở dữ liệu SQLite bị hỏng"
        case .cannotOpenFile: return "không mở hay tạo được tệp (thư mục không có hoặc không có quyền)"
        case .readOnly: return "tệp chỉ đọc được, không ghi được"
        case .diskFull: return "đĩa đã đầy"
        case .other: return "SQLite: \(detail)"
        }
    }
}

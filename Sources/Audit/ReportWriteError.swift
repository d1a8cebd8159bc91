public import Foundation
public import InventoryModel

#if canImport(Glibc)
    import Glibc
#endif

/// A report file that could not be written (disk full, no permission, read-only file system),
/// worded from the system's error code in Vietnamese and English; the previous report stays in
/// place (`ReportFolder` writes beside it and renames).
public struct ReportWriteError: WordedError, CustomStringConvertible, Sendable {
    public var path: String
    /// The `errno` the system gave.
    public var code: Int32

    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    public var description: String { text(.en) }

    /// Makes `folder` (and its parents), failing with the system's error code.
    static func makeFolder(_ folder: URL) throws(ReportWriteError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            let posix = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error).map { Int32(($0 as NSError).code) }
            throw ReportWriteError(path: folder.path, code: posix ?? EIO)
        }
    }

    public func text(_ language: Language) -> String {
        let system = String(cString: strerror(code))
        guard language == .vi else { return "cannot write \(path): \(system)" }
        let reason =
            switch code {
            case ENOSPC: "đĩa đã đầy"
            case EDQUOT: "đã vượt hạn mức đĩa"
            case EACCES, EPERM: "không có quyền ghi"
            case EROFS: "hệ thống tệp chỉ đọc được"
            case ENOENT: "thư mục không tồn tại"
            case ENOTDIR: "một phần của đường dẫn không phải là thư mục"
            case EISDIR: "đường dẫn là một thư mục"
            default: "lỗi hệ thống \(code) (\(system))"
            }
        return "không ghi được \(path): \(reason)"
    }
}

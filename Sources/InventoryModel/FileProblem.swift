public import Foundation

/// A source file that could not be read at all (before any line of it): the typed reason of the
/// `SourceError` at its line 1, worded from the system's error code rather than Foundation's
/// English sentence.
public enum FileProblem: SourceProblem, Hashable {
    case missing
    case notAllowed
    case isFolder
    case notUTF8
    /// Anything else, with the system's own words.
    case other(String)

    /// The reason for a failed read of `path`, from the error Foundation threw.
    public static func reading(_ path: String, _ error: any Error) -> FileProblem {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return .isFolder }
        if !FileManager.default.fileExists(atPath: path) { return .missing }
        let ns = error as NSError
        let posix = (ns.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }.flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
        if posix == Int(EACCES) || ns.code == CocoaError.fileReadNoPermission.rawValue { return .notAllowed }
        if ns.code == CocoaError.fileReadInapplicableStringEncoding.rawValue { return .notUTF8 }
        return .other(error.localizedDescription)
    }

    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.missing, .vi): "không đọc được tệp: không có tệp này"
        case (.missing, .en): "cannot read the file: there is no such file"
        case (.notAllowed, .vi): "không đọc được tệp: không có quyền đọc"
        case (.notAllowed, .en): "cannot read the file: permission denied"
        case (.isFolder, .vi): "không đọc được tệp: đây là một thư mục"
        case (.isFolder, .en): "cannot read the file: it is a folder"
        case (.notUTF8, .vi): "không đọc được tệp: nội dung không phải văn bản UTF-8"
        case (.notUTF8, .en): "cannot read the file: it is not UTF-8 text"
        case (.other(let why), .vi): "không đọc được tệp: \(why)"
        case (.other(let why), .en): "cannot read the file: \(why)"
        }
    }
}

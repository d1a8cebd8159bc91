public import Foundation

/// A source file that could not be read at all (before any line of it): the typed reason of the
/// `SourceError` at its line 1, worded from the system's error code rather than Foundation's
/// English sentence. The model only words it; `FileProblem.reading(_:_:)` in Inventory finds it, since
/// telling a folder from a missing file takes a look at the filesystem.
public enum FileProblem: SourceProblem, Hashable {
    case missing
    case notAllowed
    case isFolder
    case notUTF8
    /// Anything else, with the system's own words.
    case other(String)

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

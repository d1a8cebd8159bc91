public import Foundation
public import InventoryModel

extension FileProblem {
    /// The reason for a failed read of `path`, from the error Foundation threw. Foundation reports a
    /// folder as an unknown read error (code 256, no underlying POSIX error), so the path is looked at
    /// here, in the layer that reads files, not in the model.
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
}

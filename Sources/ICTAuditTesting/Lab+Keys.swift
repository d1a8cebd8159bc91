public import Foundation

extension Lab {
    /// Lets another client key log in to every lab host (appends it to the lab's authorized_keys),
    /// for tests of what the server does with keys of other types.
    public func authorize(publicKeyFile: String) throws {
        let key = try String(contentsOfFile: publicKeyFile, encoding: .utf8)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/authorized_keys"))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((key.hasSuffix("\n") ? key : key + "\n").utf8))
    }
}

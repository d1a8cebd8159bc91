public import Foundation

/// A mistake in a file a person wrote (inventory, policy, waiver, ranking method, CSV), pointing at
/// the line and column to fix.
///
/// Printed as `file:line:column: message`, the form editors and CI logs turn into links. Every
/// loader reports this one type, so the CLI prints them all the same way.
public struct SourceError: Error, Sendable, Hashable, LocalizedError, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, in Unicode scalars (as libyaml and most editors count).
    public var column: Int
    /// A plain English sentence.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
    public var errorDescription: String? { description }
}

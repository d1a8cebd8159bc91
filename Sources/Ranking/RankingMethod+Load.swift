public import Foundation
public import PolicyEngine

extension RankingMethod {
    /// Parses and checks a method file's text. Pure: `file` is only used in error messages.
    ///
    /// Everything is validated here — keys, numbers, weights, tiers, duplicate ids and every
    /// expression against the fact schema — so a method that loads cannot fail later for a reason
    /// its author could have fixed. Errors read `file:line:column: sentence`.
    public static func parse(text: String, file: String) throws(PolicyError) -> RankingMethod {
        try RankingMethodLoader(text: text, file: file).load()
    }

    /// Reads a method file and parses it with `parse(text:file:)`.
    public static func load(contentsOf url: URL) throws(PolicyError) -> RankingMethod {
        let name = url.isFileURL ? url.relativePath : url.absoluteString
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PolicyError(
                file: name, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(text: text, file: name)
    }
}

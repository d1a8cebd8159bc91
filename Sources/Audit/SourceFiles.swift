public import Foundation
import Inventory
public import InventoryModel
public import PolicyEngine
public import Ranking

/// Reading source files from disk for the core's loaders, which only parse text they are handed
/// (DESIGN.md: the core does no I/O). A file that cannot be read is an error at its first line,
/// named as the user wrote it.
public enum SourceFile {
    public static func read(_ url: URL) throws(SourceError) -> (text: String, name: String) {
        let name = url.isFileURL ? url.relativePath : url.absoluteString
        do {
            return (try String(contentsOf: url, encoding: .utf8), name)
        } catch {
            throw SourceError(file: name, line: 1, column: 1, problem: FileProblem.reading(url.path, error))
        }
    }
}

/// A kind of source file the core parses from text and a file name.
public protocol SourceParsable {
    static func parse(text: String, file: String) throws(SourceError) -> Self
}

extension SourceParsable {
    /// Reads the file and parses it; errors name the file as given.
    public static func load(contentsOf url: URL) throws(SourceError) -> Self {
        let (text, name) = try SourceFile.read(url)
        return try parse(text: text, file: name)
    }
}

extension Policy: SourceParsable {}
extension SCAPolicy: SourceParsable {}
extension WaiverSet: SourceParsable {}
extension PolicyTestSuite: SourceParsable {}
extension RankingMethod: SourceParsable {}

extension PolicyLinter {
    public static func lint(contentsOf url: URL) throws(SourceError) -> (kind: Kind, summary: Summary) {
        let (text, name) = try SourceFile.read(url)
        return try lint(text: text, name: name)
    }
}

extension PolicyLinter {
    /// `ictaudit policy lint`: each file's kind and summary, or its first problem as
    /// `file:line:column: …` on standard error; every file is checked, and any problem ends with status 1.
    public static func lint(files: [String], language: Language, output: CommandOutput) throws(CommandStatus) {
        var failed = 0
        for file in files {
            do {
                let (_, summary) = try lint(contentsOf: URL(fileURLWithPath: file))
                output.print(CommandText.lintOK(file: file, summary: summary).line(language))
            } catch {
                failed += 1
                output.warn(error.text(language))
            }
        }
        if failed > 0 { throw CommandStatus(1) }
    }
}

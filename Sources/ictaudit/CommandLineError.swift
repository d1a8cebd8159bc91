import ArgumentParser
import Foundation
import InventoryModel

/// A command line ArgumentParser refused (a missing argument, an unknown option, a value it
/// cannot read, or a `validate()` problem), printed in the language the line asked for.
///
/// ArgumentParser writes its own `Error: …` in English and has no hook for another language, so
/// `main` catches what `parseAsRoot` throws and words the Vietnamese line here from ArgumentParser's
/// fixed message forms (a form not listed keeps its English words after `lỗi:`). English prints
/// exactly as ArgumentParser does. `--help` stays English: it is generated from the flag
/// declarations, and option names are English identifiers either way.
enum CommandLineError {
    /// The language the arguments ask for (`--lang en`, `--lang=en`), Vietnamese otherwise:
    /// the line failed to parse, so the parsed option is not there to ask.
    static func language(_ arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { return Language(rawValue: arguments[index + 1]) ?? .vi }
            if argument.hasPrefix("--lang=") { return Language(rawValue: String(argument.dropFirst(7))) ?? .vi }
        }
        return .vi
    }

    /// ArgumentParser's full message (`Error: …`, `Help: …`, `Usage: …`, `See '…' for more
    /// information.`) in Vietnamese: `lỗi: …`, the usage line, where to look. The `Help:` line is
    /// left out: it quotes the English `--help` text the last line points to.
    static func vietnamese(_ full: String) -> String {
        var lines: [String] = []
        for line in full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Error: ") {
                lines.append("lỗi: " + message(String(line.dropFirst(7))))
            } else if line.hasPrefix("Usage: ") {
                lines.append("Cách dùng: " + line.dropFirst(7))
            } else if line.hasPrefix("Help: ") {
                continue
            } else if let range = line.range(of: "See '"), line.hasSuffix("' for more information.") {
                let command = line[range.upperBound...].dropLast("' for more information.".count)
                lines.append(line[..<range.lowerBound] + "Xem '\(command)' để biết thêm.")
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One of ArgumentParser's message forms (UsageGenerator / MessageInfo) in Vietnamese.
    static func message(_ english: String) -> String {
        func after(_ prefix: String) -> String? { english.hasPrefix(prefix) ? String(english.dropFirst(prefix.count)) : nil }
        if let rest = after("Missing expected argument ") { return "thiếu đối số bắt buộc \(rest)" }
        if let rest = after("Missing one of: ") { return "thiếu một trong: \(rest)" }
        if let rest = after("Missing value for ") { return "thiếu giá trị cho \(rest)" }
        if let rest = after("Unknown option ") {
            guard let hint = rest.range(of: ". Did you mean ") else { return "tuỳ chọn lạ \(rest)" }
            let suggestion = rest[hint.upperBound...].dropLast()
            return "tuỳ chọn lạ \(rest[..<hint.lowerBound]); có phải \(suggestion)?"
        }
        if let rest = after("Unexpected argument ") { return "đối số thừa \(rest)" }
        if english.contains(" unexpected arguments: "), let count = english.split(separator: " ").first {
            return "\(count) đối số thừa: " + english.components(separatedBy: " unexpected arguments: ")[1]
        }
        if english == "Missing required subcommand." { return "thiếu lệnh con" }
        if let rest = after("The value "), let invalid = rest.range(of: " is invalid for ") {
            let value = rest[..<invalid.lowerBound]
            var option = String(rest[invalid.upperBound...])
            var choices = ""
            if let please = option.range(of: ". Please provide one of ") {
                choices = "; hãy dùng một trong "
                    + option[please.upperBound...].dropLast().replacingOccurrences(of: " and ", with: " và ")
                    .replacingOccurrences(of: " or ", with: " hoặc ")
                option = String(option[..<please.lowerBound])
            }
            return "giá trị \(value) không hợp lệ cho \(option)\(choices)"
        }
        return english
    }
}

public import Yams

/// A source file's text, indexed by line, to turn positions inside a YAML scalar into file
/// positions.
///
/// libyaml reports where a scalar starts; an expression error is somewhere inside it. For a plain
/// one-line scalar that is a simple offset, but quotes, escapes, folded lines and block scalars
/// (`|`, `>`) shift characters around, so the value is walked alongside the source text.
public struct SourceText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// Index of the first scalar of each line.
    let lineStarts: [Int]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The scalar index of a 1-based line and column.
    public func index(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return scalars.count }
        return min(lineStarts[line - 1] + max(column - 1, 0), scalars.count)
    }

    /// The 1-based line and column of a scalar index.
    public func lineColumn(of index: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= index { low = mid } else { high = mid - 1 }
        }
        return (low + 1, index - lineStarts[low] + 1)
    }

    /// The file position of the character at `offset` (in scalars) in the scalar's value.
    public func position(ofOffset offset: Int, in scalar: Node.Scalar) -> (line: Int, column: Int) {
        guard let mark = scalar.mark else { return (1, 1) }
        let start = index(line: mark.line, column: mark.column)
        let fallback = { () -> (line: Int, column: Int) in
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return (mark.line, mark.column + offset + (quoted ? 1 : 0))
        }
        var s: Int
        switch scalar.style {
        case .singleQuoted, .doubleQuoted:
            s = start + 1
        case .literal, .folded:
            // The mark is the `|` or `>` indicator; the content starts on the next line.
            guard mark.line < lineStarts.count else { return fallback() }
            s = lineStarts[mark.line]
        default:
            s = start
        }
        let value = Array(scalar.string.unicodeScalars)
        guard offset <= value.count else { return fallback() }
        for i in 0...offset {
            let c = i < value.count ? value[i] : nil
            if let c, !c.isBlank {
                // Indentation and the line breaks that folding turned into spaces.
                while s < scalars.count, scalars[s] != c, scalars[s].isBlank { s += 1 }
            }
            guard s < scalars.count else { return fallback() }
            if i == offset { return lineColumn(of: s) }
            if scalar.style == .doubleQuoted, scalars[s] == "\\" {
                s += escapeLength(at: s)
            } else if scalar.style == .singleQuoted, c == "'", scalars[s] == "'" {
                s += 2
            } else if c == scalars[s] || (c?.isBlank == true && scalars[s].isBlank) {
                s += 1
            } else if c?.isBlank != true {
                return fallback()
            }
        }
        return fallback()
    }

    /// Length of a double-quoted YAML escape starting at the backslash at `index`.
    private func escapeLength(at index: Int) -> Int {
        guard index + 1 < scalars.count else { return 1 }
        switch scalars[index + 1] {
        case "x": return 4
        case "u": return 6
        case "U": return 10
        default: return 2
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isBlank: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" }
}

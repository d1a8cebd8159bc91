/// A directory walked on the host for a `d:` rule with a name test: every entry below it and the
/// text of the files the walk was asked to send (``Probe/tree(_:contents:)``).
///
/// The walk goes down into subdirectories but never through symbolic links, as Wazuh's does;
/// Wazuh then judges every entry that is neither a link nor a directory by its name. The section
/// is line-based so that nothing a file holds can pose as structure: each line starts with a
/// letter and a space and names a path relative to the walked directory (`./sub/name`):
///
/// | line | means |
/// |---|---|
/// | `D path` | a directory (walked) |
/// | `E path` | a directory that cannot be listed |
/// | `F path` | a regular file |
/// | `L path` | a symbolic link (skipped) |
/// | `O path` | anything else: a socket, a device, a pipe |
/// | `C path` | the file's text follows, each line as `| ` and the line |
/// | `U path` | the file could not be read |
///
/// A name holding a line break cannot be written this way; such an entry is lost.
struct SCATree {
    struct Entry {
        enum Kind: Character {
            case directory = "D", unlistable = "E", file = "F", link = "L", other = "O"
        }

        var kind: Kind
        /// Relative to the walked directory, `./` first.
        var path: String

        /// The last part of the path.
        var name: Substring {
            path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? Substring(path)
        }
    }

    enum Content {
        case text(String)
        case unreadable
    }

    var entries: [Entry] = []
    var contents: [String: Content] = [:]

    init(parsing text: String) {
        var current: (path: String, lines: [Substring])?
        func close() {
            if let (path, lines) = current {
                contents[path] = .text(lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n")
            }
            current = nil
        }
        for line in SCAPattern.lines(of: text) where !line.isEmpty {
            if line.hasPrefix("| ") || line == "|" {
                current?.lines.append(line.dropFirst(2))
                continue
            }
            guard line.count > 2, line.dropFirst().hasPrefix(" ") else { continue }
            let path = String(line.dropFirst(2))
            switch line.first! {
            case "C":
                close()
                current = (path, [])
            case "U":
                close()
                contents[path] = .unreadable
            default:
                close()
                if let kind = Entry.Kind(rawValue: line.first!) {
                    entries.append(Entry(kind: kind, path: path))
                }
            }
        }
        close()
    }
}

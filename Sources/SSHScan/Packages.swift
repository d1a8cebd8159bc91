import Foundation
import InventoryModel

/// Installed packages and pending updates from the `packages` and `updates` sections.
enum Packages {
    /// dpkg status stanzas (installed ones only: `Status: install ok installed`), else rpm's lines.
    static func installed(from parts: LabelledParts) -> [InstalledPackage]? {
        if let status = parts["/var/lib/dpkg/status"] { return dpkg(status) }
        if let rpm = parts["rpm"] { return self.rpm(rpm) }
        return nil
    }

    /// Read as bytes: a server's status file has thousands of stanzas of dozens of fields, and
    /// only four fields matter, so no other field becomes a `String`.
    static func dpkg(_ text: String) -> [InstalledPackage] {
        var packages: [InstalledPackage] = []
        var text = text
        text.withUTF8 { bytes in
            var name: String?
            var version: String?
            var architecture: String?
            var installed = false
            func flush() {
                if let name, let version, installed {
                    packages.append(InstalledPackage(name: name, version: version, architecture: architecture))
                }
                (name, version, architecture, installed) = (nil, nil, nil, false)
            }
            var lineStart = 0
            while lineStart <= bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = trimmed(bytes, lineStart, lineEnd)
                lineStart = lineEnd + 1
                if line.isEmpty {
                    flush()
                    continue
                }
                guard let colon = bytes[line].firstIndex(of: 0x3A) else { continue }
                let key = bytes[line.lowerBound..<colon]
                let value = trimmed(bytes, colon + 1, line.upperBound)
                func text() -> String { String(decoding: bytes[value], as: UTF8.self) }
                if key.elementsEqual("Package".utf8) {
                    name = text()
                } else if key.elementsEqual("Version".utf8) {
                    version = text()
                } else if key.elementsEqual("Architecture".utf8) {
                    architecture = text()
                } else if key.elementsEqual("Status".utf8) {
                    installed = bytes[value].reversed().starts(with: " installed".utf8.reversed())
                }
            }
            flush()
        }
        return packages
    }

    /// `start..<end` without leading and trailing ASCII whitespace.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var (lower, upper) = (start, end)
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// `NAME<TAB>EPOCH:VERSION-RELEASE<TAB>ARCH<TAB>INSTALLTIME`; epoch 0 is dropped as rpm prints it.
    static func rpm(_ text: String) -> [InstalledPackage] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count >= 3, !fields[0].isEmpty, !fields[1].isEmpty else { return nil }
            var version = fields[1]
            if version.hasPrefix("0:") { version.removeFirst(2) }
            return InstalledPackage(name: fields[0], version: version, architecture: fields[2] == "(none)" ? nil : fields[2])
        }
    }

    /// Pending updates; nil when the tool is absent or failed (unknown), empty when it found none.
    static func pending(from parts: LabelledParts) -> [PackageUpdate]? {
        let status = parts.parts.first { $0.label.hasPrefix("status ") }.flatMap { Int($0.label.dropFirst(7)) }
        if let apt = parts["apt-get -s upgrade"] {
            guard status == 0 else { return nil }
            return aptSimulation(apt)
        }
        if let dnf = parts["check-update"] {
            // dnf/yum check-update: 100 = updates listed, 0 = none, anything else = failed.
            switch status {
            case 0: return []
            case 100: return checkUpdate(dnf)
            default: return nil
            }
        }
        if let zypper = parts["zypper list-updates"] {
            guard status == 0 || status == 100 else { return nil }
            return zypperTable(zypper)
        }
        return nil
    }

    /// `Inst NAME [CURRENT] (AVAILABLE ORIGIN [ARCH])`.
    static func aptSimulation(_ text: String) -> [PackageUpdate] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard line.hasPrefix("Inst ") else { return nil }
            let words = line.dropFirst(5).split(separator: " ")
            guard let name = words.first else { return nil }
            var current: String?
            var rest = words.dropFirst()
            if let first = rest.first, first.hasPrefix("["), first.hasSuffix("]") {
                current = String(first.dropFirst().dropLast())
                rest = rest.dropFirst()
            }
            guard let available = rest.first, available.hasPrefix("(") else { return nil }
            return PackageUpdate(name: String(name), currentVersion: current, availableVersion: String(available.dropFirst()))
        }
    }

    /// `NAME.ARCH  VERSION  REPO` lines; the "Obsoleting Packages" block that may follow is skipped.
    static func checkUpdate(_ text: String) -> [PackageUpdate] {
        var updates: [PackageUpdate] = []
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("Obsoleting") { break }
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 3, let dot = words[0].lastIndex(of: ".") else { continue }
            updates.append(PackageUpdate(name: String(words[0][..<dot]), availableVersion: String(words[1])))
        }
        return updates
    }

    /// zypper's table: `v | Repository | Name | Current Version | Available Version | Arch`.
    static func zypperTable(_ text: String) -> [PackageUpdate] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 6, cells[0] == "v" else { return nil }
            return PackageUpdate(name: cells[2], currentVersion: cells[3], availableVersion: cells[4])
        }
    }
}

import Foundation
import InventoryModel

/// Installed packages: dpkg's status file, else `rpm -qa`.
enum Packages: SingleSectionLinuxCollector {
    static let dpkgStatus = "/var/lib/dpkg/status"
    static let rpmLabel = "rpm"

    static let section = ProbeSection(
        name: "packages",
        script:
            "if [ -r \(dpkgStatus) ]; then part \(dpkgStatus); "
            // grep, not sed: the same lines, four times faster on a server's status file.
            + "grep -E '^(Package|Status|Version|Architecture):|^$' \(dpkgStatus) | head -c $ictaudit_cap; "
            + "elif command -v rpm >/dev/null; then part \(rpmLabel); "
            + "rpm -qa --qf '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\n' | head -c $ictaudit_cap; fi; true",
        source: "/var/lib/dpkg/status (else rpm -qa --qf NAME EPOCHNUM:VERSION-RELEASE ARCH INSTALLTIME)",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.packages = evidence.parts(section.name).flatMap(installed(from:))
    }

    /// dpkg status stanzas (installed ones only: `Status: install ok installed`), else rpm's lines.
    static func installed(from parts: LabelledParts) -> [InstalledPackage]? {
        if let status = parts[dpkgStatus] { return dpkg(status) }
        if let rpm = parts[rpmLabel] { return self.rpm(rpm) }
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
}

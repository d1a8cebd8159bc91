import Foundation
import InventoryModel

/// dm-crypt volumes: configured in `/etc/crypttab` or open now (device-mapper UUIDs `CRYPT-*`).
enum CryptTab: SingleSectionLinuxCollector {
    static let file = "/etc/crypttab"
    static let mappedLabel = "dm"

    static let section = ProbeSection(
        name: "disk-encryption",
        script:
            "if [ -r \(file) ]; then part \(file); grep -v '^[[:space:]]*#' \(file); fi; "
            + "part \(mappedLabel); for d in /sys/block/dm-*/dm; do if [ -r \"$d/uuid\" ]; then read -r u <\"$d/uuid\"; read -r n <\"$d/name\"; echo \"$n $u\"; fi; done; true",
        source: "/etc/crypttab; /sys/block/dm-*/dm/{name,uuid} (CRYPT-* is dm-crypt)",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.diskEncryption = evidence.parts(section.name).flatMap(diskEncryption(from:))
    }

    static func diskEncryption(from parts: LabelledParts) -> DiskEncryption? {
        guard parts[mappedLabel] != nil || parts[file] != nil else { return nil }
        var names = LinuxEvidence.lines(parts[file]).compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
        for line in LinuxEvidence.lines(parts[mappedLabel]) {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[1].hasPrefix("CRYPT-"), !names.contains(String(fields[0])) {
                names.append(String(fields[0]))
            }
        }
        return DiskEncryption(method: "dm-crypt", encrypted: names)
    }
}

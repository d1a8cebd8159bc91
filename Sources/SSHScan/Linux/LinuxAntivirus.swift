import Foundation
import InventoryModel

extension ProbeBatch {
    /// Lists which of the catalogue's Linux paths exist; running processes come from `services`.
    static func linuxAntivirusProbe(_ catalogue: AntivirusCatalogue) -> ProbeSection? {
        LinuxAntivirus.section(catalogue)
    }
}

/// Antivirus products other than those read in depth (ClamAV, Defender for Endpoint), found
/// through the catalogue: installed when one of its paths exists, running when one of its
/// processes runs. Its section depends on the catalogue, so the scanner adds it beside the
/// built-in ones.
enum LinuxAntivirus {
    static let sectionName = "antivirus-paths"

    static func section(_ catalogue: AntivirusCatalogue) -> ProbeSection? {
        let paths = catalogue.products.filter { $0.id != "clamav" }.flatMap { $0.linux?.paths ?? [] }
        guard !paths.isEmpty else { return nil }
        let words = paths.map { "'\($0)'" }.joined(separator: " ")
        return ProbeSection(
            name: sectionName, script: "for p in \(words); do if [ -e \"$p\" ]; then echo \"$p\"; fi; done; true",
            source: "existence of the antivirus catalogue's Linux paths")
    }

    /// A product a collector already read in depth keeps its facts; the catalogue adds whether its
    /// processes run.
    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        guard let catalogue = evidence.catalogue else { return }
        for found in products(paths: evidence[sectionName], running: evidence.services?.running, catalogue: catalogue) {
            if let index = facts.antivirus.firstIndex(where: { $0.product == found.product }) {
                facts.antivirus[index].running = facts.antivirus[index].running ?? found.running
            } else {
                facts.antivirus.append(found)
            }
        }
    }

    static func products(
        paths text: String?, running: Set<String>?, catalogue: AntivirusCatalogue
    ) -> [Antivirus] {
        guard let text else { return [] }
        let present = Set(LinuxEvidence.lines(text))
        return catalogue.products.compactMap { product in
            guard product.id != "clamav", let linux = product.linux,
                (linux.paths ?? []).contains(where: present.contains)
            else { return nil }
            // /proc/PID/comm keeps the first 15 bytes of a program name.
            let names = (linux.processes ?? []).map { String($0.utf8.prefix(15)) ?? $0 }
            let isRunning = running.map { set in names.contains(where: set.contains) }
            return Antivirus(product: product.name, installed: true, running: isRunning)
        }
    }
}

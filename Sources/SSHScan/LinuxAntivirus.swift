import Foundation
import InventoryModel

extension ProbeBatch {
    /// Lists which of the catalogue's Linux paths exist; running processes come from `services`.
    static func linuxAntivirusProbe(_ catalogue: AntivirusCatalogue) -> ProbeSection? {
        let paths = catalogue.products.filter { $0.id != "clamav" }.flatMap { $0.linux?.paths ?? [] }
        guard !paths.isEmpty else { return nil }
        let words = paths.map { "'\($0)'" }.joined(separator: " ")
        return ProbeSection(
            name: "antivirus-paths", script: "for p in \(words); do if [ -e \"$p\" ]; then echo \"$p\"; fi; done; true",
            source: "existence of the antivirus catalogue's Linux paths")
    }
}

/// Antivirus products other than ClamAV (which has its own deeper collector), found through the
/// catalogue: installed when one of its paths exists, running when one of its processes runs.
enum LinuxAntivirus {
    static func products(
        paths text: String?, running: Set<String>?, catalogue: AntivirusCatalogue
    ) -> [Antivirus] {
        guard let text else { return [] }
        let present = Set(LinuxPosture.lines(text))
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

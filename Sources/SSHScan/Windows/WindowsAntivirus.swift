import Foundation
import InventoryModel

/// Antivirus products: Security Center's entries (workstations), with Defender's own status merged
/// into its entry; on servers, where Security Center does not exist, Defender's status; and on
/// any host, the catalogue's products whose Windows services exist (a server with a third-party
/// product and Defender removed has neither of the first two). When every source failed, the
/// answer is unknown (`antivirusUnknown`), never "no antivirus".
///
/// Defender in passive mode (beside another product, or EDR block mode) scans on demand only: it
/// is not real-time protection, whatever `RealTimeProtectionEnabled` says.
enum WindowsAntivirus: WindowsCollector {
    static let servicesSection = "av-services"
    static let sections = [
        // Workstations only: Windows Server has no SecurityCenter2 namespace, and the cmdlet fails.
        ProbeSection(
            name: "antivirus",
            script:
                "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct|"
                + "%{[pscustomobject]@{Name=$_.displayName;State=$_.productState;Exe=$_.pathToSignedProductExe;Stamp=$_.timestamp}}|J",
            source: "root/SecurityCenter2 AntiVirusProduct"),
        ProbeSection(
            name: "defender",
            script:
                "$m=Get-MpComputerStatus;[pscustomobject]@{Version=$m.AMProductVersion;Service=$m.AMServiceEnabled;Enabled=$m.AntivirusEnabled;"
                + "RealTime=$m.RealTimeProtectionEnabled;Signatures=D $m.AntivirusSignatureLastUpdated;SignatureVersion=$m.AntivirusSignatureVersion;Mode=$m.AMRunningMode}|J",
            source: "Get-MpComputerStatus (MSFT_MpComputerStatus)"),
        ProbeSection(
            name: servicesSection,
            script:
                "@(Get-Service|%{\"service $($_.Name) $($_.Status)\"})+@(Get-Process|%{\"process $($_.ProcessName)\"})",
            source: "Get-Service (name, status); Get-Process (names)"),
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        let securityCenter = evidence.objects("antivirus")
        let defender = evidence.objects("defender")?.first
        let services = evidence.text(servicesSection).map(RunningPrograms.init)
        var products = antivirus(securityCenter: securityCenter, defender: defender, catalogue: evidence.catalogue)
        if let services, let catalogue = evidence.catalogue {
            for found in fromServices(services, catalogue: catalogue) where !products.contains(where: { $0.product == found.product }) {
                products.append(found)
            }
        }
        facts.antivirus = products
        if securityCenter == nil, defender == nil, services == nil { facts.antivirusUnknown = true }
    }

    /// Service names with their status, and process names, from the `av-services` section.
    struct RunningPrograms {
        var services: [String: String] = [:]
        var processes: Set<String> = []

        init(_ text: String) {
            for line in text.split(whereSeparator: \.isNewline) {
                let words = line.split(separator: " ")
                if words.count == 3, words[0] == "service" { services[words[1].lowercased()] = String(words[2]) }
                if words.count == 2, words[0] == "process" { processes.insert(words[1].lowercased()) }
            }
        }
    }

    /// Catalogue products (Defender aside: it has its own source) whose services exist; running
    /// when one of them runs or one of its processes does.
    static func fromServices(_ programs: RunningPrograms, catalogue: AntivirusCatalogue) -> [Antivirus] {
        catalogue.products.compactMap { product in
            guard product.id != "microsoft-defender", let windows = product.windows else { return nil }
            let services = (windows.services ?? []).map { $0.lowercased() }
            guard services.contains(where: { programs.services[$0] != nil }) else { return nil }
            let processes = (windows.processes ?? []).map { name in
                let lower = name.lowercased()
                return lower.hasSuffix(".exe") ? String(lower.dropLast(4)) : lower
            }
            let running = services.contains { programs.services[$0] == "Running" } || processes.contains(where: programs.processes.contains)
            return Antivirus(product: product.name, installed: true, running: running)
        }
    }

    /// `AMRunningMode`: `Normal`, `Passive Mode`, `SxS Passive Mode`, `EDR Block Mode`, `Not running`.
    static func isPassive(_ mode: String?) -> Bool {
        guard let mode = mode?.lowercased() else { return false }
        return mode.contains("passive") || mode.contains("edr block")
    }

    static func antivirus(
        securityCenter: [[String: Any]]?, defender: [String: Any]?, catalogue: AntivirusCatalogue?
    ) -> [Antivirus] {
        typealias E = WindowsEvidence
        let defenderName = catalogue?.products.first { $0.id == "microsoft-defender" }?.name ?? "Microsoft Defender"
        var products: [Antivirus] = []
        for entry in securityCenter ?? [] {
            guard let display = E.string(entry["Name"]) else { continue }
            let state = E.int(entry["State"]).map(ProductState.init)
            let name = catalogue?.product(windowsDisplayName: display)?.name ?? display
            products.append(
                Antivirus(
                    product: name, installed: true, running: state?.enabled, realTimeProtection: state?.enabled,
                    signaturesUpToDate: state?.signaturesUpToDate))
        }
        if let defender {
            let service = E.bool(defender["Service"])
            let realTime = isPassive(E.string(defender["Mode"])) ? false : E.bool(defender["RealTime"])
            let fromDefender = Antivirus(
                product: defenderName, version: E.string(defender["Version"]), installed: true,
                running: service.map { $0 && (E.bool(defender["Enabled"]) ?? false) }, realTimeProtection: realTime,
                signatureDate: E.date(defender["Signatures"]))
            if let index = products.firstIndex(where: { $0.product == defenderName }) {
                products[index].version = fromDefender.version
                products[index].signatureDate = fromDefender.signatureDate
            } else {
                products.append(fromDefender)
            }
        }
        return products
    }
}

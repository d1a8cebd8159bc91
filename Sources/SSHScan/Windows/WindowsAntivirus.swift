import Foundation
import InventoryModel

/// Antivirus products: Security Center's entries (workstations), with Defender's own status merged
/// into its entry; on servers, where Security Center does not exist, Defender's status alone.
enum WindowsAntivirus: WindowsCollector {
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
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        facts.antivirus = antivirus(
            securityCenter: evidence.objects("antivirus"), defender: evidence.objects("defender")?.first,
            catalogue: evidence.catalogue)
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
            let realTime = E.bool(defender["RealTime"])
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

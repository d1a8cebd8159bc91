import Foundation
import InventoryModel

/// Firmware and system identity from `/sys/class/dmi/id`, which any account can read.
enum DMIFirmware: SingleSectionLinuxCollector {
    static let directory = "/sys/class/dmi/id"

    // The leading newline is the one `part` would print before the first label.
    static let section = ProbeSection(
        name: "dmi",
        script:
            "d=\(directory); printf '\\n'; head -v -c $ictaudit_cap $d/bios_date $d/bios_vendor $d/sys_vendor $d/product_name",
        source: "/sys/class/dmi/id/{bios_date,bios_vendor,sys_vendor,product_name}", inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.hardware = evidence.parts(section.name).flatMap(hardware(from:))
    }

    /// `/sys/class/dmi/id/*`; the kernel prints the BIOS date as MM/DD/YYYY.
    static func hardware(from parts: LabelledParts) -> Hardware? {
        func value(_ file: String) -> String? {
            parts["\(directory)/\(file)"].flatMap(LinuxEvidence.firstLine)
        }
        let date = value("bios_date").flatMap(biosDate(from:))
        let hardware = Hardware(
            biosDate: date, biosVendor: value("bios_vendor"), systemVendor: value("sys_vendor"),
            productName: value("product_name"))
        return hardware == Hardware(biosDate: nil) ? nil : hardware
    }

    static func biosDate(from text: String) -> Date? {
        let fields = text.split(separator: "/")
        guard fields.count == 3, let month = Int(fields[0]), let day = Int(fields[1]), let year = Int(fields[2]) else {
            return nil
        }
        return CivilTime.date(year: year, month: month, day: day)
    }
}

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
        if var hardware = facts.hardware {
            hardware.hypervisor = hypervisor(of: hardware, cpuFlags: evidence["cpuinfo"].map(cpuFlags) ?? [])
            facts.hardware = hardware
        }
    }

    /// DMI names that only virtual platforms give, lower-cased, and the hypervisor each means.
    /// Proxmox and OpenStack run KVM (QEMU's "Standard PC" or "OpenStack Nova" with SeaBIOS).
    static let virtualNames: [(text: String, hypervisor: String)] = [
        ("qemu", "kvm"), ("kvm", "kvm"), ("seabios", "kvm"), ("standard pc (i440fx", "kvm"), ("standard pc (q35", "kvm"),
        ("openstack", "kvm"), ("proxmox", "kvm"), ("red hat enterprise virtualization", "kvm"), ("ovirt", "kvm"),
        ("bochs", "bochs"), ("nutanix", "kvm"), ("google compute engine", "kvm"), ("amazon ec2", "kvm"),
        ("vmware", "vmware"), ("virtualbox", "virtualbox"), ("innotek", "virtualbox"), ("xen", "xen"),
        ("parallels", "parallels"), ("virtual machine", "hyper-v"),
    ]

    /// The hypervisor a machine runs on, from its DMI names; failing those, the CPU's hypervisor
    /// flag (CPUID leaf 1, ECX bit 31), which physical CPUs never set, says "virtual" without a name.
    static func hypervisor(of hardware: Hardware, cpuFlags: Set<String>) -> String? {
        let names = [hardware.systemVendor, hardware.productName, hardware.biosVendor].compactMap { $0?.lowercased() }
        for (text, hypervisor) in virtualNames where names.contains(where: { $0.contains(text) }) {
            // Hyper-V's guests say "Microsoft Corporation" / "Virtual Machine"; other vendors'
            // product names that merely contain the words do not count.
            if hypervisor == "hyper-v", hardware.systemVendor?.lowercased().hasPrefix("microsoft") != true { continue }
            return hypervisor
        }
        return cpuFlags.contains("hypervisor") ? "unknown" : nil
    }

    /// The `flags` line of `/proc/cpuinfo` (x86), as a set.
    static func cpuFlags(_ cpuinfo: String) -> Set<String> {
        for line in cpuinfo.split(whereSeparator: \.isNewline) where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace).map(String.init))
        }
        return []
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

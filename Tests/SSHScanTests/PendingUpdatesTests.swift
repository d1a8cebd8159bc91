import Foundation
import InventoryModel
import SSHScan
import Testing

/// The `updates` section as real package managers answer it: a failed or absent tool, or lists
/// too old to trust, leave pending updates unknown (never "none"), and security updates are told
/// from the others where the tool can tell.
struct PendingUpdatesTests {
    /// The section as the batch prints it: the host's clock, the lists' times, then the tool parts.
    func updates(now: Int = 1_733_000_000, listsAgeDays: Int? = 1, _ tail: KeyValuePairs<String, String>) -> HostFacts {
        var text = "\n==> clock <==\n\(now)\n"
        if let listsAgeDays {
            text += "\n==> lists <==\n\(now - listsAgeDays * 86_400) /var/lib/apt/lists/x_InRelease\n\(now - 90 * 86_400) /old\n"
        }
        text += tail.map { "\n==> \($0.key) <==\n\($0.value)" }.joined()
        return facts(section("updates", text))
    }

    static let aptOutput = """
        Inst libssl3 [3.0.11-1~deb12u1] (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
        Inst tzdata [2024a-0+deb12u1] (2024b-0+deb12u1 Debian:12.8/stable [all])
        Inst linux-image-amd64 [6.1.90-1] (6.1.119-1 Ubuntu:22.04/jammy-security, Debian:12.8/stable [amd64])
        Conf libssl3 (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])

        """

    @Test("apt: updates from a -security suite are security updates; fresh lists make the answer trusted")
    func aptFresh() {
        let f = updates(["apt-get -s dist-upgrade": Self.aptOutput, "status 0": ""])
        #expect(f.pendingUpdates?.map(\.security) == [true, false, true])
        #expect(f.pendingUpdates?.first?.name == "libssl3")
        #expect(f.updateCheck?.status == .ok)
        #expect(f.updateCheck?.securityCount == 2)
        #expect(f.updateCheck?.listsUpdated == Date(timeIntervalSince1970: 1_733_000_000 - 86_400))
    }

    @Test("apt with lists 30 days old, or none at all: the answer is stale, pending updates unknown")
    func aptStale() {
        let old = updates(listsAgeDays: 30, ["apt-get -s dist-upgrade": "", "status 0": ""])
        #expect(old.pendingUpdates == nil)
        #expect(old.updateCheck?.status == .stale)
        let none = updates(listsAgeDays: nil, ["apt-get -s dist-upgrade": "", "status 0": ""])
        #expect(none.pendingUpdates == nil)
        #expect(none.updateCheck?.status == .stale)
    }

    @Test("dnf on an unregistered or offline RHEL (exit 1) is a failed check, not zero updates")
    func dnfFails() {
        let f = updates([
            "dnf check-update": "Error: Cache-only enabled but no cache for 'rhel-9-for-x86_64-baseos-rpms'\n", "status 1": "",
            "updateinfo security": "", "status 1": "",
        ])
        #expect(f.pendingUpdates == nil)
        #expect(f.updateCheck == UpdateCheck(
            tool: "dnf", status: .failed, exitCode: 1, listsUpdated: f.updateCheck?.listsUpdated, securityCount: nil))
    }

    @Test("dnf: the advisories name the security updates, when a repository publishes updateinfo")
    func dnfAdvisories() {
        let listing = "openssl.x86_64  1:3.0.7-25.el9_3  baseos\nkernel.x86_64  5.14.0-362.18.1.el9_3  baseos\ntzdata.noarch  2024a-1.el9  baseos\n"
        let advisories = "RHSA-2024:0310 Moderate/Sec. openssl-1:3.0.7-25.el9_3.x86_64\nRHSA-2024:0346 Important/Sec. kernel-5.14.0-362.18.1.el9_3.x86_64\n"
        let f = updates([
            "updateinfo repos": "/var/cache/dnf/baseos-1/repodata/repomd.xml\n",
            "dnf check-update": listing, "status 100": "", "updateinfo security": advisories, "status 0": "",
        ])
        #expect(f.pendingUpdates?.map(\.security) == [true, true, false])
        #expect(f.updateCheck?.securityCount == 2)
    }

    @Test("yum (RHEL/CentOS 7) without any repository publishing updateinfo: security is unknown, the list is kept")
    func yumWithoutAdvisories() {
        let f = updates([
            "updateinfo repos": "", "yum check-update": "bash.x86_64  4.2.46-35.el7_9  updates\n", "status 100": "",
            "updateinfo security": "", "status 0": "",
        ])
        #expect(f.pendingUpdates == [PackageUpdate(name: "bash", availableVersion: "4.2.46-35.el7_9")])
        #expect(f.updateCheck?.tool == "yum")
        #expect(f.updateCheck?.securityCount == nil)
    }

    @Test("zypper: needed security patches are counted; exit 106 (repositories skipped) is a failure")
    func zypper() {
        let patches = """
            Repository | Name         | Category    | Severity  | Interactive | Status     | Summary
            -----------+--------------+-------------+-----------+-------------+------------+--------
            Updates    | SUSE-2024-1  | security    | important | ---         | needed     | openssh
            Updates    | SUSE-2024-2  | security    | moderate  | ---         | applied    | curl
            Updates    | SUSE-2024-3  | recommended | low       | ---         | needed     | zypper

            """
        let f = updates(["zypper list-updates": "", "status 0": "", "zypper list-patches security": patches, "status 101": ""])
        #expect(f.pendingUpdates == [])
        #expect(f.updateCheck?.securityCount == 1)
        let skipped = updates(["zypper list-updates": "Warning: repos skipped\n", "status 106": ""])
        #expect(skipped.pendingUpdates == nil)
        #expect(skipped.updateCheck?.status == .failed)
    }

    @Test("apk (Alpine): name-version-rN split, every pending update counted as security")
    func apk() {
        let f = updates([
            "apk version -l <": "Installed:                                Available:\nbusybox-1.36.1-r5   < 1.36.1-r15\npy3-pip-23.1.2-r0  < 23.1.2-r1\n",
            "status 0": "",
        ])
        #expect(
            f.pendingUpdates == [
                PackageUpdate(name: "busybox", currentVersion: "1.36.1-r5", availableVersion: "1.36.1-r15"),
                PackageUpdate(name: "py3-pip", currentVersion: "23.1.2-r0", availableVersion: "23.1.2-r1"),
            ])
        #expect(f.updateCheck?.tool == "apk")
        #expect(f.updateCheck?.securityCount == 2)
    }

    @Test("no package manager at all: said so, and pending updates stay unknown")
    func noTool() {
        let f = updates(listsAgeDays: nil, ["no package manager": ""])
        #expect(f.pendingUpdates == nil)
        #expect(f.updateCheck?.status == .noTool)
    }
}

/// Virtual machines: the BIOS date of a guest is its hypervisor's firmware, not the machine's age.
struct VirtualMachineTests {
    func hardware(_ vendor: String, _ product: String, bios: String = "American Megatrends Inc.", flags: String = "fpu vme")
        -> Hardware?
    {
        let dmi = parts([
            "/sys/class/dmi/id/bios_date": "04/01/2014\n", "/sys/class/dmi/id/bios_vendor": bios + "\n",
            "/sys/class/dmi/id/sys_vendor": vendor + "\n", "/sys/class/dmi/id/product_name": product + "\n",
        ])
        return facts(section("dmi", dmi), section("cpuinfo", "processor\t: 0\nflags\t\t: \(flags)\n")).hardware
    }

    @Test("KVM/QEMU (Proxmox, OpenStack), VMware, Hyper-V and VirtualBox guests are named; a Dell server is physical")
    func names() {
        #expect(hardware("QEMU", "Standard PC (i440FX + PIIX, 1996)", bios: "SeaBIOS")?.hypervisor == "kvm")
        #expect(hardware("OpenStack Foundation", "OpenStack Nova", bios: "SeaBIOS")?.hypervisor == "kvm")
        #expect(hardware("VMware, Inc.", "VMware Virtual Platform", bios: "Phoenix Technologies LTD")?.hypervisor == "vmware")
        #expect(hardware("Microsoft Corporation", "Virtual Machine")?.hypervisor == "hyper-v")
        #expect(hardware("innotek GmbH", "VirtualBox")?.hypervisor == "virtualbox")
        #expect(hardware("Dell Inc.", "PowerEdge R640")?.hypervisor == nil)
        #expect(hardware("Acme", "Virtual Machine Appliance 9000")?.hypervisor == nil)
    }

    @Test("unknown DMI names with the CPU's hypervisor flag: virtual, hypervisor unnamed")
    func flagOnly() {
        #expect(hardware("Acme", "Box", flags: "fpu hypervisor vme")?.hypervisor == "unknown")
    }
}

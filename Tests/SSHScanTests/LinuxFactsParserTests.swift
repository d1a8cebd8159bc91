import Foundation
import InventoryModel
import ICTAuditTesting
import SSHScan
import Testing

/// Evidence as the Linux batch would return it.
func section(_ name: String, _ text: String) -> Evidence {
    Evidence(name: name, source: "recorded", content: Data(text.utf8), exitCode: 0)
}

/// A labelled multi-part section body, as the probe's `part` helper prints it.
func parts(_ pairs: KeyValuePairs<String, String>) -> String {
    pairs.map { "\n==> \($0.key) <==\n\($0.value)" }.joined()
}

func facts(_ sections: Evidence...) -> HostFacts { LinuxFactsParser.facts(from: sections) }

func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(
        from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
}

struct OSReleaseParsingTests {
    @Test("Ubuntu 22.04 os-release: quoted and bare values, ID_LIKE")
    func ubuntu() {
        let text = """
            PRETTY_NAME="Ubuntu 22.04.4 LTS"
            NAME="Ubuntu"
            VERSION_ID="22.04"
            VERSION="22.04.4 LTS (Jammy Jellyfish)"
            VERSION_CODENAME=jammy
            ID=ubuntu
            ID_LIKE=debian
            HOME_URL="https://www.ubuntu.com/"
            UBUNTU_CODENAME=jammy

            """
        #expect(
            facts(section("os-release", text)).os
                == OperatingSystem(
                    id: "ubuntu", idLike: ["debian"], name: "Ubuntu", prettyName: "Ubuntu 22.04.4 LTS",
                    versionID: "22.04"))
    }

    @Test("RHEL 9 os-release: quoted ID and multi-word ID_LIKE")
    func rhel() {
        let text = """
            NAME="Red Hat Enterprise Linux"
            VERSION="9.3 (Plow)"
            ID="rhel"
            ID_LIKE="fedora"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            PRETTY_NAME="Red Hat Enterprise Linux 9.3 (Plow)"
            ANSI_COLOR="0;31"
            """
        let os = facts(section("os-release", text)).os
        #expect(
            os
                == OperatingSystem(
                    id: "rhel", idLike: ["fedora"], name: "Red Hat Enterprise Linux",
                    prettyName: "Red Hat Enterprise Linux 9.3 (Plow)", versionID: "9.3"))
        #expect(os?.family == "rhel")
    }

    @Test("escapes, single quotes, comments, CRLF and a missing ID (which defaults to linux)")
    func quoting() {
        let text =
            "# comment\r\nNAME='Alpine \"Edge\"'\r\nPRETTY_NAME=\"A \\\"quoted\\\" \\$HOME \\\\ \\n name\"  # trailing\r\n"
            + "VERSION_ID=3.20\\ edge\r\nBROKEN LINE\r\n=novalue\r\n"
        #expect(
            facts(section("os-release", text)).os
                == OperatingSystem(
                    id: "linux", name: "Alpine \"Edge\"", prettyName: "A \"quoted\" $HOME \\ \\n name",
                    versionID: "3.20 edge"))
    }

    @Test("an empty or garbage os-release gives no OS at all")
    func garbage() {
        #expect(facts(section("os-release", "")).os == nil)
        #expect(facts(Evidence(name: "os-release", source: "x", content: Data([0xFF, 0xFE, 0x00]))).os == nil)
    }
}

struct SystemFactsParsingTests {
    @Test("hostname, kernel and uptime take the first line, trimmed")
    func simpleFiles() {
        let result = facts(
            section("hostname", "web01.bocongan.local\n"), section("kernel", "5.15.0-97-generic\n"),
            section("uptime", "350735.47 234388.90\n"))
        #expect(result.hostname == "web01.bocongan.local")
        #expect(result.kernel == "5.15.0-97-generic")
        #expect(result.uptimeSeconds == 350_735.47)
    }

    @Test("x86 cpuinfo: model name and one processor line per logical CPU")
    func cpuinfoX86() {
        let block = { (n: Int) in
            """
            processor\t: \(n)
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            model\t\t: 85
            model name\t: Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz
            stepping\t: 7
            cpu MHz\t\t: 2999.998
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep

            """
        }
        #expect(
            facts(section("cpuinfo", (0..<6).map(block).joined())).cpu
                == CPU(model: "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", logicalCores: 6))
    }

    @Test("Raspberry Pi cpuinfo: no model name, the Model line names the board")
    func cpuinfoARM() {
        let text = """
            processor\t: 0
            BogoMIPS\t: 108.00
            Features\t: fp asimd evtstrm crc32 cpuid
            CPU implementer\t: 0x41
            CPU part\t: 0xd08

            processor\t: 1
            BogoMIPS\t: 108.00

            Revision\t: c03114
            Serial\t\t: 10000000a1b2c3d4
            Model\t\t: Raspberry Pi 4 Model B Rev 1.4

            """
        #expect(facts(section("cpuinfo", text)).cpu == CPU(model: "Raspberry Pi 4 Model B Rev 1.4", logicalCores: 2))
    }

    @Test("meminfo kB are KiB; MemAvailable is optional (kernels before 3.14)")
    func meminfo() {
        let modern = "MemTotal:        8148092 kB\nMemFree:          912344 kB\nMemAvailable:    6532104 kB\n"
        #expect(
            facts(section("meminfo", modern)).memory == Memory(totalBytes: 8_343_646_208, availableBytes: 6_688_874_496)
        )
        let old = "MemTotal:        2052528 kB\nMemFree:          101232 kB\nBuffers:           23440 kB\n"
        #expect(facts(section("meminfo", old)).memory == Memory(totalBytes: 2_101_788_672, availableBytes: nil))
        #expect(facts(section("meminfo", "MemTotal: lots\n")).memory == nil)
    }

    @Test("DMI: MM/DD/YYYY as UTC midnight; an impossible date is unknown, the names stay")
    func dmi() {
        let text = parts([
            "/sys/class/dmi/id/bios_date": "06/05/2017\n",
            "/sys/class/dmi/id/bios_vendor": "American Megatrends Inc.\n",
            "/sys/class/dmi/id/sys_vendor": "Supermicro\n",
            "/sys/class/dmi/id/product_name": "X10SRi-F\n",
        ])
        #expect(
            facts(section("dmi", text)).hardware
                == Hardware(
                    biosDate: utc(2017, 6, 5), biosVendor: "American Megatrends Inc.", systemVendor: "Supermicro",
                    productName: "X10SRi-F"))
        let odd = parts(["/sys/class/dmi/id/bios_date": "02/30/2019\n", "/sys/class/dmi/id/sys_vendor": "QEMU\n"])
        #expect(facts(section("dmi", odd)).hardware == Hardware(biosDate: nil, systemVendor: "QEMU", hypervisor: "kvm"))
        // A container: /sys/class/dmi is absent, every part is empty.
        let none = parts(["/sys/class/dmi/id/bios_date": "", "/sys/class/dmi/id/bios_vendor": ""])
        #expect(facts(section("dmi", none)).hardware == nil)
    }
}

struct NetworkParsingTests {
    static let iproute2Addr = #"""
        1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
        1: lo    inet6 ::1/128 scope host noprefixroute \       valid_lft forever preferred_lft forever
        2: enp3s0    inet 192.168.10.25/24 brd 192.168.10.255 scope global dynamic noprefixroute enp3s0\       valid_lft 80012sec preferred_lft 80012sec
        2: enp3s0    inet6 fe80::3e7c:3fff:fe1d:22a0/64 scope link noprefixroute \       valid_lft forever preferred_lft forever
        4: wg0    inet 10.99.0.2 peer 10.99.0.1/32 scope global wg0\       valid_lft forever preferred_lft forever
        5: docker0    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\       valid_lft forever preferred_lft forever

        """#
    static let iproute2Link = #"""
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
        2: enp3s0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\    link/ether 3C:7C:3F:1D:22:A0 brd ff:ff:ff:ff:ff:ff
        3: wlp2s0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\    link/ether 9c:b6:d0:11:22:33 brd ff:ff:ff:ff:ff:ff permaddr 9c:b6:d0:11:22:34
        4: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\    link/none 
        5: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default \    link/ether 02:42:8a:1f:5c:01 brd ff:ff:ff:ff:ff:ff
        7: veth1a2b3c@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default \    link/ether 6e:0d:41:aa:bb:cc brd ff:ff:ff:ff:ff:ff link-netnsid 0

        """#

    @Test("iproute2 ip -o: link order, ether MACs lower-cased, CIDR addresses, peer and veth names")
    func iproute2() {
        let text = parts(["ip -o addr show": Self.iproute2Addr, "ip -o link show": Self.iproute2Link])
        #expect(
            facts(section("interfaces", text)).interfaces == [
                NetworkInterface(name: "lo", mac: nil, addresses: ["127.0.0.1/8", "::1/128"]),
                NetworkInterface(
                    name: "enp3s0", mac: "3c:7c:3f:1d:22:a0",
                    addresses: ["192.168.10.25/24", "fe80::3e7c:3fff:fe1d:22a0/64"]),
                NetworkInterface(name: "wlp2s0", mac: "9c:b6:d0:11:22:33", addresses: []),
                NetworkInterface(name: "wg0", mac: nil, addresses: ["10.99.0.2/32"]),
                NetworkInterface(name: "docker0", mac: "02:42:8a:1f:5c:01", addresses: ["172.17.0.1/16"]),
                NetworkInterface(name: "veth1a2b3c", mac: "6e:0d:41:aa:bb:cc", addresses: []),
            ])
    }

    @Test("busybox ip -o: the same records without state and group fields")
    func busybox() {
        let addr = #"""
            1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
            2: eth0    inet 192.168.1.1/24 brd 192.168.1.255 scope global br-lan\       valid_lft forever preferred_lft forever
            2: eth0    inet6 fd12:3456:789a::1/60 scope global noprefixroute \       valid_lft forever preferred_lft forever
            """#
        let link = #"""
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\    link/ether 94:83:c4:0a:1b:2c brd ff:ff:ff:ff:ff:ff
            """#
        #expect(
            facts(section("interfaces", parts(["ip -o addr show": addr, "ip -o link show": link]))).interfaces == [
                NetworkInterface(name: "lo", mac: nil, addresses: ["127.0.0.1/8"]),
                NetworkInterface(
                    name: "eth0", mac: "94:83:c4:0a:1b:2c", addresses: ["192.168.1.1/24", "fd12:3456:789a::1/60"]),
            ])
    }

    @Test("without ip there are no interfaces, and garbage lines are skipped")
    func noIP() {
        let text = parts(["ip -o addr show": "", "ip -o link show": "sh: ip: not found\n: : : inet\n"])
        #expect(facts(section("interfaces", text)).interfaces == [])
    }

    @Test("/proc/net/route: the up 0.0.0.0/0 route with the lowest metric, gateway decoded little-endian")
    func route() {
        let text = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            wlan0\t00000000\t0100A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
            eth0\t00000000\t01010A0A\t0003\t0\t0\t100\t00000000\t0\t0\t0
            eth0\t00010A0A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
            tun0\t00000000\t00000000\t0000\t0\t0\t1\t00000000\t0\t0\t0

            """
        #expect(facts(section("route", text)).defaultRoute == Route(gateway: "10.10.1.1", interface: "eth0"))
        #expect(facts(section("route", "Iface\tDestination\n")).defaultRoute == nil)
    }

    static let procNet = parts([
        "/proc/net/tcp": """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18231 1 0000000000000000 100 0 0 10 0
           1: 3500007F:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 19021 1 0000000000000000 100 0 0 10 5
           2: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   112        0 22101 1 0000000000000000 100 0 0 10 0
           3: 1901A8C0:0016 6401A8C0:D3A2 01 00000000:00000000 02:0009A3C1 00000000     0        0 412233 4 0000000000000000 20 4 29 10 -1
           4: 0100007F:0CEA 0100007F:A2C4 06 00000000:00000000 03:00000A1B 00000000     0        0 0 3 0000000000000000

        """,
        "/proc/net/tcp6": """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18242 1 0000000000000000 100 0 0 10 0
           1: 00000000000000000000000001000000:0CEA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   112        0 22102 1 0000000000000000 100 0 0 10 0
           2: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 30011 1 0000000000000000 100 0 0 10 0
           3: B80D0120000000000000000001000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 30012 1 0000000000000000 100 0 0 10 0

        """,
        "/proc/net/udp": """
           sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          331: 0100007F:0143 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 17604 2 0000000000000000 0
          412: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 19020 2 0000000000000000 0
          412: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 19022 2 0000000000000000 0
          874: 1901A8C0:A1F2 0101A8C0:0035 01 00000000:00000000 00:00000000 00000000   107        0 422871 2 0000000000000000 0

        """,
        "/proc/net/udp6": """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          331: 00000000000000000000000001000000:0143 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 17605 2 0000000000000000 0

        """,
    ])

    @Test("/proc/net: LISTEN TCP and unconnected UDP, IPv4 and IPv6 (mapped too), deduplicated and sorted")
    func listening() {
        #expect(
            facts(section("listening", Self.procNet)).listening == [
                ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
                ListeningSocket(proto: .tcp, address: "::", port: 22),
                ListeningSocket(proto: .tcp, address: "127.0.0.53", port: 53),
                ListeningSocket(proto: .tcp, address: "2001:db8::1", port: 443),
                ListeningSocket(proto: .tcp, address: "127.0.0.1", port: 3306),
                ListeningSocket(proto: .tcp, address: "::1", port: 3306),
                ListeningSocket(proto: .tcp, address: "::ffff:127.0.0.1", port: 8080),
                ListeningSocket(proto: .udp, address: "127.0.0.53", port: 53),
                ListeningSocket(proto: .udp, address: "127.0.0.1", port: 323),
                ListeningSocket(proto: .udp, address: "::1", port: 323),
            ])
    }
}

extension NetworkParsingTests {
    /// iproute2 6.1 (Debian 12): `0.0.0.0`, bracketed IPv6, `*` for a dual-stack socket, a
    /// `%iface` scope, the (empty) Process column heading.
    static let modernSS = parts([
        "ss -ltun -4": """
        Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess
        udp   UNCONN 0      0         127.0.0.53%lo:53        0.0.0.0:*
        udp   UNCONN 0      0           127.0.0.1:323         0.0.0.0:*
        tcp   LISTEN 0      4096    127.0.0.53%lo:53          0.0.0.0:*
        tcp   LISTEN 0      128           0.0.0.0:22          0.0.0.0:*
        tcp   LISTEN 0      80          127.0.0.1:3306        0.0.0.0:*

        """,
        "ss -ltun -6": """
        Netid State  Recv-Q Send-Q            Local Address:Port  Peer Address:PortProcess
        udp   UNCONN 0      0                         [::1]:323           [::]:*
        tcp   LISTEN 0      128                        [::]:22            [::]:*
        tcp   LISTEN 0      511                           *:80               *:*
        tcp   LISTEN 0      511   [2001:0db8:0:0:0:0:0:1]:443             *:*
        tcp   LISTEN 0      50         [::ffff:127.0.0.1]:8080            *:*
        tcp   LISTEN 0      5         [fe80::1%eth0]:631                  *:*

        """,
    ])

    /// iproute2 4.11 (RHEL 7): no brackets, and `*` is IPv4's any address.
    static let rhel7SS = parts([
        "ss -ltun -4": """
        Netid  State      Recv-Q Send-Q Local Address:Port               Peer Address:Port
        udp    UNCONN     0      0         *:68                    *:*
        udp    UNCONN     0      0      127.0.0.1:323                   *:*
        tcp    LISTEN     0      128       *:22                    *:*
        tcp    LISTEN     0      100    127.0.0.1:25                    *:*

        """,
        "ss -ltun -6": """
        Netid  State      Recv-Q Send-Q Local Address:Port               Peer Address:Port
        udp    UNCONN     0      0        ::1:323                  :::*
        tcp    LISTEN     0      128       :::22                   :::*
        tcp    LISTEN     0      100       ::1:25                   :::*

        """,
    ])

    @Test("ss (iproute2 6.1): LISTEN TCP and UNCONN UDP per family, scopes dropped, IPv6 written as /proc's")
    func modernSocketStatistics() {
        #expect(
            facts(section("listening", Self.modernSS)).listening == [
                ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
                ListeningSocket(proto: .tcp, address: "::", port: 22),
                ListeningSocket(proto: .tcp, address: "127.0.0.53", port: 53),
                ListeningSocket(proto: .tcp, address: "::", port: 80),
                ListeningSocket(proto: .tcp, address: "2001:db8::1", port: 443),
                ListeningSocket(proto: .tcp, address: "fe80::1", port: 631),
                ListeningSocket(proto: .tcp, address: "127.0.0.1", port: 3306),
                ListeningSocket(proto: .tcp, address: "::ffff:127.0.0.1", port: 8080),
                ListeningSocket(proto: .udp, address: "127.0.0.53", port: 53),
                ListeningSocket(proto: .udp, address: "127.0.0.1", port: 323),
                ListeningSocket(proto: .udp, address: "::1", port: 323),
            ])
    }

    @Test("ss (RHEL 7's iproute2 4.11): `*` in the IPv4 call is 0.0.0.0, `:::22` is IPv6's any address")
    func oldSocketStatistics() {
        #expect(
            facts(section("listening", Self.rhel7SS)).listening == [
                ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
                ListeningSocket(proto: .tcp, address: "::", port: 22),
                ListeningSocket(proto: .tcp, address: "127.0.0.1", port: 25),
                ListeningSocket(proto: .tcp, address: "::1", port: 25),
                ListeningSocket(proto: .udp, address: "0.0.0.0", port: 68),
                ListeningSocket(proto: .udp, address: "127.0.0.1", port: 323),
                ListeningSocket(proto: .udp, address: "::1", port: 323),
            ])
    }

    @Test("a family whose ss failed is read from /proc in the same section; both count, once each")
    func socketStatisticsWithTableFallback() {
        let mixed = parts([
            "ss -ltun -4": "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\ntcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n",
            "ss -ltun -6": "Cannot open netlink socket: Protocol not supported\n",
            "/proc/net/tcp6": """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 17610 1 0000000000000000 100 0 0 10 0

            """,
        ])
        #expect(
            facts(section("listening", mixed)).listening == [
                ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
                ListeningSocket(proto: .tcp, address: "::", port: 22),
            ])
    }
}

struct RobustnessTests {
    @Test("every section given random bytes parses without crashing into unknowns")
    func randomBytes() {
        var generator = SeededGenerator(seed: 0x1C7A_0D17)
        for round in 0..<200 {
            let sections = ProbeBatch.linuxProbes.map { probe in
                let count = Int.random(in: 0..<600, using: &generator)
                var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
                // Sprinkle the structure the parsers look for, so they get past their first check.
                if round % 2 == 0 {
                    bytes += Array("\n==> /proc/net/tcp <==\n 0: 0100007F:00 0A\n==> tools <==\nclamscan".utf8)
                    bytes += Array("\n==> ss -ltun -6 <==\ntcp LISTEN 0 1 [::1%lo]:99999 *:*\nudp UNCONN 0 0 *:\n".utf8)
                    bytes += Array("\n==> mdatp health <==\ndefinitions_updated : Feb 31, 2024 at 13:99:00 PM\n==> date <==\n-1 +9999".utf8)
                }
                return Evidence(name: probe.name, source: probe.source, content: Data(bytes))
            }
            let result = LinuxFactsParser.facts(from: sections)
            #expect(result.listening.allSatisfy { (0...65535).contains($0.port) })
        }
    }

    @Test("no sections at all is a host that told nothing")
    func nothing() {
        #expect(LinuxFactsParser.facts(from: []) == HostFacts())
    }
}

/// The package list is read byte by byte for speed; these prove it reads what dpkg wrote.
struct DpkgStatusParsingTests {
    @Test("installed stanzas only, with CRLF, padding, a missing field and no final newline")
    func installedPackages() {
        let status = [
            "Package: openssh-server", "Status: install ok installed", "Architecture: amd64",
            "Version: 1:9.2p1-2+deb12u2", "", "Package: telnet", "Status: deinstall ok config-files",
            "Architecture: amd64", "Version: 0.17+2.4-2", "", "Package:  sudo \r",
            "Status: install ok installed\r", "Version:\t1.9.13p3-1+deb12u1 \r", "\r",
            "Package: no-version", "Status: install ok installed", "", "", "Package: libc6",
            "Status: hold ok installed", "Version: 2.36-9+deb12u4",
        ].joined(separator: "\n")
        let found = facts(section("packages", parts(["/var/lib/dpkg/status": status]))).packages
        #expect(
            found == [
                InstalledPackage(name: "openssh-server", version: "1:9.2p1-2+deb12u2", architecture: "amd64"),
                InstalledPackage(name: "sudo", version: "1.9.13p3-1+deb12u1", architecture: nil),
                InstalledPackage(name: "libc6", version: "2.36-9+deb12u4", architecture: nil),
            ])
    }

    @Test("a package name with bytes that are not UTF-8 is kept, repaired, rather than dropped")
    func invalidUTF8() {
        var bytes = Data("\n==> /var/lib/dpkg/status <==\nPackage: caf".utf8)
        bytes.append(0xE9)
        bytes.append(contentsOf: Data("\nStatus: install ok installed\nVersion: 1\n".utf8))
        let found = LinuxFactsParser.facts(
            from: [Evidence(name: "packages", source: "recorded", content: bytes, exitCode: 0)]
        ).packages
        #expect(found == [InstalledPackage(name: "caf\u{FFFD}", version: "1", architecture: nil)])
    }
}

/// RHEL/CentOS 7 keep their update history in yum.log, whose lines carry no year.
struct YumLogTests {
    static func lastUpdate(_ line: String, today: String) -> Date? {
        facts(section("boot-update", parts(["/var/log/yum.log": line + "\n", "today": today + "\n"]))).lastUpdate
    }

    @Test("the year is the host's, or the one before for a day later in the year than today")
    func yearFromTheHost() {
        #expect(Self.lastUpdate("Mar 04 09:15:22 Updated: bash-4.2.46-35.el7_9.x86_64", today: "2025-06-01")
            == utc(2025, 3, 4, 9, 15, 22))
        #expect(Self.lastUpdate("Dec 30 23:10:01 Installed: clamav-0.103.11-1.el7.x86_64", today: "2025-01-05")
            == utc(2024, 12, 30, 23, 10, 1))
        #expect(Self.lastUpdate("Jun  1 08:00:00 Updated: kernel-3.10.0-1160.el7.x86_64", today: "2025-06-01")
            == utc(2025, 6, 1, 8, 0, 0))
    }

    @Test("without the host's date, or with a line that is not yum's, nothing is claimed")
    func unknown() {
        #expect(facts(section("boot-update", parts(["/var/log/yum.log": "Mar 04 09:15:22 Updated: x\n"]))).lastUpdate == nil)
        #expect(Self.lastUpdate("Erased: x", today: "2025-06-01") == nil)
        #expect(Self.lastUpdate("Feb 30 10:00:00 Updated: x", today: "2025-06-01") == nil)
    }
}

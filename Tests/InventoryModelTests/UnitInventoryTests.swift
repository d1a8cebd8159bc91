import Foundation
import InventoryModel
import Testing

/// The unit inventory joins scan and capture; each figure here is worked out by hand from the
/// small snapshot below.
struct UnitInventoryTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static let day = 86_400.0

    static func target(_ address: String, _ unit: String, name: String, role: ComputerRole? = nil) -> SSHTarget {
        SSHTarget(address: address, user: "audit", unit: unit, name: name, credential: .agent, role: role)
    }

    static func host(
        _ target: SSHTarget, status: HostStatus = .scanned, addresses: [String] = [], biosYearsAgo: Double? = nil,
        route: Bool = true, antivirus: [Antivirus] = [], listening: [(Int, String)] = [], osRole: String? = nil
    ) -> HostScan {
        guard status == .scanned else { return HostScan(target: target, status: status, startedAt: t0, durationSeconds: 1) }
        let facts = HostFacts(
            hostname: target.name, os: OperatingSystem(id: osRole == nil ? "debian" : "windows", role: osRole),
            interfaces: [NetworkInterface(name: "eth0", mac: nil, addresses: addresses + ["fe80::1/64"])],
            defaultRoute: route ? Route(gateway: "10.1.1.1", interface: "eth0") : nil,
            hardware: biosYearsAgo.map { Hardware(biosDate: t0.addingTimeInterval(-$0 * 365.25 * day)) },
            listening: listening.map { ListeningSocket(proto: .tcp, address: $0.1, port: $0.0) }, antivirus: antivirus)
        return HostScan(target: target, status: .scanned, startedAt: t0, durationSeconds: 1, facts: facts)
    }

    static func wire(_ ip: String, unit: String?, internet: UInt64 = 0, bytes: UInt64 = 100) -> WireHost {
        WireHost(
            ip: ip, unit: unit, firstSeen: t0, lastSeen: t0, bytesSent: bytes, bytesReceived: 0,
            internetBytes: unit == nil ? nil : internet)
    }

    /// Two units: `a` (10.1.1.0/24, declared 100 Mbit/s, 4 staff) and `b` (10.2.0.0/16, 2 staff);
    /// a capture of 4 one-minute intervals seeing unit `a` only.
    static func snapshot(complete: Bool = true, period: DateInterval? = nil) -> InventorySnapshot {
        let units = [
            Unit(
                id: "a", name: LocalizedText(vi: "A", en: "A"), staff: 4, declared: ["internet_bandwidth_mbps": 100],
                subnets: ["10.1.1.0/24"]),
            Unit(id: "b", name: LocalizedText(vi: "B", en: "B"), parent: "a", staff: 2, subnets: ["10.2.0.0/16"]),
        ]
        let fresh = Antivirus(
            product: "ClamAV", installed: true, realTimeProtection: true, signatureDate: t0.addingTimeInterval(-2 * day),
            licenseExpiry: t0.addingTimeInterval(300 * day))
        let stale = Antivirus(
            product: "ClamAV", installed: true, realTimeProtection: false, signatureDate: t0.addingTimeInterval(-40 * day))
        let hosts = [
            // a: a web server (services), a workstation, a host whose route is missing, one unreachable.
            host(target("10.1.1.10", "a", name: "web"), addresses: ["10.1.1.10/24"], biosYearsAgo: 2, antivirus: [fresh],
                 listening: [(22, "0.0.0.0"), (443, "0.0.0.0"), (5432, "127.0.0.1")]),
            host(target("10.1.1.20", "a", name: "ws"), addresses: ["10.1.1.20/24", "192.168.9.4/24"], biosYearsAgo: 7,
                 antivirus: [stale], listening: [(22, "0.0.0.0")]),
            host(target("10.1.1.30", "a", name: "quiet"), addresses: ["10.1.1.30/24"], route: false),
            host(target("10.1.1.40", "a", name: "gone"), status: .unreachable),
            // b: a Windows server by its edition; declared a workstation, though.
            host(target("10.2.3.4", "b", name: "win", role: .workstation), addresses: ["10.2.3.4/16"], biosYearsAgo: 1,
                 osRole: "server"),
            host(target("10.2.3.5", "b", name: "dc"), addresses: ["10.2.3.5/16"], osRole: "domain_controller"),
        ]
        let capture = WireCapture(
            source: "a.pcap", unit: "a", packets: 1000, complete: complete,
            note: complete ? nil : "stopped at packet 1000",
            hosts: [
                wire("10.1.1.10", unit: "a", internet: 5000), wire("10.1.1.20", unit: "a"),
                wire("10.1.1.99", unit: "a", internet: 70), wire("192.168.9.77", unit: nil),
                wire("203.0.113.5", unit: nil), wire("224.0.0.251", unit: nil),
            ],
            observations: [
                Observation(
                    kind: .antivirusUpdate, host: "10.1.1.99", peer: "198.51.100.1", proto: "dns",
                    detail: "ESET update.eset.com", firstSeen: t0, lastSeen: t0, packets: 2),
                Observation(
                    kind: .antivirusUpdate, host: "10.1.1.30", peer: "198.51.100.1", proto: "dns",
                    detail: "ClamAV database.clamav.net", firstSeen: t0, lastSeen: t0, packets: 1),
            ],
            firstPacket: t0, lastPacket: t0.addingTimeInterval(240), expectedPeriod: period,
            bandwidth: WireBandwidth(
                intervalSeconds: 60, start: t0, intervals: 4,
                units: [
                    WireUnitTraffic(
                        unit: "a", addressesSeen: 3, internetIn: [600_000, 1_200_000, 0, 300_000],
                        internetOut: [60_000, 60_000, 60_000, 7_500_000], wanIn: [0, 0, 0, 0], wanOut: [0, 0, 0, 0],
                        wanPeers: []),
                    WireUnitTraffic(
                        unit: "b", addressesSeen: 0, internetIn: [0, 0, 0, 0], internetOut: [0, 0, 0, 0],
                        wanIn: [0, 0, 0, 0], wanOut: [0, 0, 0, 0], wanPeers: []),
                ]))
        return InventorySnapshot(
            inventoryName: "t", startedAt: t0, finishedAt: t0, units: units, hosts: hosts, captures: [capture])
    }

    @Test("Computers: role by inventory, OS edition, services; age within five years; Internet by route or traffic")
    func computers() throws {
        let inventories = UnitInventory.build(Self.snapshot())
        let a = try #require(inventories.first { $0.id == "a" })
        let roles = a.computerList.map { "\($0.name!):\($0.role.rawValue):\($0.roleBasis.rawValue)" }
        #expect(roles == ["web:server:services", "ws:workstation:no-services", "quiet:workstation:no-services", "gone:unknown:not-scanned"])
        #expect(a.computers.total == 4)
        #expect(a.computers.scanned == 3)
        #expect(a.computers.perStaff == 1.0)
        #expect(a.computers.withinAgeLimit == 1)
        #expect(a.computers.older == 1)
        #expect(a.computers.ageUnknown == 2)
        // web: route and public traffic; ws: route only; quiet: no route and no public traffic;
        // gone: not scanned, and its address sent nothing the capture saw.
        #expect(a.computerList.map(\.internet.connected) == [true, true, false, false])
        #expect(a.computerList[3].internet.defaultRoute == nil)
        #expect(a.computerList[0].internet.publicTraffic == true)
        #expect(a.computerList[1].internet.publicTraffic == false)
        #expect(a.computers.internetConnected == 2)
        #expect(a.computers.internetShare == 0.5)
        let b = try #require(inventories.first { $0.id == "b" })
        #expect(b.computerList.map(\.role) == [.workstation, .server])
        #expect(b.computerList.map(\.roleBasis) == [.declared, .operatingSystem])
        #expect(b.subordinates.isEmpty)
        #expect(a.subordinates == ["b"])
    }

    @Test("Age: a virtual machine has none (not in the share) unless the inventory declares a purchase date, which also overrides a BIOS date")
    func virtualMachinesAndPurchaseDates() throws {
        var snapshot = Self.snapshot()
        func virtual(_ host: HostScan, biosYearsAgo: Double = 11) -> HostScan {
            var h = host
            h.facts?.hardware = Hardware(biosDate: Self.t0.addingTimeInterval(-biosYearsAgo * 365.25 * Self.day), hypervisor: "kvm")
            return h
        }
        var purchasedVM = Self.target("10.2.3.6", "b", name: "vm-declared")
        purchasedVM.purchased = Self.t0.addingTimeInterval(-3 * 365.25 * Self.day)  // 3 years: within
        var purchasedOld = Self.target("10.2.3.7", "b", name: "old-board")
        purchasedOld.purchased = Self.t0.addingTimeInterval(-6 * 365.25 * Self.day)  // 6 years, though its BIOS says 1
        snapshot.hosts[4] = virtual(snapshot.hosts[4])  // win: a KVM guest whose SeaBIOS says 11 years
        snapshot.hosts += [
            virtual(Self.host(purchasedVM, addresses: ["10.2.3.6/16"])),
            Self.host(purchasedOld, addresses: ["10.2.3.7/16"], biosYearsAgo: 1),
        ]
        let b = try #require(UnitInventory.build(snapshot).first { $0.id == "b" })
        #expect(b.computerList.map(\.ageClass) == [.virtual, .unknown, .withinLimit, .older])
        #expect(b.computerList.map(\.hardwareDateOrigin) == [nil, nil, .declared, .declared])
        #expect(b.computerList[0].ageYears == nil && b.computerList[0].hardwareDate == nil)
        #expect(abs((b.computerList[2].ageYears ?? 0) - 3) < 1e-9)
        // 4 computers, one virtual with no date: the share is 1 within of the 3 others.
        #expect(b.computers.virtualMachines == 1)
        #expect(b.computers.withinAgeLimit == 1 && b.computers.older == 1 && b.computers.ageUnknown == 1)
        #expect(b.computers.withinAgeLimitShare == 1.0 / 3)
        // A physical computer's age still comes from its BIOS date, marked measured.
        let a = try #require(UnitInventory.build(snapshot).first { $0.id == "a" })
        #expect(a.computerList[0].hardwareDateOrigin == .measured && a.computerList[0].ageClass == .withinLimit)
    }

    @Test("Antivirus: a host where every antivirus source failed counts as unknown, not as without antivirus")
    func antivirusUnknown() throws {
        var snapshot = Self.snapshot()
        snapshot.hosts[2].facts?.antivirusUnknown = true  // quiet: no antivirus found, sources failed
        let a = try #require(UnitInventory.build(snapshot).first { $0.id == "a" })
        #expect(a.computerList[2].antivirus.installed == nil)
        #expect(a.computerList[2].antivirus.realTime == nil && a.computerList[2].antivirus.signaturesFresh == nil)
        // Before: web and ws installed, quiet without, gone unknown. Now quiet is unknown too.
        #expect(a.antivirus.without == 0)
        #expect(a.antivirus.unknown == 2)
        #expect(a.antivirus.installed == 2)
        // A host whose sources failed but where a product was still found keeps it.
        var found = Self.snapshot()
        found.hosts[0].facts?.antivirusUnknown = true
        let a2 = try #require(UnitInventory.build(found).first { $0.id == "a" })
        #expect(a2.computerList[0].antivirus.installed == true)
    }

    @Test("LAN: managed, wire-only and silent addresses per segment; a segment seen only on an interface")
    func lan() throws {
        let a = try #require(UnitInventory.build(Self.snapshot()).first { $0.id == "a" })
        let declared = try #require(a.lan.segments.first { $0.subnet == "10.1.1.0/24" })
        #expect(declared.source == .declared)
        #expect(declared.managed.map(\.address) == ["10.1.1.10", "10.1.1.20"])
        #expect(declared.wireOnly.map(\.address) == ["10.1.1.99"])
        #expect(declared.wireOnly[0].antivirusUpdates == ["ESET update.eset.com"])
        // "gone" was never scanned, but its inventory address is on the segment and was not seen.
        #expect(declared.silent.map(\.address) == ["10.1.1.30", "10.1.1.40"])
        #expect(declared.servers == 1)
        let interface = try #require(a.lan.segments.first { $0.subnet == "192.168.9.0/24" })
        #expect(interface.source == .interface)
        #expect(interface.wireOnly.map(\.address) == ["192.168.9.77"])
        #expect(interface.silent.map(\.address) == ["192.168.9.4"])
        #expect(a.lan.hasOwnLAN)
        #expect(a.lan.unplaced.isEmpty)
        #expect((a.lan.managedSeen, a.lan.wireOnly, a.lan.silent) == (2, 2, 3))
    }

    @Test("Antivirus coverage counts managed computers and wire-only hosts seen fetching updates")
    func antivirus() throws {
        let a = try #require(UnitInventory.build(Self.snapshot()).first { $0.id == "a" }).antivirus
        #expect(a.computers == 4)
        #expect(a.installed == 2)
        #expect(a.realTime == 1)
        #expect(a.upToDate == 1)
        #expect(a.licensed == 1)
        #expect(a.protected == 1)
        #expect(a.without == 1)
        #expect(a.unknown == 1)
        #expect(a.withoutButUpdating == 1)  // "quiet" fetches ClamAV updates with none found
        #expect(a.wireOnlyUpdating == ["10.1.1.99"])
        #expect(a.installedShare == 0.5)
    }

    @Test("Link figures: mean, peak, 95th percentile per direction, utilisation and per staff, by hand")
    func link() throws {
        let internet = try #require(UnitInventory.build(Self.snapshot()).first { $0.id == "a" }?.link(.internet))
        let m = try #require(internet.measured)
        // In: 600 kB, 1.2 MB, 0, 300 kB per minute => peak 1.2e6*8/60 = 160 kbit/s; p95 of 4 is the 4th.
        #expect(m.inbound.bytes == 2_100_000)
        #expect(m.inbound.peakBitsPerSecond == 160_000)
        #expect(m.inbound.p95BitsPerSecond == 160_000)
        #expect(m.inbound.meanBitsPerSecond == 2_100_000 * 8 / 240)
        // Out: 7.5 MB in the last minute => 1 Mbit/s, the busier direction.
        #expect(m.outbound.p95BitsPerSecond == 1_000_000)
        #expect(internet.utilisation == 0.01)
        #expect(internet.contractedPerStaffMbps == 25)
        #expect(internet.measuredPerStaffMbps == 0.25)
        let b = try #require(UnitInventory.build(Self.snapshot()).first { $0.id == "b" })
        #expect(b.coverage.state == .none)
        #expect(b.link(.internet)?.measured == nil)
        #expect(b.computerList.allSatisfy { $0.seenOnWire == nil })
        #expect(b.lan.segments.allSatisfy { $0.seen == nil && $0.silent.isEmpty })
    }

    @Test("Servers and their services by kind; loopback-only services do not count")
    func servers() throws {
        let a = try #require(UnitInventory.build(Self.snapshot()).first { $0.id == "a" }).servers
        #expect(a.count == 1)
        #expect(a.services.map(\.kind) == [.ssh, .web])
        #expect(a.services.first { $0.kind == .web }?.ports == [443])
    }

    @Test("Coverage: a truncated capture or one covering part of its period is partial, never zero")
    func coverage() throws {
        let full = try #require(UnitInventory.build(Self.snapshot()).first { $0.id == "a" }).coverage
        #expect(full.state == .full)
        #expect(full.coveredSeconds == 240)
        #expect(full.addressesSeen == 4)
        let truncated = try #require(UnitInventory.build(Self.snapshot(complete: false)).first { $0.id == "a" }).coverage
        #expect(truncated.state == .partial)
        #expect(truncated.notes.first?.en.contains("stopped early") == true)
        let hour = DateInterval(start: Self.t0, duration: 3600)
        let part = try #require(UnitInventory.build(Self.snapshot(period: hour)).first { $0.id == "a" }).coverage
        #expect(part.state == .partial)
        #expect(part.expectedSeconds == 3600)
        #expect(part.notes.first?.en.contains("7%") == true)
        let none = try #require(UnitInventory.build(Self.snapshot()).first { $0.id == "b" }).coverage
        #expect(none.state == .none)
        #expect(none.notes.first?.en.contains("not zero") == true)
    }

    @Test("A stored scan decodes and rebuilds the same inventory")
    func roundTrip() throws {
        let snapshot = Self.snapshot()
        let data = try JSONEncoder().encode(snapshot)
        let decoded = try JSONDecoder().decode(InventorySnapshot.self, from: data)
        #expect(UnitInventory.build(decoded) == UnitInventory.build(snapshot))
    }

    @Test("Addresses and subnets parse both families; overlap is detected")
    func networks() throws {
        #expect(IPNetwork("10.1.1.7/24")?.description == "10.1.1.0/24")
        #expect(IPNetwork("2001:db8:1::5/48")?.description == "2001:db8:1::/48")
        #expect(IPNetwork("10.1.1.0/33") == nil)
        #expect(IPNetwork("10.0.0.0/8")!.overlaps(IPNetwork("10.1.0.0/16")!))
        #expect(!IPNetwork("10.1.0.0/16")!.overlaps(IPNetwork("10.2.0.0/16")!))
        #expect(IPAddress("::ffff:10.0.0.1") == IPAddress("10.0.0.1"))
        #expect(IPAddress("203.0.113.5")!.isPublic)
        #expect(!IPAddress("100.64.1.1")!.isPublic)
        #expect(!IPAddress("fd00::1")!.isPublic)
        #expect(IPAddress("2001:db8::1")!.isPublic)
        var index = SubnetIndex<String>()
        index.insert(IPNetwork("10.0.0.0/8")!, "wide")
        index.insert(IPNetwork("10.1.0.0/16")!, "narrow")
        #expect(index.lookup(IPAddress("10.1.2.3")!) == "narrow")
        #expect(index.lookup(IPAddress("10.9.2.3")!) == "wide")
        #expect(index.lookup(IPAddress("11.0.0.1")!) == nil)
    }
}

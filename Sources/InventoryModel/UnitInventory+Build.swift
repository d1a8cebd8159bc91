import Foundation

extension UnitInventory {
    /// The thresholds the figures are counted against.
    public struct Options: Sendable, Hashable {
        /// Antivirus signatures at most this many days old at scan time are up to date.
        public var maxSignatureAgeDays: Double
        /// Hardware at most this many years old counts as recent (the ministry's five years).
        public var hardwareMaxAgeYears: Double
        /// A capture covering less than this share of its expected period is partial.
        public var fullCoverageShare: Double

        public init(maxSignatureAgeDays: Double = 7, hardwareMaxAgeYears: Double = 5, fullCoverageShare: Double = 0.99) {
            self.maxSignatureAgeDays = maxSignatureAgeDays
            self.hardwareMaxAgeYears = hardwareMaxAgeYears
            self.fullCoverageShare = fullCoverageShare
        }
    }

    /// Every unit of the snapshot, in inventory order, built from the snapshot alone (hosts and the
    /// captures kept with it): a stored scan gives the same inventory as the audit that made it.
    ///
    /// Linear in hosts, wire hosts and intervals; addresses are placed in subnets through a
    /// ``SubnetIndex``, so the cost does not grow with the number of subnets.
    public static func build(_ snapshot: InventorySnapshot, options: Options = Options()) -> [UnitInventory] {
        UnitInventoryBuilder(snapshot: snapshot, options: options).build()
    }
}

/// The join behind ``UnitInventory/build(_:options:)``: one pass over hosts, one over what the
/// captures saw, then one unit at a time.
private struct UnitInventoryBuilder {
    let snapshot: InventorySnapshot
    let options: Options
    typealias Options = UnitInventory.Options

    /// A segment under construction.
    struct Segment {
        var network: IPNetwork
        var source: SegmentSource
        var managed: [String: SegmentAddress] = [:]
        var wireOnly: [String: WireOnlyHost] = [:]
        var silent: [SegmentAddress] = []
        var servers: Set<String> = []
        /// Every inventory computer with an address here, seen or not.
        var computers: Set<String> = []
    }

    struct Place: Sendable {
        var unit: Int
        var segment: Int
    }

    func build() -> [UnitInventory] {
        let units = uniqueUnits()
        let unitIndex = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var segments: [[Segment]] = units.map { unit in
            unit.subnets.compactMap { IPNetwork($0) }.map { Segment(network: $0, source: .declared) }
        }
        var index = SubnetIndex<Place>()
        for (u, list) in segments.enumerated() {
            for (s, segment) in list.enumerated() { index.insert(segment.network, Place(unit: u, segment: s)) }
        }
        let declaredIndex = index

        // Hosts: their LAN addresses, and segments their interfaces show that no unit declares.
        var hostsByUnit = [[HostScan]](repeating: [], count: units.count)
        var addressesByHost: [[(text: String, address: IPAddress)]] = []
        var ownerOfAddress: [IPAddress: (endpoint: String, unit: Int)] = [:]
        for host in snapshot.hosts {
            guard let u = unitIndex[host.target.unit] else { continue }
            hostsByUnit[u].append(host)
        }
        for (u, hosts) in hostsByUnit.enumerated() {
            for host in hosts {
                let addresses = Self.lanAddresses(of: host)
                addressesByHost.append(addresses.map { ($0.text, $0.address) })
                for (_, address, network) in addresses {
                    if ownerOfAddress[address] == nil { ownerOfAddress[address] = (host.target.endpoint, u) }
                    guard let network, declaredIndex.lookup(address) == nil, index.lookup(address) == nil else { continue }
                    segments[u].append(Segment(network: network, source: .interface))
                    index.insert(network, Place(unit: u, segment: segments[u].count - 1))
                }
            }
        }

        // What the wire showed: addresses per segment, antivirus updates, Internet bytes.
        var updatesByAddress: [IPAddress: Set<String>] = [:]
        for capture in snapshot.captures {
            for o in capture.observations where o.kind == .antivirusUpdate {
                guard let address = IPAddress(o.host) else { continue }
                updatesByAddress[address, default: []].insert(o.detail ?? o.peer)
            }
        }
        var seen: [IPAddress: UInt64] = [:]  // address → Internet bytes
        var coveredByCapture = [[Int]](repeating: [], count: units.count)  // capture indices per unit
        for (c, capture) in snapshot.captures.enumerated() {
            var unitsSeen = Set<Int>()
            for wire in capture.hosts where wire.scope == "unicast" {
                guard let address = IPAddress(wire.ip), address.isHostUnicast, let place = index.lookup(address) else {
                    continue
                }
                unitsSeen.insert(place.unit)
                seen[address, default: 0] &+= wire.internetBytes ?? 0
                if let owner = ownerOfAddress[address] {
                    segments[place.unit][place.segment].managed[wire.ip] = SegmentAddress(
                        address: wire.ip, endpoint: owner.endpoint)
                } else if var known = segments[place.unit][place.segment].wireOnly[wire.ip] {
                    known.bytes &+= wire.bytesSent &+ wire.bytesReceived
                    known.internetBytes = wire.internetBytes.map { $0 &+ (known.internetBytes ?? 0) } ?? known.internetBytes
                    known.names = Array(Set(known.names + wire.names)).sorted()
                    known.mac = known.mac ?? wire.mac
                    known.vendor = known.vendor ?? wire.vendor
                    known.osGuess = known.osGuess ?? wire.osGuess
                    segments[place.unit][place.segment].wireOnly[wire.ip] = known
                } else {
                    segments[place.unit][place.segment].wireOnly[wire.ip] = WireOnlyHost(
                        address: wire.ip, mac: wire.mac, vendor: wire.vendor, names: wire.names.sorted(),
                        osGuess: wire.osGuess, antivirusUpdates: updatesByAddress[address].map { $0.sorted() } ?? [],
                        internetBytes: wire.internetBytes, bytes: wire.bytesSent &+ wire.bytesReceived)
                }
            }
            for traffic in capture.bandwidth?.units ?? [] where traffic.addressesSeen > 0 {
                if let u = unitIndex[traffic.unit] { unitsSeen.insert(u) }
            }
            for u in unitsSeen.sorted() { coveredByCapture[u].append(c) }
        }

        var subordinates = [[String]](repeating: [], count: units.count)
        for unit in units { if let p = unit.parent, let i = unitIndex[p] { subordinates[i].append(unit.id) } }

        var result: [UnitInventory] = []
        result.reserveCapacity(units.count)
        var hostCursor = 0
        for (u, unit) in units.enumerated() {
            let hosts = hostsByUnit[u]
            let addresses = Array(addressesByHost[hostCursor..<(hostCursor + hosts.count)])
            hostCursor += hosts.count
            let coverage = self.coverage(of: unit, captures: coveredByCapture[u], segments: segments[u], seen: seen)
            let measured = coverage.isMeasured
            var computers: [Computer] = []
            computers.reserveCapacity(hosts.count)
            var unplaced: [String] = []
            for (host, known) in zip(hosts, addresses) {
                let placed = known.filter { index.lookup($0.address)?.unit == u }
                if placed.isEmpty { unplaced.append(host.target.endpoint) }
                let computer = self.computer(
                    host, addresses: known.map(\.text),
                    seenOnWire: measured && !placed.isEmpty ? placed.contains { seen[$0.address] != nil } : nil,
                    publicTraffic: measured && !placed.isEmpty ? placed.contains { (seen[$0.address] ?? 0) > 0 } : nil,
                    updating: known.contains { updatesByAddress[$0.address] != nil })
                if measured {
                    for a in placed where seen[a.address] == nil {
                        let place = index.lookup(a.address)!
                        segments[u][place.segment].silent.append(SegmentAddress(address: a.text, endpoint: host.target.endpoint))
                    }
                }
                for a in placed {
                    let s = index.lookup(a.address)!.segment
                    segments[u][s].computers.insert(host.target.endpoint)
                    if computer.role == .server { segments[u][s].servers.insert(host.target.endpoint) }
                }
                computers.append(computer)
            }
            result.append(
                inventory(
                    of: unit, hosts: hosts, subordinates: subordinates[u], computers: computers, segments: segments[u],
                    unplaced: unplaced, coverage: coverage, captures: coveredByCapture[u].map { snapshot.captures[$0] }))
        }
        for u in result.indices {
            let members = [u] + result[u].subordinates.compactMap { unitIndex[$0] }
            guard members.contains(where: { result[$0].coverage.isMeasured }) else { continue }
            let connected = members.filter { result[$0].coverage.isMeasured && !(result[$0].link(.wan)?.peers.isEmpty ?? true) }
            result[u].wanConnectedShare = Double(connected.count) / Double(members.count)
        }
        return result
    }

    private func uniqueUnits() -> [Unit] {
        var seen = Set<String>()
        return snapshot.units.filter { seen.insert($0.id).inserted }
    }

    /// Unicast, non-loopback, non-link-local addresses of a host, with the network each
    /// interface address belongs to; the inventory address when the host told none.
    static func lanAddresses(of host: HostScan) -> [(text: String, address: IPAddress, network: IPNetwork?)] {
        var out: [(String, IPAddress, IPNetwork?)] = []
        var taken = Set<IPAddress>()
        func add(_ text: String, network: IPNetwork?) {
            guard let address = IPAddress(text), address.isHostUnicast, !Self.isLinkLocal(address),
                taken.insert(address).inserted
            else { return }
            out.append((text, address, network))
        }
        for interface in host.facts?.interfaces ?? [] {
            for cidr in interface.addresses {
                let text = String(cidr.split(separator: "/").first ?? "")
                add(text, network: IPNetwork(cidr).flatMap { $0.prefixLength == ($0.network.isIPv4 ? 32 : 128) ? nil : $0 })
            }
        }
        for socket in host.facts?.listening ?? [] { add(socket.address, network: nil) }
        add(host.target.address, network: nil)
        return out
    }

    static func isLinkLocal(_ a: IPAddress) -> Bool {
        a.isIPv4 ? UInt32(truncatingIfNeeded: a.low) >> 16 == 0xA9FE : a.high >> 54 == 0x3FA
    }

    // MARK: One computer

    func computer(_ host: HostScan, addresses: [String], seenOnWire: Bool?, publicTraffic: Bool?, updating: Bool) -> Computer {
        let facts = host.status == .scanned ? host.facts : nil
        let services = Self.services(of: facts)
        let (role, basis) = Self.role(of: host, facts: facts, services: services)
        // Age: from the purchase date the inventory declares, else the BIOS date of physical
        // hardware. A virtual machine's BIOS date is its hypervisor's firmware: no age unless declared.
        let isVirtual = facts?.hardware?.hypervisor != nil
        let hardwareDate = host.target.purchased ?? (isVirtual ? nil : facts?.hardware?.biosDate)
        let ageYears = hardwareDate.map { host.startedAt.timeIntervalSince($0) / (365.25 * 86_400) }
        let ageClass: AgeClass =
            ageYears.map { $0 <= options.hardwareMaxAgeYears ? .withinLimit : .older } ?? (isVirtual ? .virtual : .unknown)
        let installed = (facts?.antivirus ?? []).filter(\.installed)
        // Every source of antivirus facts failed and none was found: unknown, not "none".
        let avFacts = facts?.antivirusUnknown == true && installed.isEmpty ? nil : facts
        let youngest = installed.compactMap(\.signatureDate).max()
        let signatureAge = youngest.map { host.startedAt.timeIntervalSince($0) / 86_400 }
        let expiries = installed.compactMap(\.licenseExpiry)
        let antivirus = ComputerAntivirus(
            products: installed.map(\.product).sorted(),
            installed: avFacts.map { _ in !installed.isEmpty },
            realTime: avFacts.map { _ in installed.contains { $0.realTimeProtection == true } },
            signatureAgeDays: signatureAge,
            signaturesFresh: avFacts.map { _ in installed.contains { $0.isFresh(at: host.startedAt, maxAgeDays: options.maxSignatureAgeDays) } },
            licensed: expiries.isEmpty ? nil : expiries.contains { $0 > host.startedAt },
            seenUpdating: updating)
        var computer = Computer(
            endpoint: host.target.endpoint, name: host.target.name, hostname: facts?.hostname, status: host.status,
            role: role, roleBasis: basis, osFamily: facts?.os?.family, osName: facts?.os?.prettyName ?? facts?.os?.name,
            lanAddresses: addresses, hardwareDate: hardwareDate, ageYears: ageYears, ageClass: ageClass,
            internet: InternetAccess(defaultRoute: facts.map { $0.defaultRoute != nil }, publicTraffic: publicTraffic),
            seenOnWire: seenOnWire, antivirus: antivirus, services: services)
        computer.hardwareDateOrigin = hardwareDate == nil ? nil : host.target.purchased != nil ? .declared : .measured
        return computer
    }

    /// Kinds of the services a host offers on the network (loopback-only sockets left out).
    static func services(of facts: HostFacts?) -> [ServiceKind] {
        var kinds = Set<ServiceKind>()
        for socket in facts?.listening ?? [] {
            if let a = IPAddress(socket.address), isLoopback(a) { continue }
            if let kind = ServiceKind.of(port: socket.port, proto: socket.proto) { kinds.insert(kind) }
        }
        return kinds.sorted()
    }

    static func isLoopback(_ a: IPAddress) -> Bool {
        a.isIPv4 ? UInt32(truncatingIfNeeded: a.low) >> 24 == 127 : (a.high == 0 && a.low == 1)
    }

    /// ``ComputerRole``'s rule.
    static func role(of host: HostScan, facts: HostFacts?, services: [ServiceKind]) -> (ComputerRole, RoleBasis) {
        if let declared = host.target.role, declared != .unknown { return (declared, .declared) }
        guard let facts else { return (.unknown, .notScanned) }
        switch facts.os?.role {
        case "server", "domain_controller": return (.server, .operatingSystem)
        case "workstation": return (.workstation, .operatingSystem)
        default: break
        }
        if services.contains(where: { $0 != .ssh }) { return (.server, .services) }
        return (.workstation, .noServices)
    }

    // MARK: Coverage

    func coverage(of unit: Unit, captures: [Int], segments: [Segment], seen: [IPAddress: UInt64]) -> MeasurementCoverage {
        let addressesSeen = segments.reduce(0) { $0 + $1.managed.count + $1.wireOnly.count }
        guard !captures.isEmpty else {
            let why: LocalizedText =
                snapshot.captures.isEmpty
                ? LocalizedText(
                    vi: "Không có bản ghi lưu lượng nào trong lần kiểm tra: băng thông và máy ngoài danh mục chưa đo.",
                    en: "The audit has no capture: bandwidth and hosts outside the inventory are not measured.")
                : unit.subnets.isEmpty
                    ? LocalizedText(
                        vi: "Đơn vị không khai báo dải mạng (subnets) và không máy nào của đơn vị xuất hiện trong bản ghi: chưa đo.",
                        en: "The unit declares no subnets and none of its computers appears in the capture: not measured.")
                    : LocalizedText(
                        vi: "Bản ghi lưu lượng không thấy địa chỉ nào thuộc dải mạng của đơn vị: chưa đo, không phải bằng 0.",
                        en: "The capture saw no address of the unit's subnets: not measured, which is not zero traffic.")
            return MeasurementCoverage(
                state: .none, captures: [], from: nil, to: nil, coveredSeconds: 0, expectedSeconds: nil,
                addressesSeen: 0, notes: [why])
        }
        var notes: [LocalizedText] = []
        var from: Date?
        var to: Date?
        var covered = 0.0
        var expected: Double? = 0
        var partial = false
        for c in captures {
            let capture = snapshot.captures[c]
            let first = capture.firstPacket ?? capture.bandwidth?.start
            let last =
                capture.lastPacket
                ?? capture.bandwidth.map { $0.start.addingTimeInterval(Double($0.intervals) * $0.intervalSeconds) }
            if let first { from = min(from ?? first, first) }
            if let last { to = max(to ?? last, last) }
            let span = first.flatMap { f in last.map { $0.timeIntervalSince(f) } } ?? 0
            if !capture.complete {
                partial = true
                notes.append(
                    LocalizedText(
                        vi: "Bản ghi \(capture.source) dừng sớm (\(capture.note ?? "không đọc hết")): chỉ tính phần đã đọc.",
                        en: "Capture \(capture.source) stopped early (\(capture.note ?? "not read to the end")): only what was read counts."))
            }
            if let period = capture.expectedPeriod {
                expected = expected.map { $0 + period.duration }
                let overlap = first.flatMap { f in last.map { l in DateInterval(start: f, end: max(f, l)) } }
                    .flatMap { $0.intersection(with: period) }?.duration ?? 0
                covered += overlap
                if overlap < period.duration * options.fullCoverageShare {
                    partial = true
                    let share = period.duration > 0 ? Int((100 * overlap / period.duration).rounded()) : 0
                    notes.append(
                        LocalizedText(
                            vi: "Bản ghi \(capture.source) chỉ phủ \(share)% khoảng thời gian cần đo.",
                            en: "Capture \(capture.source) covers only \(share)% of the period it was meant to measure."))
                }
            } else {
                expected = nil
                covered += span
            }
            if capture.bandwidth == nil {
                partial = true
                notes.append(
                    LocalizedText(
                        vi: "Bản ghi \(capture.source) được lưu trước khi có chuỗi băng thông: băng thông chưa đo.",
                        en: "Capture \(capture.source) was stored before bandwidth series were kept: bandwidth not measured."))
            }
        }
        return MeasurementCoverage(
            state: partial ? .partial : .full, captures: captures.map { snapshot.captures[$0].source }, from: from, to: to,
            coveredSeconds: covered, expectedSeconds: expected, addressesSeen: addressesSeen, notes: notes)
    }

    // MARK: One unit

    func inventory(
        of unit: Unit, hosts: [HostScan], subordinates: [String], computers: [Computer], segments: [Segment], unplaced: [String],
        coverage: MeasurementCoverage, captures: [WireCapture]
    ) -> UnitInventory {
        let measured = coverage.isMeasured
        let lanSegments = segments.map { s in
            LANSegment(
                subnet: s.network.description, source: s.source,
                seen: measured ? !(s.managed.isEmpty && s.wireOnly.isEmpty) : nil,
                managed: s.managed.values.sorted { $0.address < $1.address },
                wireOnly: s.wireOnly.values.sorted { (IPAddress($0.address) ?? IPAddress(high: 0, low: 0)) < (IPAddress($1.address) ?? IPAddress(high: 0, low: 0)) },
                silent: s.silent.sorted { $0.address < $1.address }, servers: s.servers.count)
        }
        let lan = LANInventory(
            segments: lanSegments,
            hasOwnLAN: lanSegments.contains { !$0.managed.isEmpty || !$0.wireOnly.isEmpty || !$0.silent.isEmpty }
                || segments.contains { $0.source == .interface },
            managedSeen: lanSegments.reduce(0) { $0 + $1.managed.count },
            wireOnly: lanSegments.reduce(0) { $0 + $1.wireOnly.count },
            silent: lanSegments.reduce(0) { $0 + $1.silent.count }, unplaced: unplaced)

        let total = computers.count
        func share(_ n: Int) -> Double? { total > 0 ? Double(n) / Double(total) : nil }
        let within = computers.filter { $0.ageClass == .withinLimit }.count
        // Virtual machines have no hardware age: the share is of the other computers.
        let physical = total - computers.filter { $0.ageClass == .virtual }.count
        let connected = computers.filter { $0.internet.connected == true }.count
        var summary = ComputerSummary(
            total: total, scanned: computers.filter { $0.status == .scanned }.count,
            servers: computers.filter { $0.role == .server }.count,
            workstations: computers.filter { $0.role == .workstation }.count,
            roleUnknown: computers.filter { $0.role == .unknown }.count, withinAgeLimit: within,
            older: computers.filter { $0.ageClass == .older }.count,
            ageUnknown: computers.filter { $0.ageClass == .unknown }.count, internetConnected: connected,
            internetUnknown: computers.filter { $0.internet.connected == nil }.count,
            perStaff: unit.staff > 0 ? Double(total) / Double(unit.staff) : nil, withinAgeLimitShare: physical > 0 ? Double(within) / Double(physical) : nil,
            internetShare: share(connected))
        summary.virtualMachines = computers.filter { $0.ageClass == .virtual }.count

        let av = computers.map(\.antivirus)
        let wireOnlyUpdating = lanSegments.flatMap(\.wireOnly).filter { !$0.antivirusUpdates.isEmpty }.map(\.address)
        let antivirus = AntivirusCoverage(
            maxSignatureAgeDays: options.maxSignatureAgeDays, computers: total,
            installed: av.filter { $0.installed == true }.count, realTime: av.filter { $0.realTime == true }.count,
            upToDate: av.filter { $0.signaturesFresh == true }.count, licensed: av.filter { $0.licensed == true }.count,
            protected: av.filter { $0.installed == true && $0.realTime == true && $0.signaturesFresh == true && $0.licensed != false }
                .count,
            without: av.filter { $0.installed == false }.count, unknown: av.filter { $0.installed == nil }.count,
            withoutButUpdating: av.filter { $0.installed == false && $0.seenUpdating }.count,
            wireOnlyUpdating: wireOnlyUpdating)

        let servers = computers.filter { $0.role == .server }
        var byKind: [ServiceKind: (Int, Set<Int>)] = [:]
        for (host, computer) in zip(hosts, computers) where computer.role == .server {
            for kind in computer.services { byKind[kind, default: (0, [])].0 += 1 }
            for socket in (host.status == .scanned ? host.facts?.listening : nil) ?? [] {
                if let a = IPAddress(socket.address), Self.isLoopback(a) { continue }
                if let kind = ServiceKind.of(port: socket.port, proto: socket.proto) {
                    byKind[kind, default: (0, [])].1.insert(socket.port)
                }
            }
        }
        let dedicated = segments.filter {
            !$0.servers.isEmpty && $0.computers == $0.servers && (!measured || $0.wireOnly.isEmpty)
        }
        let onDedicated = Set(dedicated.flatMap(\.servers))
        var level = servers.isEmpty ? 0 : 1
        if servers.count >= 2, servers.allSatisfy({ $0.status == .scanned && $0.antivirus.installed == true }) {
            level = servers.allSatisfy { onDedicated.contains($0.endpoint) } ? 3 : 2
        }
        let serverSummary = ServerSummary(
            count: servers.count,
            services: byKind.map { ServiceCount(kind: $0.key, servers: $0.value.0, ports: $0.value.1.sorted()) }
                .sorted { ($1.servers, $0.kind) < ($0.servers, $1.kind) },
            endpoints: servers.map(\.endpoint), dedicatedSegments: dedicated.count, level: level)

        let links = LinkInventory.Kind.allCases.map { kind in
            link(kind, unit: unit, captures: captures, measured: measured)
        }
        return UnitInventory(
            id: unit.id, name: unit.name, parent: unit.parent, subordinates: subordinates, staff: unit.staff,
            computers: summary, computerList: computers, lan: lan, links: links, antivirus: antivirus,
            servers: serverSummary, coverage: coverage)
    }

    /// A link's figures: the captures' series for the unit, one after the other (captures taken at
    /// different times), at the first capture's interval; a capture at another interval is left out
    /// rather than mixed into the percentile.
    func link(_ kind: LinkInventory.Kind, unit: Unit, captures: [WireCapture], measured: Bool) -> LinkInventory {
        let contracted = unit.declared[kind.declaredKey]
        var interval: Double?
        var inbound: [UInt64] = []
        var outbound: [UInt64] = []
        var peers = Set<String>()
        for capture in captures {
            guard let bandwidth = capture.bandwidth, let traffic = bandwidth.units.first(where: { $0.unit == unit.id })
            else { continue }
            if interval == nil { interval = bandwidth.intervalSeconds }
            guard interval == bandwidth.intervalSeconds else { continue }
            switch kind {
            case .internet:
                inbound += traffic.internetIn
                outbound += traffic.internetOut
            case .wan:
                inbound += traffic.wanIn
                outbound += traffic.wanOut
                peers.formUnion(traffic.wanPeers)
            }
        }
        var measurement: LinkMeasurement?
        if measured, let interval, !inbound.isEmpty || !outbound.isEmpty {
            let count = max(inbound.count, outbound.count)
            measurement = LinkMeasurement(
                intervalSeconds: interval, intervals: count,
                inbound: DirectionStatistics(series: inbound, intervalSeconds: interval),
                outbound: DirectionStatistics(series: outbound, intervalSeconds: interval), inboundBytes: inbound,
                outboundBytes: outbound)
        }
        let p95 = measurement?.busier.p95BitsPerSecond
        return LinkInventory(
            kind: kind, contractedMbps: contracted, measured: measurement,
            utilisation: contracted.flatMap { c in c > 0 ? p95.map { $0 / (c * 1e6) } : nil },
            contractedPerStaffMbps: unit.staff > 0 ? contracted.map { $0 / Double(unit.staff) } : nil,
            measuredPerStaffMbps: unit.staff > 0 ? p95.map { $0 / 1e6 / Double(unit.staff) } : nil,
            peers: peers.sorted())
    }
}

public import Foundation

/// One unit's measured inventory: what the yearly readiness report asks for, joined from the SSH
/// scan (computers, antivirus, servers) and passive capture (LAN addresses, bandwidth, hosts the
/// inventory does not know).
///
/// Built by ``UnitInventory/build(_:options:)`` from a snapshot alone, so a stored scan gives the
/// same figures without its capture files. Every figure that could not be measured is `nil`
/// (unknown) rather than zero, and ``coverage`` says how much of the unit the capture saw.
public struct UnitInventory: Codable, Sendable, Hashable, Identifiable {
    /// The unit's id.
    public var id: String
    public var name: LocalizedText
    public var parent: String?
    /// Units whose `parent` is this one.
    public var subordinates: [String]
    public var staff: Int
    public var computers: ComputerSummary
    /// One per inventory target of the unit, in inventory order.
    public var computerList: [Computer]
    public var lan: LANInventory
    /// The Internet link first, then the WAN link.
    public var links: [LinkInventory]
    public var antivirus: AntivirusCoverage
    public var servers: ServerSummary
    public var coverage: MeasurementCoverage
    /// Share of the unit and its subordinates whose capture shows traffic to another unit (the
    /// WAN); a member no capture saw counts as not connected; nil when none was seen at all.
    public var wanConnectedShare: Double?

    public init(
        id: String, name: LocalizedText, parent: String?, subordinates: [String], staff: Int,
        computers: ComputerSummary, computerList: [Computer], lan: LANInventory, links: [LinkInventory],
        antivirus: AntivirusCoverage, servers: ServerSummary, coverage: MeasurementCoverage,
        wanConnectedShare: Double? = nil
    ) {
        self.wanConnectedShare = wanConnectedShare
        self.id = id
        self.name = name
        self.parent = parent
        self.subordinates = subordinates
        self.staff = staff
        self.computers = computers
        self.computerList = computerList
        self.lan = lan
        self.links = links
        self.antivirus = antivirus
        self.servers = servers
        self.coverage = coverage
    }

    /// The link of one kind.
    public func link(_ kind: LinkInventory.Kind) -> LinkInventory? { links.first { $0.kind == kind } }
}

/// Where a figure came from, so reports mark measured and declared values apart.
public enum FigureOrigin: String, Codable, Sendable, Hashable {
    /// Measured by this audit (scan or capture).
    case measured
    /// Written in the inventory (`declared:`, `role:`).
    case declared
    /// Neither measured nor declared.
    case unknown
}

// MARK: - Computers

/// What a computer is for, as the report counts it.
///
/// Decided in this order: the inventory's `role:` (per target or in `defaults`); the operating
/// system's own word (a Windows Server edition or domain controller is a server, a Windows client
/// a workstation); a host listening on the network for a service other than SSH (and the
/// client-side ports every desktop opens: DHCP, NTP, mDNS, NetBIOS, LLMNR) is a server; any other
/// scanned host is a workstation; a host that was not scanned is unknown.
public enum ComputerRole: String, Codable, Sendable, Hashable, CaseIterable {
    case server
    case workstation
    case unknown

    public var label: LocalizedText {
        switch self {
        case .server: LocalizedText(vi: "Máy chủ", en: "Server")
        case .workstation: LocalizedText(vi: "Máy trạm", en: "Workstation")
        case .unknown: LocalizedText(vi: "Chưa rõ", en: "Unknown")
        }
    }
}

/// How a computer's role was decided (see ``ComputerRole``).
public enum RoleBasis: String, Codable, Sendable, Hashable {
    /// The inventory's `role:`.
    case declared
    /// The operating system's edition or product type.
    case operatingSystem = "os"
    /// Listening services other than SSH.
    case services
    /// Scanned, no server edition and no service: a workstation.
    case noServices = "no-services"
    /// Not scanned and not declared.
    case notScanned = "not-scanned"
}

/// A computer's hardware age class: the report counts computers at most five years old.
public enum AgeClass: String, Codable, Sendable, Hashable, CaseIterable {
    case withinLimit = "within-limit"
    case older
    /// A virtual machine with no declared purchase date: its BIOS date is the hypervisor's
    /// firmware, so it has no hardware age of its own and counts in neither of the two above.
    case virtual
    case unknown

    public var label: LocalizedText {
        switch self {
        case .withinLimit: LocalizedText(vi: "Không quá 5 năm", en: "At most 5 years")
        case .older: LocalizedText(vi: "Trên 5 năm", en: "Older than 5 years")
        case .virtual: LocalizedText(vi: "Máy ảo", en: "Virtual machine")
        case .unknown: LocalizedText(vi: "Chưa rõ", en: "Unknown")
        }
    }
}

/// One inventory target as the unit report counts it.
public struct Computer: Codable, Sendable, Hashable {
    /// `address:port`, the key that identifies a host in a scan.
    public var endpoint: String
    public var name: String?
    public var hostname: String?
    public var status: HostStatus
    public var role: ComputerRole
    public var roleBasis: RoleBasis
    /// `debian`, `rhel`, `suse`, `windows`, `other`; nil when not scanned.
    public var osFamily: String?
    public var osName: String?
    /// Addresses the computer is known by on the LAN: its interfaces' (and listening sockets')
    /// unicast addresses, else the inventory address.
    public var lanAddresses: [String]
    /// The date the age is counted from: the purchase date the inventory declares, else the BIOS
    /// release date of physical hardware (the best remote proxy for when it was made); nil for a
    /// virtual machine with no declared date.
    public var hardwareDate: Date?
    /// `declared` (inventory `purchased:`) or `measured` (BIOS date); nil without a date.
    public var hardwareDateOrigin: FigureOrigin?
    public var ageYears: Double?
    public var ageClass: AgeClass
    public var internet: InternetAccess
    /// Whether the capture saw any of its LAN addresses; nil when no capture covers the unit.
    public var seenOnWire: Bool?
    public var antivirus: ComputerAntivirus
    /// Listening services by kind (servers and workstations alike).
    public var services: [ServiceKind]

    public init(
        endpoint: String, name: String?, hostname: String?, status: HostStatus, role: ComputerRole,
        roleBasis: RoleBasis, osFamily: String?, osName: String?, lanAddresses: [String], hardwareDate: Date?,
        ageYears: Double?, ageClass: AgeClass, internet: InternetAccess, seenOnWire: Bool?,
        antivirus: ComputerAntivirus, services: [ServiceKind]
    ) {
        self.endpoint = endpoint
        self.name = name
        self.hostname = hostname
        self.status = status
        self.role = role
        self.roleBasis = roleBasis
        self.osFamily = osFamily
        self.osName = osName
        self.lanAddresses = lanAddresses
        self.hardwareDate = hardwareDate
        self.ageYears = ageYears
        self.ageClass = ageClass
        self.internet = internet
        self.seenOnWire = seenOnWire
        self.antivirus = antivirus
        self.services = services
    }
}

/// Whether a computer reaches the Internet, and what says so.
public struct InternetAccess: Codable, Sendable, Hashable {
    /// The host has a default route; nil when not scanned.
    public var defaultRoute: Bool?
    /// The capture saw it exchange traffic with public addresses; nil when no capture covers the unit.
    public var publicTraffic: Bool?
    /// Either of the two is true; false when both are known and false, or the only one known is;
    /// nil when neither is known.
    public var connected: Bool?

    public init(defaultRoute: Bool?, publicTraffic: Bool?) {
        self.defaultRoute = defaultRoute
        self.publicTraffic = publicTraffic
        if defaultRoute == true || publicTraffic == true {
            connected = true
        } else if defaultRoute == nil && publicTraffic == nil {
            connected = nil
        } else {
            connected = false
        }
    }
}

/// One computer's antivirus state as the coverage figures count it.
public struct ComputerAntivirus: Codable, Sendable, Hashable {
    /// Products found installed (catalogue names).
    public var products: [String]
    /// nil when the host was not scanned.
    public var installed: Bool?
    public var realTime: Bool?
    /// The youngest signature age among installed products, in days at scan time.
    public var signatureAgeDays: Double?
    public var signaturesFresh: Bool?
    /// A licence that has not expired at scan time; nil when no product states an expiry.
    public var licensed: Bool?
    /// The capture saw it fetch antivirus updates.
    public var seenUpdating: Bool

    public init(
        products: [String], installed: Bool?, realTime: Bool?, signatureAgeDays: Double?, signaturesFresh: Bool?,
        licensed: Bool?, seenUpdating: Bool
    ) {
        self.products = products
        self.installed = installed
        self.realTime = realTime
        self.signatureAgeDays = signatureAgeDays
        self.signaturesFresh = signaturesFresh
        self.licensed = licensed
        self.seenUpdating = seenUpdating
    }
}

/// The computer counts of a unit.
public struct ComputerSummary: Codable, Sendable, Hashable {
    /// Inventory targets, whatever their scan status.
    public var total: Int
    public var scanned: Int
    public var servers: Int
    public var workstations: Int
    public var roleUnknown: Int
    /// Hardware at most ``UnitInventory/Options/hardwareMaxAgeYears`` old, older, unknown.
    public var withinAgeLimit: Int
    public var older: Int
    public var ageUnknown: Int
    /// Virtual machines, which have no hardware age.
    public var virtualMachines: Int = 0
    public var internetConnected: Int
    public var internetUnknown: Int
    /// Computers per staff member; nil when the unit declares no staff.
    public var perStaff: Double?
    /// Shares of all computers (virtual machines left out of the age share); nil when there are none.
    public var withinAgeLimitShare: Double?
    public var internetShare: Double?

    public init(
        total: Int, scanned: Int, servers: Int, workstations: Int, roleUnknown: Int, withinAgeLimit: Int, older: Int,
        ageUnknown: Int, internetConnected: Int, internetUnknown: Int, perStaff: Double?,
        withinAgeLimitShare: Double?, internetShare: Double?
    ) {
        self.total = total
        self.scanned = scanned
        self.servers = servers
        self.workstations = workstations
        self.roleUnknown = roleUnknown
        self.withinAgeLimit = withinAgeLimit
        self.older = older
        self.ageUnknown = ageUnknown
        self.internetConnected = internetConnected
        self.internetUnknown = internetUnknown
        self.perStaff = perStaff
        self.withinAgeLimitShare = withinAgeLimitShare
        self.internetShare = internetShare
    }
}

// MARK: - LAN

/// The unit's local network: its segments and who is on them.
public struct LANInventory: Codable, Sendable, Hashable {
    public var segments: [LANSegment]
    /// A segment of the unit holds at least one of its computers or addresses seen on the wire.
    public var hasOwnLAN: Bool
    /// Totals over the segments.
    public var managedSeen: Int
    public var wireOnly: Int
    public var silent: Int
    /// Computers whose LAN address is unknown (not scanned, no address in a segment).
    public var unplaced: [String]

    public init(segments: [LANSegment], hasOwnLAN: Bool, managedSeen: Int, wireOnly: Int, silent: Int, unplaced: [String]) {
        self.segments = segments
        self.hasOwnLAN = hasOwnLAN
        self.managedSeen = managedSeen
        self.wireOnly = wireOnly
        self.silent = silent
        self.unplaced = unplaced
    }
}

/// Where a segment is known from.
public enum SegmentSource: String, Codable, Sendable, Hashable {
    /// The inventory's `subnets:`.
    case declared
    /// A scanned computer's interface address, in no declared subnet.
    case interface
}

/// One subnet of the unit, with the addresses on it split three ways.
public struct LANSegment: Codable, Sendable, Hashable {
    /// CIDR notation.
    public var subnet: String
    public var source: SegmentSource
    /// Whether the capture saw any address on it; nil when no capture covers the unit.
    public var seen: Bool?
    /// Inventory computers seen on the wire here (address and endpoint).
    public var managed: [SegmentAddress]
    /// Addresses seen on the wire that no inventory computer owns.
    public var wireOnly: [WireOnlyHost]
    /// Inventory computers with an address here that the capture never saw; empty when no
    /// capture covers the unit (nothing could be seen, so nothing is silent).
    public var silent: [SegmentAddress]
    /// Servers among the managed and silent computers here.
    public var servers: Int

    public init(
        subnet: String, source: SegmentSource, seen: Bool?, managed: [SegmentAddress], wireOnly: [WireOnlyHost],
        silent: [SegmentAddress], servers: Int
    ) {
        self.subnet = subnet
        self.source = source
        self.seen = seen
        self.managed = managed
        self.wireOnly = wireOnly
        self.silent = silent
        self.servers = servers
    }
}

public struct SegmentAddress: Codable, Sendable, Hashable {
    public var address: String
    public var endpoint: String

    public init(address: String, endpoint: String) {
        self.address = address
        self.endpoint = endpoint
    }
}

/// A host seen on the wire that is not in the inventory: an unmanaged computer, or a device.
public struct WireOnlyHost: Codable, Sendable, Hashable {
    public var address: String
    public var mac: String?
    public var vendor: String?
    public var names: [String]
    public var osGuess: String?
    /// It fetched antivirus updates (vendor and domain seen), so it probably runs antivirus the
    /// scan could not check.
    public var antivirusUpdates: [String]
    public var internetBytes: UInt64?
    public var bytes: UInt64

    public init(
        address: String, mac: String?, vendor: String?, names: [String], osGuess: String?, antivirusUpdates: [String],
        internetBytes: UInt64?, bytes: UInt64
    ) {
        self.address = address
        self.mac = mac
        self.vendor = vendor
        self.names = names
        self.osGuess = osGuess
        self.antivirusUpdates = antivirusUpdates
        self.internetBytes = internetBytes
        self.bytes = bytes
    }
}

// MARK: - Links

/// The unit's Internet or WAN connection: what it pays for, and what the capture measured.
public struct LinkInventory: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// To public addresses outside every unit.
        case internet
        /// To other units' subnets.
        case wan

        public var label: LocalizedText {
            switch self {
            case .internet: LocalizedText(vi: "Kết nối Internet", en: "Internet link")
            case .wan: LocalizedText(vi: "Kết nối mạng WAN", en: "WAN link")
            }
        }

        /// The `declared:` figure holding the contracted capacity in Mbit/s.
        public var declaredKey: String {
            switch self {
            case .internet: "internet_bandwidth_mbps"
            case .wan: "wan_bandwidth_mbps"
            }
        }
    }

    public var kind: Kind
    /// The contracted capacity, declared in the inventory, in Mbit/s.
    public var contractedMbps: Double?
    /// nil when no capture covers the unit: unknown, not zero.
    public var measured: LinkMeasurement?
    /// The busier direction's 95th percentile over the contracted capacity (0.5 = half used).
    public var utilisation: Double?
    public var contractedPerStaffMbps: Double?
    /// The busier direction's 95th percentile per staff member, in Mbit/s.
    public var measuredPerStaffMbps: Double?
    /// For the WAN: the other units this one exchanged traffic with.
    public var peers: [String]

    public init(
        kind: Kind, contractedMbps: Double?, measured: LinkMeasurement?, utilisation: Double?,
        contractedPerStaffMbps: Double?, measuredPerStaffMbps: Double?, peers: [String]
    ) {
        self.kind = kind
        self.contractedMbps = contractedMbps
        self.measured = measured
        self.utilisation = utilisation
        self.contractedPerStaffMbps = contractedPerStaffMbps
        self.measuredPerStaffMbps = measuredPerStaffMbps
        self.peers = peers
    }
}

/// Throughput over fixed intervals, per direction.
public struct LinkMeasurement: Codable, Sendable, Hashable {
    public var intervalSeconds: Double
    /// Intervals measured (the capture's span, quiet intervals included).
    public var intervals: Int
    /// Into the unit.
    public var inbound: DirectionStatistics
    /// Out of the unit.
    public var outbound: DirectionStatistics
    /// Bytes per interval, in and out, for charts.
    public var inboundBytes: [UInt64]
    public var outboundBytes: [UInt64]

    public init(
        intervalSeconds: Double, intervals: Int, inbound: DirectionStatistics, outbound: DirectionStatistics,
        inboundBytes: [UInt64], outboundBytes: [UInt64]
    ) {
        self.intervalSeconds = intervalSeconds
        self.intervals = intervals
        self.inbound = inbound
        self.outbound = outbound
        self.inboundBytes = inboundBytes
        self.outboundBytes = outboundBytes
    }

    /// The busier direction by 95th percentile, as burstable billing reads a link.
    public var busier: DirectionStatistics { inbound.p95BitsPerSecond >= outbound.p95BitsPerSecond ? inbound : outbound }
}

/// Mean, peak and 95th percentile of one direction, in bits per second.
public struct DirectionStatistics: Codable, Sendable, Hashable {
    public var bytes: UInt64
    public var meanBitsPerSecond: Double
    public var peakBitsPerSecond: Double
    /// Nearest-rank 95th percentile of the intervals (quiet ones count as zero), as burstable
    /// billing computes it.
    public var p95BitsPerSecond: Double

    public init(bytes: UInt64, meanBitsPerSecond: Double, peakBitsPerSecond: Double, p95BitsPerSecond: Double) {
        self.bytes = bytes
        self.meanBitsPerSecond = meanBitsPerSecond
        self.peakBitsPerSecond = peakBitsPerSecond
        self.p95BitsPerSecond = p95BitsPerSecond
    }

    /// Statistics of bytes per interval of `seconds`.
    public init(series: [UInt64], intervalSeconds seconds: Double) {
        let total = series.reduce(0, &+)
        guard !series.isEmpty, seconds > 0 else {
            self.init(bytes: total, meanBitsPerSecond: 0, peakBitsPerSecond: 0, p95BitsPerSecond: 0)
            return
        }
        let scale = 8 / seconds
        let sorted = series.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))  // 1-based
        self.init(
            bytes: total, meanBitsPerSecond: Double(total) * scale / Double(series.count),
            peakBitsPerSecond: Double(sorted.last!) * scale, p95BitsPerSecond: Double(sorted[max(rank, 1) - 1]) * scale)
    }
}

// MARK: - Antivirus

/// The unit's antivirus coverage, managed computers and hosts seen on the wire.
public struct AntivirusCoverage: Codable, Sendable, Hashable {
    /// Signatures at most this many days old count as up to date.
    public var maxSignatureAgeDays: Double
    /// Managed computers (inventory targets).
    public var computers: Int
    public var installed: Int
    public var realTime: Int
    public var upToDate: Int
    public var licensed: Int
    /// Installed, real-time on, signatures up to date and licence not expired (where stated).
    public var protected: Int
    /// Scanned, with no antivirus found.
    public var without: Int
    /// The audit cannot tell: not scanned, or scanned but every source of antivirus facts failed
    /// (``HostFacts/antivirusUnknown``), which is not "none".
    public var unknown: Int
    /// Managed computers with no antivirus found by the scan but seen fetching updates.
    public var withoutButUpdating: Int
    /// Wire-only hosts seen fetching antivirus updates (addresses).
    public var wireOnlyUpdating: [String]
    /// Installed / computers; nil without computers.
    public var installedShare: Double?
    public var upToDateShare: Double?
    public var licensedShare: Double?

    public init(
        maxSignatureAgeDays: Double, computers: Int, installed: Int, realTime: Int, upToDate: Int, licensed: Int,
        protected: Int, without: Int, unknown: Int, withoutButUpdating: Int, wireOnlyUpdating: [String]
    ) {
        self.maxSignatureAgeDays = maxSignatureAgeDays
        self.computers = computers
        self.installed = installed
        self.realTime = realTime
        self.upToDate = upToDate
        self.licensed = licensed
        self.protected = protected
        self.without = without
        self.unknown = unknown
        self.withoutButUpdating = withoutButUpdating
        self.wireOnlyUpdating = wireOnlyUpdating
        let share: (Int) -> Double? = { computers > 0 ? Double($0) / Double(computers) : nil }
        installedShare = share(installed)
        upToDateShare = share(upToDate)
        licensedShare = share(licensed)
    }
}

// MARK: - Servers

/// What a listening port is for, as the report groups services.
public enum ServiceKind: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    case ssh
    case web
    case mail
    case dns
    case fileSharing = "file-sharing"
    case database
    case remoteDesktop = "remote-desktop"
    case directory
    case management
    case other

    public static func < (a: ServiceKind, b: ServiceKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var label: LocalizedText {
        switch self {
        case .ssh: LocalizedText(vi: "SSH", en: "SSH")
        case .web: LocalizedText(vi: "Web", en: "Web")
        case .mail: LocalizedText(vi: "Thư điện tử", en: "Mail")
        case .dns: LocalizedText(vi: "DNS", en: "DNS")
        case .fileSharing: LocalizedText(vi: "Chia sẻ tệp", en: "File sharing")
        case .database: LocalizedText(vi: "Cơ sở dữ liệu", en: "Database")
        case .remoteDesktop: LocalizedText(vi: "Điều khiển từ xa", en: "Remote desktop")
        case .directory: LocalizedText(vi: "Thư mục, xác thực", en: "Directory and authentication")
        case .management: LocalizedText(vi: "Quản trị từ xa", en: "Remote management")
        case .other: LocalizedText(vi: "Khác", en: "Other")
        }
    }

    /// The kind of a well-known port; nil for the client-side ports every computer opens (DHCP,
    /// NTP, chrony, mDNS, NetBIOS, LLMNR, SSDP, RPC endpoint mapper), which make no server.
    public static func of(port: Int, proto: ListeningSocket.TransportProtocol) -> ServiceKind? {
        switch port {
        case 22: return .ssh
        case 80, 443, 8000, 8008, 8080, 8443, 8888: return .web
        case 25, 110, 143, 465, 587, 993, 995: return .mail
        case 53: return .dns
        case 20, 21, 69, 111, 139, 445, 873, 2049: return .fileSharing
        case 1433, 1521, 3306, 5432, 6379, 27017, 9200, 5984: return .database
        case 3389, 5900, 5901: return .remoteDesktop
        case 88, 389, 464, 636, 3268, 3269: return .directory
        case 161, 5985, 5986, 10050, 9100: return .management
        case 67, 68, 123, 323, 546, 547, 5353, 5355, 137, 138, 1900, 135: return nil
        default: return proto == .udp && port >= 32768 ? nil : .other
        }
    }
}

/// The unit's servers and the services they offer.
public struct ServerSummary: Codable, Sendable, Hashable {
    public var count: Int
    /// Servers offering each kind of service, most common first.
    public var services: [ServiceCount]
    /// Endpoints of the servers.
    public var endpoints: [String]
    /// Segments that hold servers and nothing else: no workstation, and (where measured) no
    /// address outside the inventory.
    public var dedicatedSegments: Int
    /// A measured stand-in for the ministry's data-centre level (0–3), from what an audit can see:
    /// 0 no server; 1 at least one; 2 at least two, every one scanned with antivirus installed;
    /// 3 as 2, and every server on a dedicated segment. A server room's power, cooling and access
    /// control are not visible on the network: a method that needs them declares them.
    public var level: Int

    public init(count: Int, services: [ServiceCount], endpoints: [String], dedicatedSegments: Int = 0, level: Int = 0) {
        self.dedicatedSegments = dedicatedSegments
        self.level = level
        self.count = count
        self.services = services
        self.endpoints = endpoints
    }
}

public struct ServiceCount: Codable, Sendable, Hashable {
    public var kind: ServiceKind
    /// Servers listening for it.
    public var servers: Int
    /// The ports seen, ascending.
    public var ports: [Int]

    public init(kind: ServiceKind, servers: Int, ports: [Int]) {
        self.kind = kind
        self.servers = servers
        self.ports = ports
    }
}

// MARK: - Coverage

/// How much of the unit the capture measured: bandwidth figures are only as good as this.
public struct MeasurementCoverage: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable, Hashable, CaseIterable {
        /// A complete capture saw the unit's subnets over the whole period it was meant to cover.
        case full
        /// Seen, but the capture stopped early (truncated file) or covers only part of its period.
        case partial
        /// No capture saw any address of the unit's subnets: bandwidth and wire figures are unknown.
        case none

        public var label: LocalizedText {
            switch self {
            case .full: LocalizedText(vi: "Đo đầy đủ", en: "Fully measured")
            case .partial: LocalizedText(vi: "Đo một phần", en: "Partly measured")
            case .none: LocalizedText(vi: "Chưa đo", en: "Not measured")
            }
        }
    }

    public var state: State
    /// The captures that saw the unit.
    public var captures: [String]
    public var from: Date?
    public var to: Date?
    /// Seconds of capture that saw the unit.
    public var coveredSeconds: Double
    /// The seconds the captures were meant to cover, where the inventory says.
    public var expectedSeconds: Double?
    /// Unicast addresses of the unit's subnets the captures saw.
    public var addressesSeen: Int
    /// Why the state is not `full`, in both languages.
    public var notes: [LocalizedText]

    public init(
        state: State, captures: [String], from: Date?, to: Date?, coveredSeconds: Double, expectedSeconds: Double?,
        addressesSeen: Int, notes: [LocalizedText]
    ) {
        self.state = state
        self.captures = captures
        self.from = from
        self.to = to
        self.coveredSeconds = coveredSeconds
        self.expectedSeconds = expectedSeconds
        self.addressesSeen = addressesSeen
        self.notes = notes
    }

    /// Whether wire figures (addresses seen, bandwidth) mean anything for the unit.
    public var isMeasured: Bool { state != .none }
}

import CPcap

/// The link layers the decoders read, from libpcap's DLT codes.
enum LinkType: Sendable {
    case ethernet
    case linuxSLL
    case linuxSLL2
    /// IPv4 or IPv6 without a link header; the version nibble says which.
    case rawIP
    case ipv4
    case ipv6

    init?(dlt: Int32) {
        switch dlt {
        case DLT_EN10MB: self = .ethernet
        case DLT_LINUX_SLL: self = .linuxSLL
        case 276: self = .linuxSLL2  // DLT_LINUX_SLL2; older headers lack the macro
        case DLT_RAW, 101: self = .rawIP  // 101 is LINKTYPE_RAW where libpcap has not mapped it
        case 228: self = .ipv4  // DLT_IPV4
        case 229: self = .ipv6  // DLT_IPV6
        default: return nil
        }
    }

    var name: String {
        switch self {
        case .ethernet: "EN10MB"
        case .linuxSLL: "LINUX_SLL"
        case .linuxSLL2: "LINUX_SLL2"
        case .rawIP: "RAW"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        }
    }
}

/// Protocol layers, for counting what was malformed where.
enum Layer: Int, CaseIterable, Sendable {
    case link, arp, ipv4, ipv6, tcp, udp, icmp, icmpv6, dhcp, dns, netbios, tls, http

    var name: String {
        switch self {
        case .link: "link"
        case .arp: "arp"
        case .ipv4: "ipv4"
        case .ipv6: "ipv6"
        case .tcp: "tcp"
        case .udp: "udp"
        case .icmp: "icmp"
        case .icmpv6: "icmpv6"
        case .dhcp: "dhcp"
        case .dns: "dns"
        case .netbios: "netbios-ns"
        case .tls: "tls"
        case .http: "http"
        }
    }
}

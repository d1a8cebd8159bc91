import InventoryModel

/// Interfaces from `ip -o` (iproute2 and busybox print the same one-line records), and the default
/// route from `/proc/net/route` (a part of `SystemInfo`'s section).
enum IPRoute: SingleSectionLinuxCollector {
    static let addrLabel = "ip -o addr show"
    static let linkLabel = "ip -o link show"

    // By path first: busybox sh runs its own `ip` applet in preference to PATH. Kept wrapped:
    // `ip` is the one tool here whose exit status says something (127: no `ip` at all).
    static let section = ProbeSection(
        name: "interfaces",
        script:
            "ip=; for p in /sbin/ip /usr/sbin/ip /bin/ip /usr/bin/ip; do if [ -x \"$p\" ]; then ip=$p; break; fi; done; "
            + "[ -n \"$ip\" ] || ip=ip; part '\(addrLabel)'; \"$ip\" -o addr show; part '\(linkLabel)'; \"$ip\" -o link show",
        source: "ip -o addr show; ip -o link show")

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        if let parts = evidence.parts(section.name) {
            facts.interfaces = interfaces(addr: parts[addrLabel] ?? "", link: parts[linkLabel] ?? "")
        }
    }

    /// Interfaces in `ip -o link` order with their MAC, and their addresses in `ip -o addr` order.
    ///
    /// Only `link/ether` counts as a MAC: loopback's all-zero address and tunnels' pseudo-addresses
    /// identify no hardware.
    static func interfaces(addr: String, link: String) -> [NetworkInterface] {
        var order: [String] = []
        var macs: [String: String] = [:]
        var addresses: [String: [String]] = [:]
        func note(_ name: String) {
            if addresses[name] == nil {
                order.append(name)
                addresses[name] = []
            }
        }
        for line in link.split(whereSeparator: \.isNewline) {
            // "2: ens18: <BROADCAST,…> mtu 1500 …\    link/ether bc:24:11:5a:3c:1d brd ff:ff:ff:ff:ff:ff"
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, isIndex(fields[0]), fields[1].hasSuffix(":") else { continue }
            let name = interfaceName(fields[1].dropLast())
            guard !name.isEmpty else { continue }
            note(name)
            if let kind = fields.firstIndex(of: "link/ether"), kind + 1 < fields.count, isMAC(fields[kind + 1]) {
                macs[name] = fields[kind + 1].lowercased()
            }
        }
        for line in addr.split(whereSeparator: \.isNewline) {
            // "2: ens18    inet 10.10.10.21/24 brd 10.10.10.255 scope global ens18\       valid_lft …"
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 4, isIndex(fields[0]), fields[2] == "inet" || fields[2] == "inet6" else { continue }
            let name = interfaceName(fields[1].hasSuffix(":") ? fields[1].dropLast() : fields[1])
            guard !name.isEmpty else { continue }
            var address = String(fields[3])
            if !address.contains("/") { address += fields[2] == "inet" ? "/32" : "/128" }
            note(name)
            if addresses[name]?.contains(address) == false { addresses[name]?.append(address) }
        }
        return order.map { NetworkInterface(name: $0, mac: macs[$0], addresses: addresses[$0] ?? []) }
    }

    private static func isIndex(_ field: Substring) -> Bool {
        field.count >= 2 && field.hasSuffix(":") && field.dropLast().allSatisfy(\.isNumber)
    }

    /// `eth0@if5` (a veth's peer) names the interface `eth0`.
    private static func interfaceName(_ field: Substring) -> String {
        String(field.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    private static func isMAC(_ field: Substring) -> Bool {
        let octets = field.split(separator: ":", omittingEmptySubsequences: false)
        return octets.count == 6 && octets.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) }
    }

    /// The up route to 0.0.0.0/0 with the lowest metric; addresses are the kernel's network-order
    /// words printed as little-endian hex.
    static func defaultRoute(from text: String) -> Route? {
        var best: (metric: Int, route: Route)?
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(whereSeparator: \.isWhitespace)
            guard f.count >= 8, let destination = UInt32(f[1], radix: 16), let gateway = UInt32(f[2], radix: 16),
                let flags = UInt32(f[3], radix: 16), let metric = Int(f[6]), let mask = UInt32(f[7], radix: 16),
                destination == 0, mask == 0, flags & 0x1 != 0
            else { continue }
            let route = Route(gateway: ProcNetSockets.ipv4(littleEndian: gateway), interface: String(f[0]))
            if best == nil || metric < best!.metric { best = (metric, route) }
        }
        return best?.route
    }
}

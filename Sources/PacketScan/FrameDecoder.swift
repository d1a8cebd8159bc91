/// Link, network and transport headers, read with a bounds check before every load.
///
/// Lengths in the packet (IP total length, header lengths, UDP length) are checked against each
/// other and against what was captured; a packet whose lengths do not fit is malformed at that
/// layer, and a length longer than the capture is cut at the capture (a short snaplen is normal).
enum FrameDecoder {
    static let etherTypeIPv4: UInt16 = 0x0800
    static let etherTypeARP: UInt16 = 0x0806
    static let etherTypeIPv6: UInt16 = 0x86DD

    /// Fills the link fields of `frame`; `false` when the link header is cut short.
    @inline(__always)
    static func decodeLink(_ p: UnsafeRawBufferPointer, _ link: LinkType, into frame: inout Frame) -> Bool {
        var offset: Int
        switch link {
        case .ethernet:
            guard p.count >= 14 else { return false }
            frame.destinationMAC = p.u48(0)
            frame.sourceMAC = p.u48(6)
            frame.etherType = p.u16(12)
            offset = 14
        case .linuxSLL:
            // packet type, ARPHRD type, address length, 8 address bytes, protocol
            guard p.count >= 16 else { return false }
            if p.u16(2) == 1 && p.u16(4) == 6 { frame.sourceMAC = p.u48(6) }
            frame.etherType = p.u16(14)
            offset = 16
        case .linuxSLL2:
            // protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes
            guard p.count >= 20 else { return false }
            frame.etherType = p.u16(0)
            if p.u16(8) == 1 && p.u8(11) == 6 { frame.sourceMAC = p.u48(12) }
            offset = 20
        case .rawIP:
            guard p.count >= 1 else { return false }
            switch p.u8(0) >> 4 {
            case 4: frame.etherType = etherTypeIPv4
            case 6: frame.etherType = etherTypeIPv6
            default: return false
            }
            offset = 0
        case .ipv4:
            frame.etherType = etherTypeIPv4
            offset = 0
        case .ipv6:
            frame.etherType = etherTypeIPv6
            offset = 0
        }
        // 802.1Q, 802.1ad (QinQ) and the old 0x9100 QinQ tag: skip every tag.
        var tags = 0
        while frame.etherType == 0x8100 || frame.etherType == 0x88A8 || frame.etherType == 0x9100 {
            guard tags < 4, p.count >= offset + 4 else { return false }
            frame.etherType = p.u16(offset + 2)
            offset += 4
            tags += 1
        }
        frame.networkOffset = offset
        return true
    }

    @inline(__always)
    static func decodeNetwork(_ p: UnsafeRawBufferPointer, into frame: inout Frame) -> NetworkResult {
        switch frame.etherType {
        case etherTypeIPv4: return decodeIPv4(p, into: &frame)
        case etherTypeIPv6: return decodeIPv6(p, into: &frame)
        case etherTypeARP: return .arp
        default: return .other
        }
    }

    @inline(__always)
    static func decodeIPv4(_ p: UnsafeRawBufferPointer, into frame: inout Frame) -> NetworkResult {
        let o = frame.networkOffset
        guard p.count >= o + 20 else { return .malformed(.ipv4) }
        let versionAndLength = p.u8(o)
        let headerLength = Int(versionAndLength & 0x0F) * 4
        let totalLength = Int(p.u16(o + 2))
        guard versionAndLength >> 4 == 4, headerLength >= 20, totalLength >= headerLength,
            p.count >= o + headerLength
        else { return .malformed(.ipv4) }
        frame.end = min(o + totalLength, p.count)
        let fragment = p.u16(o + 6)
        frame.isFragment = fragment & 0x3FFF != 0
        frame.hopLimit = p.u8(o + 8)
        frame.source = IPAddressKey(ipv4: p.u32(o + 12))
        frame.destination = IPAddressKey(ipv4: p.u32(o + 16))
        // Only the first fragment carries the transport header.
        if fragment & 0x1FFF == 0 {
            frame.transport = p.u8(o + 9)
            frame.transportOffset = o + headerLength
        }
        return .ip
    }

    @inline(__always)
    static func decodeIPv6(_ p: UnsafeRawBufferPointer, into frame: inout Frame) -> NetworkResult {
        let o = frame.networkOffset
        guard p.count >= o + 40, p.u8(o) >> 4 == 6 else { return .malformed(.ipv6) }
        frame.end = min(o + 40 + Int(p.u16(o + 4)), p.count)
        frame.hopLimit = p.u8(o + 7)
        frame.source = IPAddressKey(high: p.u64(o + 8), low: p.u64(o + 16))
        frame.destination = IPAddressKey(high: p.u64(o + 24), low: p.u64(o + 32))
        var next = p.u8(o + 6)
        var offset = o + 40
        // Extension headers, a bounded number of them: hop-by-hop, routing, destination options,
        // fragment, authentication. ESP and "no next header" end the walk.
        for _ in 0..<8 {
            switch next {
            case 0, 43, 60:
                guard frame.end >= offset + 8 else { return .malformed(.ipv6) }
                next = p.u8(offset)
                offset += (Int(p.u8(offset + 1)) + 1) * 8
            case 44:
                guard frame.end >= offset + 8 else { return .malformed(.ipv6) }
                frame.isFragment = true
                let fragmentOffset = p.u16(offset + 2) >> 3
                next = p.u8(offset)
                offset += 8
                if fragmentOffset != 0 { return .ip }
            case 51:
                guard frame.end >= offset + 8 else { return .malformed(.ipv6) }
                next = p.u8(offset)
                offset += (Int(p.u8(offset + 1)) + 2) * 4
            case 50, 59:
                return .ip
            default:
                guard offset <= frame.end else { return .malformed(.ipv6) }
                frame.transport = next
                frame.transportOffset = offset
                return .ip
            }
        }
        return .malformed(.ipv6)
    }

    /// Fills ports, flags and the payload offset; `nil` when the transport header is sound (or
    /// not one the tables read), else the layer that was malformed.
    @inline(__always)
    static func decodeTransport(_ p: UnsafeRawBufferPointer, into frame: inout Frame) -> Layer? {
        let o = frame.transportOffset
        switch frame.transport {
        case 6:
            guard frame.end >= o + 20 else { return .tcp }
            let headerLength = Int(p.u8(o + 12) >> 4) * 4
            guard headerLength >= 20, frame.end >= o + headerLength else { return .tcp }
            frame.sourcePort = p.u16(o)
            frame.destinationPort = p.u16(o + 2)
            frame.tcpFlags = p.u8(o + 13)
            frame.payloadOffset = o + headerLength
        case 17:
            guard frame.end >= o + 8 else { return .udp }
            let length = Int(p.u16(o + 4))
            // Length 0 is legal only for IPv6 jumbograms; anything under 8 is broken.
            guard length >= 8 else { return .udp }
            frame.sourcePort = p.u16(o)
            frame.destinationPort = p.u16(o + 2)
            frame.payloadOffset = o + 8
            frame.end = min(frame.end, o + length)
        case 1:
            guard frame.end >= o + 4 else { return .icmp }
            frame.payloadOffset = o + 4
        case 58:
            guard frame.end >= o + 4 else { return .icmpv6 }
            frame.payloadOffset = o + 4
        default:
            frame.payloadOffset = frame.end
        }
        return nil
    }
}

/// The parts of a DHCP message that name and fingerprint a client.
struct DHCPMessage: Equatable {
    /// 1 request (client), 2 reply (server).
    var op: UInt8
    var clientMAC: UInt64?
    var clientAddress: UInt32
    var yourAddress: UInt32
    /// Option 53: DISCOVER 1, OFFER 2, REQUEST 3, ACK 5, ...
    var messageType: UInt8?
    /// Option 50, the address a client asks for.
    var requestedAddress: UInt32?
    /// Option 12.
    var hostname: String?
    /// Option 60, e.g. `MSFT 5.0`, `dhcpcd-9.4.1`, `android-dhcp-13`.
    var vendorClass: String?
    /// Option 55 as sent, in order: the classic DHCP fingerprint.
    var parameterList: [UInt8]?

    /// Decodes a BOOTP/DHCP payload; `nil` when it is too short, lacks the magic cookie, or an
    /// option runs past the end.
    init?(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        guard end - start >= 240, p.u32(start + 236) == 0x6382_5363 else { return nil }
        op = p.u8(start)
        let htype = p.u8(start + 1)
        let hlen = p.u8(start + 2)
        clientMAC = htype == 1 && hlen == 6 ? p.u48(start + 28) : nil
        clientAddress = p.u32(start + 12)
        yourAddress = p.u32(start + 16)
        var i = start + 240
        while i < end {
            let code = p.u8(i)
            if code == 255 { break }
            if code == 0 {
                i += 1
                continue
            }
            guard i + 2 <= end else { return nil }
            let length = Int(p.u8(i + 1))
            let value = i + 2
            guard value + length <= end else { return nil }
            switch code {
            case 53 where length == 1: messageType = p.u8(value)
            case 50 where length == 4: requestedAddress = p.u32(value)
            case 12 where length > 0: hostname = p.printableText(value..<(value + length))
            case 60 where length > 0: vendorClass = p.printableText(value..<(value + length))
            case 55: parameterList = (value..<(value + length)).map { p.u8($0) }
            default: break
            }
            i = value + length
        }
    }
}

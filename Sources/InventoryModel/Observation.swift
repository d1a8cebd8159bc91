public import Foundation

/// Something passive capture saw a host do that an audit cares about, with the evidence for it.
///
/// Observations are what the wire tells that credentials cannot: which hosts fetch antivirus
/// updates, which still speak a cleartext protocol. One observation stands for every packet of
/// the same kind between the same host and peer, so a busy capture yields few of them. They never
/// hold credentials: a telnet password or a Basic auth header is noted as present, not copied.
public struct Observation: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The host looked up or contacted an antivirus vendor's update service.
        case antivirusUpdate = "antivirus-update"
        /// The host used a protocol that carries credentials or data in clear text.
        case cleartextProtocol = "cleartext-protocol"
    }

    public var kind: Kind
    /// The observed host's IP address (the client side of the exchange).
    public var host: String
    /// The host's MAC address where the capture shows it.
    public var mac: String?
    /// The other end: a server, a resolver.
    public var peer: String
    /// How it was seen: `dns`, `tls-sni`, `http-host`, `telnet`, `ftp`, `http-basic-auth`, `pop3`, `imap`.
    public var proto: String
    /// What matched, e.g. the vendor and domain of an update service; never a credential.
    public var detail: String?
    public var firstSeen: Date
    public var lastSeen: Date
    /// Packets that showed the same thing between the same host and peer.
    public var packets: Int

    public init(
        kind: Kind, host: String, mac: String? = nil, peer: String, proto: String, detail: String? = nil,
        firstSeen: Date, lastSeen: Date, packets: Int
    ) {
        self.kind = kind
        self.host = host
        self.mac = mac
        self.peer = peer
        self.proto = proto
        self.detail = detail
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.packets = packets
    }
}

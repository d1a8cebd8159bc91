public import InventoryModel

/// Why a capture could not start. Problems met while reading (a truncated file, a malformed
/// packet) are not errors: the capture keeps what it read and says where it stopped.
public enum CaptureError: WordedError, Equatable, CustomStringConvertible {
    /// libpcap could not open the file: missing, unreadable, or not a pcap/pcapng file.
    case cannotOpenFile(path: String, reason: String)
    /// libpcap could not open or activate the interface (no such device, permission denied, ...).
    case cannotOpenInterface(name: String, reason: String)
    /// The capture's link layer is one the decoders do not read.
    case unsupportedLinkType(code: Int32, name: String)
    /// The BPF filter did not compile or could not be installed.
    case invalidFilter(expression: String, reason: String)
    /// A catalogue file under `policies/catalogues/` is missing or has a bad line.
    case catalogue(path: String, line: Int, reason: String)
    /// A unit's subnet is not CIDR notation.
    case invalidSubnet(unit: String, subnet: String)

    public var description: String { text(.en) }

    /// libpcap's own reasons are kept in its words (after `libpcap:` in Vietnamese).
    public func text(_ language: Language) -> String {
        guard language == .vi else { return english }
        switch self {
        case .cannotOpenFile(let path, let reason):
            return "không mở được tệp bản ghi lưu lượng \(path) (libpcap: \(reason))"
        case .cannotOpenInterface(let name, let reason):
            return "không bắt gói được trên giao diện \(name) (libpcap: \(reason))"
        case .unsupportedLinkType(let code, let name):
            return "kiểu liên kết \(name) (DLT \(code)) không được hỗ trợ; ictaudit đọc Ethernet (cả 802.1Q/QinQ), "
                + "Linux cooked SLL/SLL2 và IPv4/IPv6 thô"
        case .invalidFilter(let expression, let reason):
            return "bộ lọc bắt gói '\(expression)' không hợp lệ (libpcap: \(reason))"
        case .catalogue(let path, let line, let reason):
            return line > 0 ? "\(path):\(line): danh mục: \(reason)" : "\(path): danh mục: \(reason)"
        case .invalidSubnet(let unit, let subnet):
            return "đơn vị '\(unit)': dải mạng '\(subnet)' không viết theo CIDR như 10.10.1.0/24 hoặc 2001:db8::/48"
        }
    }

    private var english: String {
        switch self {
        case .cannotOpenFile(let path, let reason):
            "cannot open capture file \(path): \(reason)"
        case .cannotOpenInterface(let name, let reason):
            "cannot capture on interface \(name): \(reason)"
        case .unsupportedLinkType(let code, let name):
            "unsupported link type \(name) (DLT \(code)); ictaudit reads Ethernet (with 802.1Q/QinQ), Linux cooked SLL/SLL2 and raw IPv4/IPv6"
        case .invalidFilter(let expression, let reason):
            "invalid capture filter '\(expression)': \(reason)"
        case .catalogue(let path, let line, let reason):
            line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)"
        case .invalidSubnet(let unit, let subnet):
            "unit '\(unit)': subnet '\(subnet)' is not CIDR notation such as 10.10.1.0/24 or 2001:db8::/48"
        }
    }
}

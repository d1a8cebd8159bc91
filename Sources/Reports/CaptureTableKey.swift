import InventoryModel

/// Every fixed label of `ictaudit capture --format table`, in Vietnamese and English: one
/// exhaustive `switch` (`LabelKey`), so a label without both texts does not compile.
enum CaptureTableKey: LabelKey {
    case packets, bytes, addresses, stations, links
    case live, received, droppedByKernel, droppedByInterface, malformed
    case ip, mac, vendor, unit, name, os, packetsOut, packetsIn, bytesOut, bytesIn, p95Mbps
    case bandwidth, interval, totalPeak, p95, contracted, p95Use, internetPeak, observations, packetCount

    var text: LocalizedText {
        switch self {
        case .packets: LocalizedText(vi: "gói tin", en: "packets")
        case .bytes: LocalizedText(vi: "byte", en: "bytes")
        case .addresses: LocalizedText(vi: "địa chỉ IP", en: "addresses")
        case .stations: LocalizedText(vi: "địa chỉ MAC", en: "MACs")
        case .links: LocalizedText(vi: "liên kết", en: "links")
        case .live: LocalizedText(vi: "bắt trực tiếp", en: "live")
        case .received: LocalizedText(vi: "đã nhận", en: "received")
        case .droppedByKernel: LocalizedText(vi: "nhân hệ điều hành bỏ", en: "dropped by kernel")
        case .droppedByInterface: LocalizedText(vi: "giao diện bỏ", en: "by interface")
        case .malformed: LocalizedText(vi: "gói hỏng", en: "malformed")
        case .ip: LocalizedText(vi: "ip", en: "ip")
        case .mac: LocalizedText(vi: "mac", en: "mac")
        case .vendor: LocalizedText(vi: "hãng", en: "vendor")
        case .unit: LocalizedText(vi: "đơn vị", en: "unit")
        case .name: LocalizedText(vi: "tên", en: "name")
        case .os: LocalizedText(vi: "hệ điều hành", en: "os")
        case .packetsOut: LocalizedText(vi: "gói ra", en: "pkts out")
        case .packetsIn: LocalizedText(vi: "gói vào", en: "pkts in")
        case .bytesOut: LocalizedText(vi: "byte ra", en: "bytes out")
        case .bytesIn: LocalizedText(vi: "byte vào", en: "bytes in")
        case .p95Mbps: LocalizedText(vi: "p95 Mbit/s", en: "p95 Mbit/s")
        case .bandwidth: LocalizedText(vi: "băng thông", en: "bandwidth")
        case .interval: LocalizedText(vi: "khoảng đo", en: "interval")
        case .totalPeak: LocalizedText(vi: "đỉnh toàn mạng", en: "total peak")
        case .p95: LocalizedText(vi: "p95", en: "p95")
        case .contracted: LocalizedText(vi: "theo hợp đồng", en: "contracted")
        case .p95Use: LocalizedText(vi: "mức dùng p95", en: "p95 use")
        case .internetPeak: LocalizedText(vi: "Internet đỉnh", en: "internet peak")
        case .observations: LocalizedText(vi: "quan sát", en: "observations")
        case .packetCount: LocalizedText(vi: "số gói", en: "packets")
        }
    }
}

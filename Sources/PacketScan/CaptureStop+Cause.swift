public import InventoryModel

extension CaptureStop {
    /// Why reading stopped, read from libpcap's message: the words a user sees in either
    /// language, while `reason` keeps libpcap's own text (the JSON output, logs).
    public enum Cause: Sendable, Hashable {
        /// The file ends inside a record: `part` is what libpcap was reading (the record's
        /// header, its captured bytes, a pcapng block, the file header).
        case truncated(part: Part, wanted: Int, got: Int)
        /// A record claims more bytes than any packet may have.
        case oversized(length: Int, maximum: Int)
        /// A message libpcap words in a way not listed here, kept as it is.
        case other(String)

        public enum Part: Sendable, Hashable {
            case fileHeader, recordHeader, packet, block
        }

        public func text(_ language: Language) -> String {
            func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
            switch self {
            case .truncated(let part, let wanted, let got):
                let what =
                    switch part {
                    case .fileHeader: t("phần đầu tệp", "the file header")
                    case .recordHeader: t("phần đầu bản ghi", "the record header")
                    case .packet: t("gói tin", "the packet")
                    case .block: t("khối pcapng", "the pcapng block")
                    }
                return t(
                    "tệp bị cắt cụt: \(what) cần \(wanted) byte, chỉ đọc được \(got)",
                    "the file is cut short: \(what) needs \(wanted) bytes, only \(got) were there")
            case .oversized(let length, let maximum):
                return t(
                    "bản ghi khai \(length) byte, quá mức tối đa \(maximum): tệp hỏng",
                    "a record claims \(length) bytes, more than the maximum of \(maximum): the file is damaged")
            case .other(let text):
                return t("libpcap: \(text)", text)
            }
        }
    }

    /// libpcap's `reason` read into a cause (sf-pcap.c, sf-pcapng.c wordings).
    public var cause: Cause {
        let numbers = reason.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        if reason.contains("truncated"), reason.contains("tried to read"), numbers.count >= 2 {
            let part: Cause.Part =
                reason.contains("file header") ? .fileHeader
                : reason.contains("pcapng") ? .block
                : reason.contains("captured bytes") ? .packet : .recordHeader
            return .truncated(part: part, wanted: numbers[numbers.count - 2], got: numbers[numbers.count - 1])
        }
        if reason.hasPrefix("invalid packet capture length"), numbers.count >= 2 {
            return .oversized(length: numbers[0], maximum: numbers[1])
        }
        return .other(reason)
    }
}

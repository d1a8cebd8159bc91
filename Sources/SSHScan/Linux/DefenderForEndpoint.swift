import Foundation
import InventoryModel

/// Microsoft Defender for Endpoint on Linux from `mdatp health`, whose lines read
/// `key<padding>: value`, values quoted, bare (`true`, `159`) or annotated (`true [managed]`).
///
/// Its dates are in the host's local time (`Aug 12, 2023 at 03:26:24 AM`), so the section also
/// carries the host's `date '+%s %z'`: the signature date is the host's clock less
/// `definitions_updated_minutes_ago`, or failing that `definitions_updated` read at the host's
/// offset. The licence is the tenant's, kept in the Defender portal: no expiry is read here.
enum DefenderForEndpoint: SingleSectionLinuxCollector {
    /// As the antivirus catalogue names it, so a product found by its paths is this one.
    static let productName = "Microsoft Defender for Endpoint (Linux)"
    static let healthLabel = "mdatp health"
    static let clockLabel = "date"

    // Nothing runs on a host without /usr/bin/mdatp. `timeout` (where there is one) keeps a stuck
    // daemon from holding up the sections after it.
    static let section = ProbeSection(
        name: "mdatp",
        script:
            "if [ -x /usr/bin/mdatp ]; then part '\(healthLabel)'; t=; command -v timeout >/dev/null 2>&1 && t='timeout 20'; "
            + "$t /usr/bin/mdatp health 2>&1 | head -c $ictaudit_cap; part \(clockLabel); date '+%s %z'; fi; true",
        source: "mdatp health where /usr/bin/mdatp exists; the host's date +%s %z",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        if let found = evidence.parts(section.name).flatMap(antivirus(from:)) { facts.antivirus.append(found) }
    }

    /// `nil` without the health part (no /usr/bin/mdatp). A failed `mdatp health` prints an error
    /// instead of fields: the product is installed, and nothing else about it is claimed.
    static func antivirus(from parts: LabelledParts) -> Antivirus? {
        guard let text = parts[healthLabel] else { return nil }
        let fields = health(text)
        let clock = parts[clockLabel].flatMap(hostClock)
        return Antivirus(
            product: productName, version: fields["app_version"], installed: true,
            realTimeProtection: fields["real_time_protection_enabled"].flatMap(bool),
            signatureDate: signatureDate(fields, clock: clock),
            signaturesUpToDate: fields["definitions_status"].flatMap(upToDate))
    }

    /// Key → value with quotes and a trailing `[managed]`-style note removed.
    static func health(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                continue
            }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasSuffix("]"), let open = value.lastIndex(of: "["), open > value.startIndex,
                value[value.index(before: open)] == " "
            {
                value = value[..<open].trimmingCharacters(in: .whitespaces)
            }
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if fields[key] == nil { fields[key] = value }
        }
        return fields
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// `up_to_date` is current; `could_be_older` and `outdated` say the product doubts it; any
    /// other state (`updating`) tells nothing.
    static func upToDate(_ status: String) -> Bool? {
        switch status {
        case "up_to_date": true
        case "could_be_older", "outdated": false
        default: nil
        }
    }

    /// The host's clock: epoch seconds and its UTC offset in seconds.
    static func hostClock(_ text: String) -> (now: Date, offset: Int)? {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, let seconds = Int(words[0]), let offset = CivilTime.offsetSeconds(words[1]) else {
            return nil
        }
        return (Date(timeIntervalSince1970: TimeInterval(seconds)), offset)
    }

    static func signatureDate(_ fields: [String: String], clock: (now: Date, offset: Int)?) -> Date? {
        guard let clock else { return nil }
        if let minutes = fields["definitions_updated_minutes_ago"].flatMap({ Int($0) }), minutes >= 0 {
            return clock.now.addingTimeInterval(-TimeInterval(minutes * 60))
        }
        return fields["definitions_updated"].flatMap { localTime($0) }.map {
            $0.addingTimeInterval(-TimeInterval(clock.offset))
        }
    }

    /// `Aug 12, 2023 at 03:26:24 AM` as if it were UTC (the caller applies the host's offset).
    static func localTime(_ text: String) -> Date? {
        let words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        guard words.count == 6, words[3] == "at", let month = CivilTime.month(abbreviation: words[0]),
            let day = Int(words[1]), let year = Int(words[2])
        else { return nil }
        let clock = words[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (1...12).contains(clock[0]), words[5] == "AM" || words[5] == "PM" else { return nil }
        let hour = clock[0] % 12 + (words[5] == "PM" ? 12 : 0)
        return CivilTime.date(year: year, month: month, day: day, hour: hour, minute: clock[1], second: clock[2])
    }
}

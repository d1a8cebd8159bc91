import Foundation
public import InventoryModel

/// Joins what the wire showed with what SSH found, as findings of the `wire` policy.
///
/// Passive capture sees hosts credentials cannot reach: an address in a unit's subnets that no
/// inventory target owns is an unmanaged computer; a managed host with no antivirus found by the
/// scan but seen fetching updates has a product the scan does not know; cleartext protocols are
/// findings on the host that used them.
public enum WireMerge {
    public static let policyID = "wire"

    public static func findings(_ snapshot: InventorySnapshot) -> [Finding] {
        guard !snapshot.captures.isEmpty else { return [] }
        var owner: [String: HostScan] = [:]
        for host in snapshot.hosts {
            owner[host.target.address] = host
            for interface in host.facts?.interfaces ?? [] {
                for address in interface.addresses {
                    let ip = String(address.split(separator: "/").first ?? "")
                    if owner[ip] == nil, !ip.hasPrefix("127."), ip != "::1" { owner[ip] = host }
                }
            }
        }
        var findings: [Finding] = []
        var reported: Set<String> = []
        for capture in snapshot.captures {
            for wire in capture.hosts where wire.scope == "unicast" && owner[wire.ip] == nil {
                guard let unit = wire.unit, reported.insert("unmanaged \(wire.ip)").inserted else { continue }
                findings.append(unmanaged(wire, unit: unit, source: capture.source))
            }
            for observation in capture.observations {
                let managed = owner[observation.host]
                let unit = managed?.target.unit ?? capture.hosts.first { $0.ip == observation.host }?.unit ?? capture.unit
                let host = managed?.target.endpoint ?? observation.host
                switch observation.kind {
                case .cleartextProtocol:
                    guard reported.insert("cleartext \(host) \(observation.proto)").inserted else { continue }
                    findings.append(cleartext(observation, host: host, unit: unit))
                case .antivirusUpdate:
                    guard let managed, !(managed.facts?.antivirus.contains { $0.installed } ?? false),
                        reported.insert("av \(host)").inserted
                    else { continue }
                    findings.append(updatingWithoutAntivirus(observation, host: managed))
                }
            }
        }
        return findings
    }

    private static func unmanaged(_ wire: WireHost, unit: String, source: String) -> Finding {
        var evidence = [EvidenceItem(path: "wire.ip", value: wire.ip)]
        if let mac = wire.mac { evidence.append(EvidenceItem(path: "wire.mac", value: mac)) }
        if let vendor = wire.vendor { evidence.append(EvidenceItem(path: "wire.vendor", value: vendor)) }
        if !wire.names.isEmpty { evidence.append(EvidenceItem(path: "wire.names", value: wire.names.joined(separator: ", "))) }
        if let os = wire.osGuess { evidence.append(EvidenceItem(path: "wire.os_guess", value: os)) }
        return Finding(
            policyID: policyID, ruleID: "unmanaged-host",
            title: LocalizedText(vi: "Máy hoạt động trong mạng nhưng chưa có trong danh mục", en: "Host on the network but not in the inventory"),
            severity: .medium, host: wire.ip, unit: unit, verdict: .fail,
            message: "seen in \(source) from \(iso(wire.firstSeen)) to \(iso(wire.lastSeen)) "
                + "(\(wire.bytesSent + wire.bytesReceived) bytes) but no inventory target owns this address",
            evidence: evidence)
    }

    private static func cleartext(_ observation: Observation, host: String, unit: String) -> Finding {
        Finding(
            policyID: policyID, ruleID: "cleartext-\(observation.proto)",
            title: LocalizedText(
                vi: "Dùng giao thức không mã hóa (\(observation.proto))", en: "Cleartext protocol in use (\(observation.proto))"),
            severity: .high, host: host, unit: unit, verdict: .fail,
            message: "\(observation.packets) packets with \(observation.peer) between \(iso(observation.firstSeen)) "
                + "and \(iso(observation.lastSeen)); credentials, if any, were not recorded",
            evidence: [
                EvidenceItem(path: "wire.peer", value: observation.peer),
                EvidenceItem(path: "wire.protocol", value: observation.proto),
            ] + (observation.detail.map { [EvidenceItem(path: "wire.detail", value: $0)] } ?? []))
    }

    private static func updatingWithoutAntivirus(_ observation: Observation, host: HostScan) -> Finding {
        Finding(
            policyID: policyID, ruleID: "antivirus-seen-updating",
            title: LocalizedText(
                vi: "Không thấy phần mềm diệt virus khi quét nhưng máy có tải bản cập nhật",
                en: "No antivirus found by the scan, but the host fetches antivirus updates"),
            severity: .info, host: host.target.endpoint, unit: host.target.unit, verdict: .notApplicable,
            message: "seen contacting \(observation.detail ?? observation.peer) (\(observation.proto)); "
                + "the product may be one the catalogue does not know, or the host was not scanned (\(host.status.rawValue))",
            evidence: [EvidenceItem(path: "wire.update_service", value: observation.detail ?? observation.peer)])
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}

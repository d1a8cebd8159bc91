import Foundation
import InventoryModel

/// The one-file facts in one `head -v` (one exec, not seven): host name, os-release, kernel
/// release, uptime, CPU, memory and the default route, each kept as evidence of its own by
/// `ProbeSection.parts`. `uname` answers only when its /proc file is missing.
enum SystemInfo: SingleSectionLinuxCollector {
    static let hostnameFile = "/proc/sys/kernel/hostname"
    static let kernelFile = "/proc/sys/kernel/osrelease"
    static let osReleaseFiles = ["/etc/os-release", "/usr/lib/os-release"]

    static let section = ProbeSection(
        name: "system",
        script:
            "o=\(osReleaseFiles[0]); [ -r $o ] || o=\(osReleaseFiles[1]); printf '\\n'; "
            + "head -v -c $ictaudit_cap \(hostnameFile) $o \(kernelFile) /proc/uptime "
            + "/proc/cpuinfo /proc/meminfo /proc/net/route; "
            + "[ -r \(hostnameFile) ] || { part 'uname -n'; uname -n; }; "
            + "[ -r \(kernelFile) ] || { part 'uname -r'; uname -r; }; true",
        source: "/proc/sys/kernel/{hostname,osrelease}, /etc/os-release, /proc/{uptime,cpuinfo,meminfo,net/route}",
        inline: true,
        parts: [
            .init(hostnameFile, as: "hostname"), .init("uname -n", as: "hostname"),
            .init(osReleaseFiles[0], as: "os-release"), .init(osReleaseFiles[1], as: "os-release"),
            .init(kernelFile, as: "kernel"), .init("uname -r", as: "kernel"),
            .init("/proc/uptime", as: "uptime"), .init("/proc/cpuinfo", as: "cpuinfo"),
            .init("/proc/meminfo", as: "meminfo"), .init("/proc/net/route", as: "route"),
        ])

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.hostname = evidence["hostname"].flatMap(LinuxEvidence.firstLine)
        facts.os = evidence["os-release"].flatMap(OSRelease.operatingSystem(from:))
        facts.kernel = evidence["kernel"].flatMap(LinuxEvidence.firstLine)
        facts.uptimeSeconds = evidence["uptime"].flatMap(uptime(from:))
        facts.cpu = evidence["cpuinfo"].flatMap(cpu(from:))
        facts.memory = evidence["meminfo"].flatMap(memory(from:))
        facts.defaultRoute = evidence["route"].flatMap(IPRoute.defaultRoute(from:))
    }

    /// `/proc/uptime`: seconds since boot, then idle seconds.
    static func uptime(from text: String) -> Double? {
        text.split(whereSeparator: \.isWhitespace).first.flatMap { Double($0) }.flatMap {
            $0.isFinite && $0 >= 0 ? $0 : nil
        }
    }

    /// `/proc/cpuinfo`: one `processor` line per logical CPU; the model line's name differs by
    /// architecture (x86 `model name`, ARM `Model`/`Hardware`, MIPS `cpu model`, POWER `cpu`).
    static func cpu(from text: String) -> CPU? {
        var processors = 0
        var models: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "processor", Int(value) != nil { processors += 1 }
            if !value.isEmpty, models[key] == nil { models[key] = value }
        }
        let model =
            ["model name", "cpu model", "hardware", "cpu"].lazy.compactMap { models[$0] }.first
            ?? models["model"].flatMap { Int($0) == nil ? $0 : nil }
        guard processors > 0 || model != nil else { return nil }
        return CPU(model: model, logicalCores: processors)
    }

    /// `/proc/meminfo`, whose kB are KiB.
    static func memory(from text: String) -> Memory? {
        var values: [String: Int64] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, fields[0].hasSuffix(":"), let kib = Int64(fields[1]), kib >= 0,
                kib < Int64.max / 1024
            else { continue }
            values[String(fields[0].dropLast())] = kib * 1024
        }
        guard let total = values["MemTotal"] else { return nil }
        return Memory(totalBytes: total, availableBytes: values["MemAvailable"])
    }
}

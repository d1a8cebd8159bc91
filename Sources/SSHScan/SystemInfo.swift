import Foundation
import InventoryModel

/// The one-file facts: uptime, CPU, memory and DMI firmware identity.
enum SystemInfo {
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

    /// `/sys/class/dmi/id/*`; the kernel prints the BIOS date as MM/DD/YYYY.
    static func hardware(from parts: LabelledParts) -> Hardware? {
        func value(_ file: String) -> String? {
            parts["/sys/class/dmi/id/\(file)"].flatMap(LinuxFactsParser.firstLine)
        }
        let date = value("bios_date").flatMap(biosDate(from:))
        let hardware = Hardware(
            biosDate: date, biosVendor: value("bios_vendor"), systemVendor: value("sys_vendor"),
            productName: value("product_name"))
        return hardware == Hardware(biosDate: nil) ? nil : hardware
    }

    static func biosDate(from text: String) -> Date? {
        let fields = text.split(separator: "/")
        guard fields.count == 3, let month = Int(fields[0]), let day = Int(fields[1]), let year = Int(fields[2]) else {
            return nil
        }
        return CivilTime.date(year: year, month: month, day: day)
    }
}

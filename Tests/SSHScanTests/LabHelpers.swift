import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// Scanning lab hosts the way the product does: HostScanner over libssh2, catalogue loaded.
enum LabScan {
    static var catalogue: AntivirusCatalogue {
        get throws {
            try AntivirusCatalogue.load(
                path: Lab.repositoryRoot.appendingPathComponent("policies/catalogues/antivirus.yaml").path)
        }
    }

    static func target(_ lab: Lab, _ host: String, os: TargetOS? = nil, sudo: Bool? = nil) throws -> SSHTarget {
        try lab.target(host, os: os, sudo: sudo)
    }

    static func scanner(_ lab: Lab, readServerOffer: Bool = false) throws -> HostScanner {
        var options = ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath, antivirusCatalogue: try catalogue)
        options.readServerOffer = readServerOffer
        return HostScanner(options: options)
    }

    /// One host through the fleet API, whose worker thread keeps the blocking libssh2 calls off
    /// Swift's small cooperative pool (which other tests' timing depends on).
    static func scan(_ lab: Lab, _ target: SSHTarget, readServerOffer: Bool = false) async throws -> HostScan {
        try #require(await scanner(lab, readServerOffer: readServerOffer).scan([target]).first)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }
}

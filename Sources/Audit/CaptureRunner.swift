import Foundation
import InventoryModel
import PacketScan

/// Runs the captures an inventory names (files, or interfaces for a fixed time) and keeps what the
/// merge needs. A capture that fails is recorded with its reason; it never stops the audit.
struct CaptureRunner: Sendable {
    var catalogueDirectory: String?
    var liveSeconds: Double

    func run(_ plan: AuditPlan) async -> [WireCapture] {
        guard !plan.captures.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            // libpcap reads block; keep them off Swift's cooperative threads.
            Thread { continuation.resume(returning: plan.captures.map { capture($0, units: plan.units) }) }.start()
        }
    }

    private func capture(_ source: CaptureSource, units: [InventoryModel.Unit]) -> WireCapture {
        let name: String
        switch source.kind {
        case .file(let path): name = path
        case .interface(let interface): name = interface
        }
        do {
            let catalogues = try catalogueDirectory.map { directory throws(CaptureError) in
                try CaptureCatalogues.load(directory: directory)
            } ?? CaptureCatalogues()
            let report: CaptureReport
            switch source.kind {
            case .file(let path):
                report = try PacketCapture.analyse(
                    file: path, units: units, catalogues: catalogues,
                    options: CaptureOptions(intervalSeconds: source.intervalSeconds ?? 60))
            case .interface(let interface):
                report = try PacketCapture.capture(
                    interface: interface, units: units, catalogues: catalogues,
                    options: CaptureOptions(duration: liveSeconds, intervalSeconds: source.intervalSeconds ?? 60))
            }
            return report.wireCapture(unit: source.unit, expectedPeriod: source.period)
        } catch {
            return WireCapture(
                source: name, unit: source.unit, packets: 0, complete: false, note: "\(error)", hosts: [],
                observations: [])
        }
    }
}

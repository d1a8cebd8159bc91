public import PacketScan
public import InventoryModel
import Foundation
import Reports

/// `ictaudit capture` as a request: where packets come from, how they are read and how the
/// result is written.
public struct CaptureRequest: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case json, table
    }

    /// A pcap or pcapng file; or else
    public var file: String?
    /// an interface to capture on live.
    public var interface: String?
    /// An inventory file whose units' subnets attribute hosts and bandwidth to units.
    public var inventory: String?
    public var options: CaptureOptions
    public var format: Format

    public init(file: String?, interface: String?, inventory: String?, options: CaptureOptions, format: Format) {
        self.file = file
        self.interface = interface
        self.inventory = inventory
        self.options = options
        self.format = format
    }

    /// Why the request cannot run, in the command line's words; nil when it can.
    public var problem: UsageProblem? {
        guard (file == nil) != (interface == nil) else { return .captureSource }
        if let duration = options.duration, duration <= 0 { return .notPositive(flag: "--duration") }
        if let count = options.count, count <= 0 { return .notPositive(flag: "--count") }
        return options.intervalSeconds > 0 ? nil : .notPositive(flag: "--interval")
    }
}

extension AuditWorkspace {
    /// Captures and writes the report (JSON streamed in 64 KiB chunks, never held whole; or the
    /// table). A file that ends in a bad record still writes everything read before it, warns
    /// where it stopped, and ends with status 3.
    public func capture(_ request: CaptureRequest, language: Language, output: CommandOutput) throws {
        if let problem = request.problem { throw WorkspaceError(vi: problem.text(.vi), en: problem.text(.en)) }
        let report = try capture(
            file: request.file, interface: request.interface, inventory: request.inventory, options: request.options)
        switch request.format {
        case .json:
            report.writeJSON { output.write(Data($0)) }
            output.print("")
        case .table: output.print(CaptureTable.render(report, language: language), terminator: "")
        }
        if let stop = report.stoppedAt {
            output.warn(
                CommandText.captureStopped(packet: stop.packetIndex, byte: stop.byteOffset, cause: stop.cause).line(language))
            throw CommandStatus(3)
        }
    }
}

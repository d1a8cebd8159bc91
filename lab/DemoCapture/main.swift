import ArgumentParser
import Foundation
import ICTAuditTesting

/// Writes the demo's deterministic capture (ICTAuditTesting.DemoCapture) to the path given:
/// the file inventory/demo.yaml names, `.lab/demo-capture.pcap`, by default.
struct DemoCaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-capture", abstract: "Write the demo audit's capture file (the same bytes every time).")

    @Argument(help: ArgumentHelp("Where to write it.", valueName: "path"))
    var path = ".lab/demo-capture.pcap"

    func run() throws {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try DemoCapture.write(to: path)
            print(path)
        } catch {
            FileHandle.standardError.write(Data("demo-capture: cannot write \(path): \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

DemoCaptureCommand.main()

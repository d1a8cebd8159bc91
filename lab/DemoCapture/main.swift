import Foundation
import ICTAuditTesting

// Writes the demo's deterministic capture (ICTAuditTesting.DemoCapture) to the path given,
// `.lab/demo-capture.pcap` by default: the file inventory/demo.yaml names.
let path = CommandLine.arguments.dropFirst().first ?? ".lab/demo-capture.pcap"
do {
    try FileManager.default.createDirectory(
        at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try DemoCapture.write(to: path)
    print(path)
} catch {
    FileHandle.standardError.write(Data("demo-capture: cannot write \(path): \(error)\n".utf8))
    exit(1)
}

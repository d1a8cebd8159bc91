import ArgumentParser
import Audit
import InventoryModel
import PacketScan

/// `ictaudit capture`: passive discovery and bandwidth from a capture file or a live interface.
struct CaptureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Read a pcap/pcapng file or capture live: hosts, links, bandwidth, antivirus-update and cleartext traffic.",
        discussion: """
            Never sends a packet. Bytes count whole frames as on the wire, as Wireshark's endpoint statistics do.
            A truncated or corrupt file prints everything read before the bad record and exits with status 3.
            A live capture runs for --duration (60 s when neither it nor --count is given); Ctrl-C ends it early.
              ictaudit capture --file site.pcapng --inventory inventory/demo.yaml --format table
              ictaudit capture --interface eth0 --filter 'not port 22' --duration 300 --interval 10

            """ + DataSearch.helpText)

    @Option(name: .long, help: ArgumentHelp("pcap or pcapng file to read.", valueName: "path"))
    var file: String?
    @Option(name: .long, help: ArgumentHelp("Interface to capture on live (needs root or CAP_NET_RAW).", valueName: "name"))
    var interface: String?
    @Option(name: .long, help: ArgumentHelp("BPF filter, tcpdump syntax.", valueName: "expression"))
    var filter: String?
    @Option(name: .long, help: ArgumentHelp(
        "Seconds to capture (live: wall clock, default 60 without --count; file: capture time).", valueName: "seconds"))
    var duration: Double?
    @Option(name: .long, help: ArgumentHelp("Stop after this many packets.", valueName: "packets"))
    var count: Int?
    @Option(name: .long, help: ArgumentHelp("Bandwidth interval in seconds.", valueName: "seconds"))
    var interval: Double = 60
    @Option(name: .long, help: "Output: json or table.")
    var format: CaptureRequest.Format = .json
    @Option(name: .long, help: ArgumentHelp("Inventory file whose units' subnets attribute hosts and bandwidth to units.", valueName: "inventory"))
    var inventory: String?
    @Option(name: .long, help: ArgumentHelp(
        "Folder of capture catalogues (MAC vendors, OS signatures, antivirus update domains). Default: the data directory's policies/catalogues.",
        valueName: "dir"))
    var catalogues: String?
    @OptionGroup var data: DataOptions
    @OptionGroup var language: LanguageOption

    var request: CaptureRequest {
        let options = CaptureOptions(filter: filter, duration: duration, count: count, intervalSeconds: interval)
        return CaptureRequest(file: file, interface: interface, inventory: inventory, options: options, format: format)
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError(problem.text(language.lang)) }
    }

    func run() async throws {
        let workspace = AuditWorkspace(options: .init(dataDirectory: data.data, catalogues: catalogues))
        var request = request
        // Ctrl-C ends a live capture and still prints what it saw.
        if interface != nil { request.options.stopRequest = StopRequest.onControlC() }
        try await Console(language: language.lang).checked {
            try workspace.capture(request, language: language.lang, output: .terminal)
        }
    }
}

import Audit
import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Logging
import Ranking
import Reports
import SSHScan
import Testing

/// The demo inventory, scanned on the lab with the demo capture: each unit's measured figures and
/// the MIC ranking's infrastructure indicators, compared with values worked out by hand from the
/// capture's schedule (`DemoCapture`) and the lab hosts' files (`lab/hosts/`).
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct DemoMeasurementTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// demo.yaml's port → the lab host it names.
    static let hostOfPort = [
        22301: "debian-ok", 22302: "debian-old", 22303: "rhel-ok", 22304: "changed-key", 22305: "hostile",
        22306: "suse-ok", 22307: "windows-ws", 22308: "windows-srv", 22309: "jump-bastion", 22310: "jump-inner",
    ]

    /// demo.yaml pointed at this test's private lab and a freshly written demo capture.
    static func demoPlan(_ lab: Lab, capture: String) throws -> AuditPlan {
        var plan = try InventoryFile.load(path: repositoryRoot.appendingPathComponent("inventory/demo.yaml").path)
        plan.knownHostsPath = lab.knownHostsPath
        let bastion = try lab.port(of: "jump-bastion")
        plan.targets = try plan.targets.map { target in
            var t = target
            t.credential = .keyFile(path: lab.clientKeyPath, passphraseEnvironment: nil)
            if let host = hostOfPort[target.port] { t.port = try lab.port(of: host) }
            if t.proxyJump != nil { t.proxyJump = "ictlab@127.0.0.1:\(bastion)" }
            return t
        }
        plan.captures = plan.captures.map { var c = $0; c.kind = .file(capture); return c }
        return plan
    }

    @Test("The demo audit measures bandwidth, wire-only hosts and antivirus coverage; MIC ranks from them")
    func demoFigures() async throws {
        let lab = try await Lab.shared()
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).pcap").path
        try DemoCapture.write(to: capture)
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let plan = try Self.demoPlan(lab, capture: capture)
        var pipeline = AuditPipeline(logger: Logger(label: "test"), environment: [:])
        pipeline.catalogueDirectory = Self.repositoryRoot.appendingPathComponent("policies/catalogues").path
        let snapshot = await pipeline.scan(plan, options: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath))
        #expect(snapshot.captures.first?.complete == true)
        let units = UnitInventory.build(snapshot)
        let office = try #require(units.first { $0.id == "van-phong" })
        let it = try #require(units.first { $0.id == "trung-tam-cntt" })
        let inspectorate = try #require(units.first { $0.id == "thanh-tra" })

        // Coverage: the capture spans 08:00–08:30 and sees all three units.
        #expect(units.map(\.coverage.state) == [.full, .full, .full])

        // Internet links. One record is 60,000 bytes = 8 kbit/s over a minute.
        // van-phong in: 28 minutes of 500 records, one of 750, one of 1,000 → p95 (29th of 30) 750 × 8 kbit/s.
        let officeInternet = try #require(office.link(.internet)?.measured)
        #expect(officeInternet.intervals == 30)
        #expect(officeInternet.inbound.p95BitsPerSecond == 6_000_000)
        #expect(officeInternet.inbound.peakBitsPerSecond == 8_000_000)
        #expect(officeInternet.inbound.meanBitsPerSecond == Double(28 * 500 + 750 + 1000) * 8_000 / 30)
        // Out: 125 records a minute (1 Mbit/s); the laptop's DNS query and TLS hello add a few bytes in minute 3.
        #expect(officeInternet.outbound.p95BitsPerSecond == 1_000_000)
        #expect(officeInternet.outbound.peakBitsPerSecond > 1_000_000)
        #expect(office.link(.internet)?.utilisation == 0.3)  // 6 of 20 Mbit/s
        #expect(office.link(.internet)?.measuredPerStaffMbps == 1.5)  // 6 / 4 staff
        #expect(office.link(.internet)?.contractedPerStaffMbps == 5)
        // trung-tam-cntt out: 28 × 625, 1,250, 1,875 → p95 10 Mbit/s, peak 15; in p95 2 Mbit/s.
        let itInternet = try #require(it.link(.internet)?.measured)
        #expect(itInternet.outbound.p95BitsPerSecond == 10_000_000)
        #expect(itInternet.outbound.peakBitsPerSecond == 15_000_000)
        #expect(itInternet.inbound.p95BitsPerSecond == 2_000_000)
        #expect(it.link(.internet)?.utilisation == 0.1)
        #expect(it.link(.internet)?.measuredPerStaffMbps == 5)
        // thanh-tra in: 25 × 125, 5 × 1,250 → p95 10 Mbit/s: the whole contracted 10.
        #expect(inspectorate.link(.internet)?.measured?.inbound.p95BitsPerSecond == 10_000_000)
        #expect(inspectorate.link(.internet)?.utilisation == 1)
        // WAN: IT centre → office and inspectorate → IT centre.
        #expect(office.link(.wan)?.peers == ["trung-tam-cntt"])
        #expect(it.link(.wan)?.peers == ["thanh-tra", "van-phong"])
        #expect(office.wanConnectedShare == 1)

        // LAN: managed, wire-only and silent addresses.
        let officeLAN = try #require(office.lan.segments.first { $0.subnet == "10.10.10.0/24" })
        #expect(officeLAN.managed.map(\.address) == ["10.10.10.21"])
        #expect(officeLAN.wireOnly.map(\.address) == ["10.10.10.50", "10.10.10.60"])
        #expect(officeLAN.wireOnly.first?.names.contains("laptop-khach") == true)
        #expect(office.lan.segments.first { $0.subnet == "10.40.2.0/24" }?.managed.count == 1)  // windows-ws
        let itServers = try #require(it.lan.segments.first { $0.subnet == "172.16.16.0/24" })
        #expect(itServers.wireOnly.map(\.address) == ["172.16.16.99"])
        let inspectorateEth1 = try #require(inspectorate.lan.segments.first { $0.subnet == "192.168.50.0/24" })
        #expect(inspectorateEth1.silent.map(\.address) == ["192.168.50.3"])
        #expect(inspectorate.lan.segments.first { $0.subnet == "10.20.5.0/24" }?.wireOnly.map(\.address) == ["10.20.5.30"])

        // Antivirus: the laptop outside the inventory fetches Kaspersky updates.
        #expect(office.antivirus.wireOnlyUpdating == ["10.10.10.50"])
        #expect(office.antivirus.computers == 3)

        // Computers per staff: 3/4, 6/2, 2/3.
        #expect(units.map(\.computers.total) == [3, 6, 2])
        #expect(office.computers.perStaff == 0.75)

        // The MIC ranking reads the same figures, marked measured.
        let method = try RankingMethod.load(
            contentsOf: Self.repositoryRoot.appendingPathComponent("policies/ranking/mic-it-application.yaml"))
        let result = method.score(snapshot, findings: [])
        func indicator(_ unit: String, _ id: String) throws -> IndicatorScore {
            try #require(result.units.first { $0.unitID == unit }?.indicators.first { $0.id == id })
        }
        for unit in ["van-phong", "trung-tam-cntt", "thanh-tra"] {
            for id in ["may_tinh_tren_can_bo", "ty_le_may_co_phan_mem_diet_virus", "bang_thong_tren_can_bo", "ket_noi_wan",
                       "trung_tam_du_lieu", "ty_le_may_bang_rong"] {
                #expect(try indicator(unit, id).source == .measured, "\(unit) \(id)")
            }
        }
        #expect(try indicator("van-phong", "bang_thong_tren_can_bo").raw == 1.5)
        #expect(try indicator("trung-tam-cntt", "bang_thong_tren_can_bo").raw == 5)
        #expect(abs(try indicator("thanh-tra", "bang_thong_tren_can_bo").raw - 10.0 / 3) < 1e-9)
        // ratio to the best unit (5 Mbit/s per staff) × 40 points.
        #expect(try indicator("van-phong", "bang_thong_tren_can_bo").normalised == 0.3)
        #expect(try indicator("van-phong", "ket_noi_wan").raw == 1)
        #expect(try indicator("trung-tam-cntt", "may_tinh_tren_can_bo").raw == 3)

        // The HTML report shows the same figures per unit, each marked measured or declared, and
        // each unit's LAN segments address by address: read back from the DOM headless Chromium built.
        try await Self.checkHTMLReport(snapshot, ranking: result)
        try await Self.checkSpreadsheet(snapshot, ranking: result)

        // Stored, the scan gives the same unit inventory without the capture file, and the asset
        // register: a CSV Python's csv module (the spreadsheet oracle) reads as one row per host.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-register-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let storePath = work.appendingPathComponent("store.sqlite").path
        let store = try AuditStore(path: storePath)
        let id = try store.save(snapshot)
        try FileManager.default.removeItem(atPath: capture)
        let stored = try #require(try store.snapshot(id: id))
        #expect(UnitInventory.build(stored) == units)
        let workspace = AuditWorkspace(options: .init(store: storePath))
        let csv = try workspace.assetRegister(scan: id, unit: nil, language: .en).render(.csv)
        let csvPath = work.appendingPathComponent("hosts.csv").path
        try csv.write(to: URL(fileURLWithPath: csvPath))
        let read = try await CommandRunner.run(
            "/usr/bin/python3",
            ["-c", "import csv,sys; rows=list(csv.reader(open(sys.argv[1], encoding='utf-8-sig'))); print(len(rows)); print(rows[0][0], rows[0][-1]); print(sorted({len(r) for r in rows}))", csvPath],
            timeout: .seconds(30))
        #expect(read.standardOutputText == "12\nUnit Scan status\n[24]\n")  // header + 11 hosts, 24 columns each
        let software = try workspace.assetRegister(scan: id, unit: "thanh-tra", language: .vi).render(.csv, software: true)
        #expect(String(decoding: software, as: UTF8.self).contains("openssh-server"))
        #expect(throws: WorkspaceError.self) { try workspace.assetRegister(scan: id, unit: "thanh-traa", language: .vi) }
        let table = String(decoding: try workspace.assetRegister(scan: id, unit: nil, language: .vi).render(.table), as: UTF8.self)
        #expect(table.contains("van-phong") && table.contains("Đo đầy đủ"))
    }

    /// One figure row of a unit page's DOM: its value and source class.
    static func figure(_ dom: String, _ id: String) -> (value: String, source: String)? {
        let pattern = #"<tr data-figure="\#(id)"><td>[^<]*</td><td class="num">([^<]*)</td><td class="source ([a-z-]+)">"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: dom, range: NSRange(dom.startIndex..., in: dom)),
            let value = Range(match.range(at: 1), in: dom), let source = Range(match.range(at: 2), in: dom)
        else { return nil }
        return (String(dom[value]), String(dom[source]))
    }

    /// The `<li>` items of one column (`managed`, `wire-only`, `silent`) of a LAN segment row.
    static func addresses(_ dom: String, subnet: String, _ kind: String) -> [String] {
        guard let row = dom.range(of: #"<tr data-subnet="\#(subnet)">"#),
            let end = dom[row.upperBound...].range(of: "</tr>")
        else { return [] }
        let cells = String(dom[row.upperBound..<end.lowerBound])
        let regex = try! NSRegularExpression(pattern: #"<li class="\#(kind)[^"]*" data-address="([^"]+)">"#)
        return regex.matches(in: cells, range: NSRange(cells.startIndex..., in: cells)).compactMap { match in
            Range(match.range(at: 1), in: cells).map { String(cells[$0]) }
        }
    }

    static func checkHTMLReport(_ snapshot: InventorySnapshot, ranking: RankingResult) async throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            Issue.record("chromium is not installed (apt-get install chromium)")
            return
        }
        let input = ReportInput(
            snapshot: snapshot, findings: [], ranking: ranking, generatedAt: snapshot.finishedAt, language: .en, policies: [],
            toolVersion: "test")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-demo-html-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try HTMLReport().files(for: input) {
            let url = folder.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
        let profile = folder.appendingPathComponent("profile")
        func dom(_ unit: String) async throws -> String {
            let page = folder.appendingPathComponent("units/\(unit).html")
            #expect(FileManager.default.fileExists(atPath: page.path), "\(page.path)")
            let run = try await CommandRunner.run(
                chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)", "--dump-dom", page.absoluteString],
                timeout: .seconds(120))
            #expect(run.status == 0, "\(run.standardError.suffix(500))")
            return run.standardOutputText
        }

        // van-phong, worked out in demoFigures: Internet in p95 6, peak 8, out p95 1 Mbit/s; 6 of the
        // contracted 20 = 30 %; 6 / 4 staff = 1.5; 3 computers / 4 staff.
        let office = try await dom("van-phong")
        #expect(figure(office, "internet-in-p95")?.value == "6.0 Mbit/s")
        #expect(figure(office, "internet-in-p95")?.source == "measured")
        #expect(figure(office, "internet-in-peak")?.value == "8.0 Mbit/s")
        #expect(figure(office, "internet-out-p95")?.value == "1.0 Mbit/s")
        #expect(figure(office, "internet-utilisation")?.value == "30.0%")
        #expect(figure(office, "internet-per-staff")?.value == "1.50 Mbit/s")
        #expect(figure(office, "internet-contracted")?.value == "20.0 Mbit/s")
        #expect(figure(office, "internet-contracted")?.source == "declared")
        #expect(figure(office, "internet-contracted-per-staff")?.value == "5.00 Mbit/s")
        #expect(figure(office, "staff")?.source == "declared")
        #expect(figure(office, "computers-per-staff")?.value == "0.75")
        #expect(figure(office, "av-wire-only-updating")?.value == "1: 10.10.10.50")
        let itName = try #require(snapshot.units.first { $0.id == "trung-tam-cntt" }).name.en
        #expect(figure(office, "wan-peers")?.value == itName)
        #expect(figure(office, "within-age-limit") != nil)
        #expect(addresses(office, subnet: "10.10.10.0/24", "managed") == ["10.10.10.21"])
        #expect(addresses(office, subnet: "10.10.10.0/24", "wire-only") == ["10.10.10.50", "10.10.10.60"])
        // The laptop outside the inventory: its DHCP name, and seen fetching antivirus updates.
        #expect(addresses(office, subnet: "10.10.10.0/24", "wire-only av") == ["10.10.10.50"])
        #expect(office.contains("laptop-khach"))

        // trung-tam-cntt: out p95 10, peak 15 Mbit/s; 10 of 100 = 10 %; the wire-only host on the server segment.
        let it = try await dom("trung-tam-cntt")
        #expect(figure(it, "internet-out-p95")?.value == "10.0 Mbit/s")
        #expect(figure(it, "internet-out-peak")?.value == "15.0 Mbit/s")
        #expect(figure(it, "internet-utilisation")?.value == "10.0%")
        #expect(addresses(it, subnet: "172.16.16.0/24", "wire-only") == ["172.16.16.99"])

        // thanh-tra: the whole contracted 10 Mbit/s in p95; debian-old's second address is silent.
        let inspectorate = try await dom("thanh-tra")
        #expect(figure(inspectorate, "internet-in-p95")?.value == "10.0 Mbit/s")
        #expect(figure(inspectorate, "internet-utilisation")?.value == "100.0%")
        #expect(addresses(inspectorate, subnet: "192.168.50.0/24", "silent") == ["192.168.50.3"])
        #expect(addresses(inspectorate, subnet: "10.20.5.0/24", "wire-only") == ["10.20.5.30"])
    }

    /// The XLSX "Unit inventory" sheet, read back by openpyxl (an independent reader): the same
    /// hand-worked figures as `demoFigures`, as numbers, each group with its source.
    static func checkSpreadsheet(_ snapshot: InventorySnapshot, ranking: RankingResult) async throws {
        let input = ReportInput(
            snapshot: snapshot, findings: [], ranking: ranking, generatedAt: snapshot.finishedAt, language: .en, policies: [],
            toolVersion: "test")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-demo-xlsx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let book = folder.appendingPathComponent("report.xlsx")
        try #require(try XLSXReport().files(for: input).first).data.write(to: book)
        let oracle = repositoryRoot.appendingPathComponent("Tests/ReportsTests/Oracles/xlsx_read.py").path
        // python3 from PATH, as the Reports oracles run it: openpyxl is a pip package, not Debian's python3.
        let read = try await CommandRunner.run("/usr/bin/env", ["python3", oracle, book.path], timeout: .seconds(120))
        #expect(read.status == 0, "\(read.standardError.suffix(500))")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(read.standardOutputText.utf8)) as? [String: Any])
        let sheets = try #require(parsed["sheets"] as? [[String: Any]])
        let sheet = try #require(sheets.first { $0["name"] as? String == "Unit inventory" })
        let rows = try #require(sheet["rows"] as? [[Any]]).map { $0.map { $0 as? [String: Any] } }
        let headings = rows[0].map { $0?["text"] as? String }
        func cell(_ unit: String, _ heading: String) -> [String: Any]? {
            guard let row = rows.first(where: { $0.first??["text"] as? String == unit }),
                let column = headings.firstIndex(of: heading)
            else {
                Issue.record("no cell \(unit) / \(heading)")
                return nil
            }
            return column < row.count ? row[column] : nil
        }
        func number(_ unit: String, _ heading: String) -> Double? { cell(unit, heading)?["number"] as? Double }
        func text(_ unit: String, _ heading: String) -> String? { cell(unit, heading)?["text"] as? String }
        let internet = "Internet link"
        #expect(number("van-phong", "\(internet), inbound: p95 (Mbit/s)") == 6)
        #expect(number("van-phong", "\(internet), inbound: peak (Mbit/s)") == 8)
        #expect(number("van-phong", "\(internet), outbound: p95 (Mbit/s)") == 1)
        let utilisation = "\(internet): utilisation of the contracted capacity (p95, busier direction)"
        #expect(number("van-phong", utilisation) == 0.3)
        #expect(cell("van-phong", utilisation)?["format"] as? String == "0.00%")
        #expect(number("van-phong", "\(internet): measured per staff member (p95) (Mbit/s)") == 1.5)
        #expect(number("van-phong", "\(internet): contracted (Mbit/s)") == 20)
        #expect(text("van-phong", "Source of the figure: \(internet): contracted") == "declared")
        #expect(text("van-phong", "Source of the figure: \(internet): measured traffic") == "measured")
        #expect(text("van-phong", "Source of the figure: Passive measurement") == "measured")
        #expect(number("van-phong", "Computers per staff member") == 0.75)
        #expect(number("van-phong", "Hosts outside the inventory seen fetching antivirus updates") == 1)
        #expect((number("van-phong", "LAN: wire-only (not in the inventory)") ?? 0) >= 2, "10.10.10.50 and .60 at least")
        #expect(number("trung-tam-cntt", "\(internet), outbound: p95 (Mbit/s)") == 10)
        #expect(number("trung-tam-cntt", "\(internet), outbound: peak (Mbit/s)") == 15)
        #expect(number("trung-tam-cntt", utilisation) == 0.1)
        #expect(number("thanh-tra", "\(internet), inbound: p95 (Mbit/s)") == 10)
        #expect(number("thanh-tra", utilisation) == 1)
        #expect((number("thanh-tra", "LAN: silent (in the inventory, never seen)") ?? 0) >= 1, "192.168.50.3")
    }
}

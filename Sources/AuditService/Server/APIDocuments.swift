import Foundation
import InventoryModel
import Ranking

/// The JSON the API answers with. Field names are the OpenAPI document's (`Assets/openapi.json`);
/// a test checks live answers against it.
enum API {
    /// Text in both languages, as the core holds it (`{"vi": …, "en": …}`).
    typealias Text = LocalizedText

    struct ScanRef: Encodable {
        var id: Int64
        var inventory: String
        var startedAt: Date
        var finishedAt: Date
    }

    struct TierRef: Encodable {
        var id: String
        var label: Text
    }

    struct UnitRow: Encodable {
        var id: String
        var name: Text
        var score: Double
        var rank: Int
        var tier: TierRef?
        var group: String?
        var trend: [TrendPoint]
    }

    struct Ranking: Encodable {
        var scan: ScanRef
        var method: String
        var methodName: Text
        var units: [UnitRow]
    }

    struct Host: Encodable {
        var endpoint: String
        var unit: String
        var status: String
        var message: String?
        var hostname: String?
        var operatingSystem: String?
        var kernel: String?
        var antivirus: [String]
        var listeningPorts: [Int]
        var packages: Int?
        var durationSeconds: Double
        var failed: Int

        init(_ host: HostSummary, failed: Int) {
            endpoint = host.endpoint
            unit = host.unit
            status = host.status.rawValue
            message = host.message
            hostname = host.hostname
            operatingSystem = host.operatingSystem
            kernel = host.kernel
            antivirus = host.antivirus
            listeningPorts = host.listeningPorts
            packages = host.packages
            durationSeconds = host.durationSeconds
            self.failed = failed
        }
    }

    struct FindingRow: Encodable {
        var policy: String
        var rule: String
        var title: Text
        var severity: String
        var verdict: String
        var host: String
        var unit: String
        var message: String?
        var evidence: [Evidence]

        struct Evidence: Encodable {
            var path: String
            var value: String
        }

        init(_ finding: Finding) {
            policy = finding.policyID
            rule = finding.ruleID
            title = finding.title
            severity = finding.severity.rawValue
            verdict = finding.verdict.rawValue
            host = finding.host
            unit = finding.unit
            message = finding.message
            evidence = finding.evidence.map { Evidence(path: $0.path, value: $0.value) }
        }
    }

    struct UnitDetail: Encodable {
        var scan: ScanRef
        var unit: UnitRow
        var staff: Int?
        /// The core's indicator scores as they are: the ranking's own fields, no second mapping.
        var indicators: [IndicatorScore]
        var explanation: LinesDocument
        var hosts: [Host]
        var findingsByVerdict: [String: Int]
    }

    struct LinesDocument: Encodable {
        var vi: [String]
        var en: [String]
    }

    struct HostDetail: Encodable {
        var scan: ScanRef
        var host: Host
        var findings: [FindingRow]
    }

    struct Findings: Encodable {
        var scan: ScanRef
        var total: Int
        var offset: Int
        var findings: [FindingRow]
        /// Pass as `cursor` for the next page; absent on the last page.
        var nextCursor: String?
    }

    struct ScanRow: Encodable {
        var id: Int64
        var inventory: String
        var startedAt: Date
        var finishedAt: Date
        var hosts: Int
        var scanned: Int
    }

    struct Scans: Encodable {
        var scans: [ScanRow]
    }

    struct ScheduleRow: Encodable {
        var name: String
        var cron: String
        var timeZone: String
        var inventory: String
        var next: [Date]
        var running: Bool
        var missed: String
    }

    struct Schedules: Encodable {
        var schedules: [ScheduleRow]
    }

    struct Runs: Encodable {
        var runs: [RunRow]
    }

    struct RunRow: Encodable {
        var id: Int
        var schedule: String
        var state: String
        var byHand: Bool
        var fireTime: Date
        var started: Date
        var finished: Date?
        var hostsDone: Int
        var hostsTotal: Int
        var scanID: Int64?
        var error: String?

        init(_ run: RunLog.Run) {
            (id, schedule, state, byHand, fireTime, started) = (run.id, run.schedule, run.state, run.byHand, run.fireTime, run.started)
            (finished, hostsDone, hostsTotal, scanID, error) = (run.finished, run.hostsDone, run.hostsTotal, run.scanID, run.error)
        }
    }

    struct RunStarted: Encodable {
        var schedule: String
        var started: Bool
    }

    struct Problem: Encodable {
        var error: String
    }
}

extension API {
    /// A token as listed: never the token, never its hash.
    struct TokenRow: Encodable {
        var name: String
        var role: String
        var created: Date

        init(_ entry: TokenStore.Entry) { (name, role, created) = (entry.name, entry.role.rawValue, entry.created) }
    }

    struct Tokens: Encodable {
        var tokens: [TokenRow]
    }

    /// What `POST /api/v1/tokens` takes.
    struct NewTokenRequest: Decodable {
        var name: String
        var role: String?
    }

    /// A token just made: the only answer that holds it.
    struct NewToken: Encodable {
        var name: String
        var role: String
        var created: Date
        var token: String
    }
}

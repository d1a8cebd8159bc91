public import Audit
public import Foundation
public import SSHScan

/// The recent scan runs (scheduled or by hand) and how far each has got, for the dashboard and
/// `GET /api/v1/runs`. Fed by the scheduler's and the pipeline's events.
public final class RunLog: Sendable {
    public struct Run: Sendable, Hashable, Codable {
        public var id: Int
        public var schedule: String
        public var fireTime: Date
        public var started: Date
        public var finished: Date?
        public var byHand: Bool
        public var hostsDone: Int
        public var hostsTotal: Int
        public var scanID: Int64?
        public var error: String?

        public var state: String { finished == nil ? "running" : (error == nil ? "completed" : "failed") }
    }

    private let runs = Mutex<[Run]>([])
    private let limit: Int

    public init(limit: Int = 200) { self.limit = limit }

    /// Newest first.
    public var all: [Run] { runs.withLock { $0.reversed() } }

    public func record(_ event: SchedulerEvent) {
        runs.withLock { list in
            switch event {
            case .started(let schedule, let fireTime, _, _, let byHand):
                list.append(
                    Run(
                        id: (list.last?.id ?? 0) + 1, schedule: schedule, fireTime: fireTime, started: Date(), byHand: byHand,
                        hostsDone: 0, hostsTotal: 0))
                if list.count > limit { list.removeFirst(list.count - limit) }
            case .finished(let schedule, _, _, let error):
                if let index = list.lastIndex(where: { $0.schedule == schedule && $0.finished == nil }) {
                    list[index].finished = Date()
                    list[index].error = error
                }
            case .dropped: break
            }
        }
    }

    public func record(schedule: String, _ event: AuditEvent) {
        runs.withLock { list in
            guard let index = list.lastIndex(where: { $0.schedule == schedule && $0.finished == nil }) else { return }
            switch event {
            case .scanning(let hosts): list[index].hostsTotal = hosts
            case .scan(.finished(_, let completed, let total)):
                list[index].hostsDone = completed
                list[index].hostsTotal = total
            case .stored(let scanID): list[index].scanID = scanID
            default: break
            }
        }
    }
}

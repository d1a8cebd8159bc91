public import Foundation
public import Reports

/// One scheduled compliance scan: when it runs and what it audits, as a schedules file states it.
public struct Schedule: Sendable, Hashable {
    /// What to do about fire times that passed while the service was down.
    public enum MissedRuns: String, Sendable, Hashable, CaseIterable {
        /// Forget them; wait for the next fire time.
        case skip
        /// Run once as soon as the service is back, however many were missed.
        case catchUpOnce = "catch_up_once"
    }

    public var name: String
    public var cron: CronExpression
    public var inventory: String
    /// Policy files or folders; empty means the workspace's policies.
    public var policies: [String]
    public var waivers: String?
    /// A ranking method file; `nil` means the basic readiness method.
    public var method: String?
    /// The report formats written after each run.
    public var formats: [ReportFormat]
    /// Where reports go: `%Y %m %d %H %M` and `%n` (the schedule's name) are replaced at fire time,
    /// in the schedule's time zone.
    public var output: String
    /// How many of this schedule's scans the store keeps; `nil` keeps all.
    public var keep: Int?
    public var missed: MissedRuns
    public var language: String
    /// Where the definition is, for messages (`schedules.yaml:12:5`).
    public var location: String
    /// The time zone as the schedules file names it (Foundation on Linux names `UTC` "GMT");
    /// nil: `cron.timeZone.identifier`.
    public var timeZoneName: String? = nil

    /// The report folder for a run fired at `date`.
    public func outputDirectory(firedAt date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = cron.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ v: Int?) -> String { v.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        var result = ""
        var iterator = output.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else { result.append(character); continue }
            switch iterator.next() {
            case "Y": result += String(c.year ?? 0)
            case "m": result += two(c.month)
            case "d": result += two(c.day)
            case "H": result += two(c.hour)
            case "M": result += two(c.minute)
            case "n": result += name
            case "%": result += "%"
            case let other?: result += "%" + String(other)
            case nil: result += "%"
            }
        }
        return result
    }
}

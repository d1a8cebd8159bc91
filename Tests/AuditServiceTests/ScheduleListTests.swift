import AuditService
import Foundation
import InventoryModel
import Testing

/// `ictaudit schedule list` prints what `ScheduleFile.fireTimes` returns: a line per schedule with
/// its next fire times in the schedule's own zone.
struct ScheduleListTests {
    @Test("each schedule's next fire times are written in its own time zone (02:00 Hanoi is 19:00 UTC the day before)")
    func fireTimesInTheirZone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-schedules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("schedules.yaml").path
        try """
        schedules:
          - { name: hang-ngay, cron: "0 2 * * *", inventory: demo.yaml, formats: [json], output: out }
          - { name: tokyo, cron: "30 0 1 * *", time_zone: Asia/Tokyo, inventory: demo.yaml, formats: [json], output: out }
          - { name: utc, cron: "0 12 * * *", time_zone: UTC, inventory: demo.yaml, formats: [json], output: out }
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let after = try #require(ISO8601DateFormatter().date(from: "2026-12-05T01:00:00Z"))
        #expect(
            try ScheduleFile.fireTimes(path: file, count: 2, after: after) == [
                "hang-ngay\t0 2 * * *\tAsia/Ho_Chi_Minh\t2026-12-06 02:00 +07:00, 2026-12-07 02:00 +07:00",
                "tokyo\t30 0 1 * *\tAsia/Tokyo\t2027-01-01 00:30 +09:00, 2027-02-01 00:30 +09:00",
                // The zone as written (Foundation on Linux calls UTC "GMT").
                "utc\t0 12 * * *\tUTC\t2026-12-05 12:00 Z, 2026-12-06 12:00 Z",
            ])
        let broken = folder.appendingPathComponent("broken.yaml").path
        try "schedules:\n  - { name: x, cron: \"61 * * * *\" }\n".write(toFile: broken, atomically: true, encoding: .utf8)
        #expect(throws: SourceError.self) { try ScheduleFile.fireTimes(path: broken, count: 1) }
    }
}

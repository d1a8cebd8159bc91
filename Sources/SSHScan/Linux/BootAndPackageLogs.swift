import Foundation
import InventoryModel

/// When the host last booted (`/proc/stat`'s btime) and last installed or upgraded a package (the
/// last line of each package manager's log).
enum BootAndPackageLogs: SingleSectionLinuxCollector {
    static let bootTimeLabel = "btime"
    static let dpkgLog = "/var/log/dpkg.log"
    static let aptHistory = "/var/log/apt/history.log"
    static let dnfLog = "/var/log/dnf.rpm.log"
    static let zypperHistory = "/var/log/zypp/history"
    static let yumLog = "/var/log/yum.log"
    static let todayLabel = "today"

    /// The last line matching, as `grep … | tail -n 1` gives it, in one program: `h` keeps each
    /// match, the last line prints what was kept (nothing when no line matched).
    static func lastMatch(_ addresses: String, _ file: String) -> String {
        "sed -n '\(addresses)${x;/./p;}' \(file)"
    }

    static let section = ProbeSection(
        name: "boot-update",
        script:
            "part \(bootTimeLabel); grep '^btime' /proc/stat; "
            + "if [ -r \(dpkgLog) ]; then part \(dpkgLog); \(lastMatch("/ install /h;/ upgrade /h;", dpkgLog)); fi; "
            + "if [ -r \(aptHistory) ]; then part \(aptHistory); \(lastMatch("/^End-Date:/h;", aptHistory)); fi; "
            + "if [ -r \(dnfLog) ]; then part \(dnfLog); "
            + "\(lastMatch("/Upgraded/h;/Installed/h;/Upgrade:/h;/Install:/h;", dnfLog)); fi; "
            + "if [ -r \(zypperHistory) ]; then part \(zypperHistory); \(lastMatch("/^#/!h;", zypperHistory)); fi; "
            // RHEL/CentOS 7: yum.log writes no year, so the host's date comes along (the one exec
            // this costs, on those hosts only).
            + "if [ -r \(yumLog) ] && [ ! -r \(dnfLog) ]; then part \(yumLog); "
            + "\(lastMatch("/ Updated: /h;/ Installed: /h;", yumLog)); part \(todayLabel); date +%Y-%m-%d; fi; true",
        source: "/proc/stat btime; last line of dpkg.log, apt history, dnf.rpm.log, zypp history, yum.log",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        guard let parts = evidence.parts(section.name) else { return }
        facts.lastBoot = lastBoot(from: parts)
        facts.lastUpdate = lastUpdate(from: parts)
    }

    static func lastBoot(from parts: LabelledParts) -> Date? {
        LinuxEvidence.lines(parts[bootTimeLabel]).first.flatMap { line in
            line.split(separator: " ").last.flatMap { TimeInterval($0) }.map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// The latest of the package logs' last lines. dpkg, apt and zypper log local time without a
    /// zone, read here as UTC (at most a day off); dnf logs carry their offset.
    static func lastUpdate(from parts: LabelledParts) -> Date? {
        var dates: [Date] = []
        if let line = LinuxEvidence.lines(parts[dpkgLog]).last { dates += [CivilTime.dateTime(line)].compactMap { $0 } }
        if let line = LinuxEvidence.lines(parts[aptHistory]).last {
            dates += [CivilTime.dateTime(line.dropFirst("End-Date:".count).trimmingCharacters(in: .whitespaces))].compactMap { $0 }
        }
        if let line = LinuxEvidence.lines(parts[zypperHistory]).last { dates += [CivilTime.dateTime(line)].compactMap { $0 } }
        if let line = LinuxEvidence.lines(parts[dnfLog]).last, let word = line.split(separator: " ").first {
            dates += [CivilTime.isoDateTime(String(word))].compactMap { $0 }
        }
        if let line = LinuxEvidence.lines(parts[yumLog]).last, let today = LinuxEvidence.lines(parts[todayLabel]).first {
            dates += [yumDateTime(line, today: today)].compactMap { $0 }
        }
        return dates.max()
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Nov 21 10:05:01 Updated: …` from yum.log, which writes no year: the host's date
    /// (`YYYY-MM-DD`) gives it, a year earlier for a day later in the year than today.
    static func yumDateTime(_ line: String, today: String) -> Date? {
        let words = line.split(separator: " ")
        let now = today.split(separator: "-").compactMap { Int($0) }
        guard words.count >= 3, now.count == 3, let index = monthNames.firstIndex(of: String(words[0])),
            let day = Int(words[1])
        else { return nil }
        let t = words[2].split(separator: ":").compactMap { Int($0) }
        guard t.count == 3 else { return nil }
        let month = index + 1
        let year = (month, day) > (now[1], now[2]) ? now[0] - 1 : now[0]
        return CivilTime.date(year: year, month: month, day: day, hour: t[0], minute: t[1], second: t[2])
    }
}

import Foundation
import InventoryModel

/// One fact area of a Linux host: the probe section that asks the question, the `==> label <==`
/// parts it prints, and the parser that reads them into `HostFacts`, in one type.
///
/// Keeping the three together is what lets a fact change in one place: the labels a script prints
/// are the constants its parser reads, so a file list is written once. The batch is the
/// collectors' sections in `LinuxFactsParser.collectors` order, and parsing is the same list.
protocol LinuxCollector {
    /// The sections this area adds to the batch; `sudo` lets a section read root-only files
    /// through `sudo -n` where the inventory allows it.
    static func sections(sudo: Bool) -> [ProbeSection]
    /// Reads this area's evidence into `facts`; leaves them unknown when its sections are absent.
    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts)
    /// Whether `collect` reads facts another collector sets (sshd's defaults depend on the
    /// OpenSSH package version): such collectors run after the others.
    static var readsOtherFacts: Bool { get }
}

extension LinuxCollector {
    static var readsOtherFacts: Bool { false }
}

/// A collector with one section, the same with or without `sudo`.
protocol SingleSectionLinuxCollector: LinuxCollector {
    static var section: ProbeSection { get }
}

extension SingleSectionLinuxCollector {
    static func sections(sudo: Bool) -> [ProbeSection] { [section] }
}

/// The evidence of one Linux host as collectors read it: texts by name (the first of a repeated
/// name wins) and the shared readings more than one collector needs.
struct LinuxEvidence {
    private var texts: [String: String] = [:]
    /// Enabled units and running programs, which firewall, time sync, auditd and antivirus
    /// collectors all consult; read once.
    private(set) var services: SystemdUnits.State?
    /// The antivirus catalogue, when the scan has one.
    let catalogue: AntivirusCatalogue?
    /// The SSH server's version line ("SSH-2.0-OpenSSH_9.2p1 Debian-2"), when the scan has it.
    let serverBanner: String?

    init(_ sections: [Evidence], catalogue: AntivirusCatalogue? = nil, serverBanner: String? = nil) {
        for section in sections where texts[section.name] == nil { texts[section.name] = section.text }
        self.catalogue = catalogue
        self.serverBanner = serverBanner
        services = parts(SystemdUnits.section.name).flatMap(SystemdUnits.State.init)
    }

    subscript(name: String) -> String? { texts[name] }

    /// The labelled parts of a section, nil when it is absent.
    func parts(_ name: String) -> LabelledParts? { texts[name].map(LabelledParts.init) }

    /// Non-empty trimmed lines of a text; none for nil.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The first line, trimmed; nil when empty.
    static func firstLine(_ text: String) -> String? {
        let line = text.split(maxSplits: 1, omittingEmptySubsequences: true, whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return line?.isEmpty == false ? line : nil
    }

    /// `KEY value` (login.defs) and `key = value` (pwquality.conf, ufw.conf) lines; the last one wins.
    static func keyValues(_ text: String?) -> [String: String] {
        var values: [String: String] = [:]
        for line in lines(text) where !line.hasPrefix("#") {
            let pair = line.contains("=")
                ? line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                : line.split(maxSplits: 1, whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 { values[pair[0]] = pair[1] }
        }
        return values
    }
}

/// A tool asked for its answer, once as the scan's account and, when that fails and the inventory
/// allows it, again through `sudo -n` (never a prompt): the answer is printed under `label` (or
/// `sudo -n label`), followed by `==> status N <==`, so a refusal is never read as an empty answer.
enum ToolAnswer {
    static let sudoPrefix = "sudo -n "

    /// The shell for one tool; `command` is run as written (twice at most), its stderr kept with
    /// its output so a refusal explains itself in the evidence.
    static func script(_ label: String, _ command: String, sudo: Bool) -> String {
        "ict_o=$(\(command) 2>&1); ict_r=$?; ict_l='\(label)'; "
            + (sudo
                ? "if [ $ict_r -ne 0 ]; then ict_s=$(sudo -n \(command) 2>&1) && { ict_o=$ict_s; ict_r=0; ict_l='\(sudoPrefix)\(label)'; }; fi; "
                : "")
            + "part \"$ict_l\"; printf '%s\\n' \"$ict_o\" | head -c $ictaudit_cap; part \"status $ict_r\"; "
    }

    /// What the tool printed and its exit status; nil when it was not asked.
    static func answer(_ label: String, in parts: LabelledParts) -> (text: String, status: Int?)? {
        for name in [sudoPrefix + label, label] {
            if let text = parts[name] { return (text, parts.status(after: name)) }
        }
        return nil
    }

    /// The text when the tool answered with status 0, else nil.
    static func success(_ label: String, in parts: LabelledParts) -> String? {
        guard let (text, status) = answer(label, in: parts), status == 0 else { return nil }
        return text
    }
}

extension LabelledParts {
    /// The exit status the batch printed (`==> status N <==`) right after the part `label`.
    func status(after label: String) -> Int? {
        guard let index = parts.firstIndex(where: { $0.label == label }), index + 1 < parts.count else { return nil }
        let next = parts[index + 1].label
        return next.hasPrefix("status ") ? Int(next.dropFirst(7)) : nil
    }
}

extension HostFacts {
    /// Records why a fact is unknown (`HostFacts.unknownReasons`), keeping a reason already given.
    mutating func noteUnknown(_ path: String, _ reason: String) {
        var reasons = unknownReasons ?? [:]
        if reasons[path] == nil { reasons[path] = reason }
        unknownReasons = reasons
    }
}

public import Foundation
public import InventoryModel

/// Every probe section of a scan, sent as ONE script over one exec channel.
///
/// The exec request carries only `command` (`/bin/sh -s`); the script itself travels on the
/// channel's standard input (`input`), so any number of sections fits: an exec request is a single
/// SSH packet, and a batch with a few policies loaded is larger than one. One round trip per host is what lets one machine audit a ministry: the cost of a scan is the
/// SSH handshake, not the number of facts. The host's answer is a single stdout stream, so each
/// section is framed with a per-run random nonce; a file or a tool on the host cannot know the
/// nonce in advance, so text that merely looks like a frame is kept as content, not obeyed. (A
/// host that actively attacks the scanner could read the nonce from its own process list; such a
/// host can lie about every fact anyway, which is why evidence is kept verbatim.)
public struct ProbeBatch: Sendable {
    /// The sections, in the order they run.
    public let probes: [ProbeSection]
    /// Random per run; appears in every frame.
    public let nonce: String
    /// The most bytes kept of one section's output; more is cut and marked truncated.
    public let outputCap: Int
    /// Seconds after which the batch kills itself and everything it started on the host; `nil`
    /// for no limit. The scanner sets it a little past its own deadline: a client that gives up
    /// on a hung probe cannot stop it (sshd does not signal a session without a terminal when the
    /// connection drops), so the host must not be left with a reader blocked forever.
    public var timeLimit: Int?

    public init(probes: [ProbeSection], outputCap: Int = 1 << 20, nonce: String = ProbeBatch.randomNonce()) {
        precondition(outputCap > 0, "outputCap must be positive")
        precondition(
            !nonce.isEmpty && nonce.utf8.allSatisfy(ProbeSection.isNameByte), "nonce must match [A-Za-z0-9._-]+")
        precondition(Set(probes.map(\.name)).count == probes.count, "probe section names must be unique")
        self.probes = probes
        self.outputCap = outputCap
        self.nonce = nonce
    }

    /// 128 random bits as hex.
    public static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// The command line of the exec request: a POSIX shell, whatever the account's login shell
    /// is, reading the script from standard input. Short and free of quotes, so every login shell
    /// (csh and fish included) passes it on unchanged.
    public var command: String { "/bin/sh -s" }

    /// What is written to the channel's standard input: `script`.
    public var input: Data { Data(script.utf8) }

    /// The batch as one POSIX-sh script.
    ///
    /// The whole script is one brace group whose standard input is /dev/null, so the shell parses
    /// all of it before running any of it: a section never reads the rest of the script as its
    /// input, and the script still works when handed to `sh -c` instead. A plain section runs in a
    /// subshell with stdin from /dev/null and stderr discarded; `head -c` caps its output (one byte over the cap, so the parser can tell a
    /// cut from an exact fit), and its exit status travels back through a spare descriptor because
    /// POSIX sh has no `pipefail`. An inline section (see `ProbeSection.inline`) runs as a plain
    /// function call in this shell, capping its own output with `$ictaudit_cap`, so its status is
    /// simply `$?`.
    public var script: String {
        let n = nonce
        var lines = [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH; LC_ALL=C; export LC_ALL",
            "ictaudit_cap=\(outputCap + 1)",
            // Once per batch: SCA programs run differently for an account other than root.
            "ictaudit_uid=$(id -u 2>/dev/null)",
            "part() { printf '\\n==> %s <==\\n' \"$1\"; }",
            "ictaudit_run() { printf '\\n==ICTAUDIT \(n) BEGIN %s\\n' \"$1\"; "
                + "rc=$( { { ( \"$2\" ) 3>&- 4>&- 2>/dev/null; echo $? >&3; } | head -c $ictaudit_cap >&4; } 3>&1 ); "
                + "printf '\\n==ICTAUDIT \(n) END %s %s\\n' \"$1\" \"${rc:-255}\"; }",
            "ictaudit_inline() { printf '\\n==ICTAUDIT \(n) BEGIN %s\\n' \"$1\"; \"$2\" 2>/dev/null; "
                + "printf '\\n==ICTAUDIT \(n) END %s %s\\n' \"$1\" \"$?\"; }",
        ]
        if let timeLimit {
            // sshd starts a session's command as a process group leader (setsid), so `kill 0`
            // reaches every section still running. Checking once a second that the batch is
            // still there lets the watchdog end with it rather than linger for the whole limit.
            // A subshell, not a function: dash keeps copies of a function call's redirected
            // descriptors open while it runs, which would hold the channel open until the
            // watchdog ends.
            lines.append(
                "{ ( i=0; while [ $i -lt \(max(1, timeLimit)) ]; do sleep 1; kill -0 $$ 2>/dev/null || exit 0; "
                    + "i=$((i+1)); done; kill -KILL 0 ) </dev/null >/dev/null 2>&1 4>&- & }")
        }
        for (index, probe) in probes.enumerated() {
            var body = probe.script.trimmingCharacters(in: .whitespacesAndNewlines)
            while body.hasSuffix(";") { body.removeLast() }
            if body.isEmpty { body = ":" }
            lines.append("ictaudit_s\(index)() { \(body); }")
            lines.append("\(probe.inline ? "ictaudit_inline" : "ictaudit_run") \(probe.name) ictaudit_s\(index)")
        }
        // fd 4 is the group's stdout, for the plain sections' capped output.
        return "{\n" + lines.joined(separator: "\n") + "\n} </dev/null 4>&1\n"
    }

    /// `text` as one single-quoted shell word.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The host's stdout, cut back into one `Evidence` per section that began.
    ///
    /// Bytes outside frames (a login banner, noise) are ignored, and so is anything that looks like
    /// a frame without this run's nonce. A section whose END never came (the channel was cut or
    /// timed out) is kept with what arrived, marked truncated and without an exit code.
    public func sections(from output: Data) -> [Evidence] {
        let bytes = [UInt8](output)
        let begin = Array("==ICTAUDIT \(nonce) BEGIN ".utf8)
        let nextBegin = Array("\n==ICTAUDIT \(nonce) BEGIN ".utf8)
        let sources = Dictionary(probes.map { ($0.name, $0.source) }, uniquingKeysWith: { first, _ in first })
        let partNames = Dictionary(probes.map { ($0.name, $0.parts) }, uniquingKeysWith: { first, _ in first })
        var evidence: [Evidence] = []
        var seen: Set<String> = []
        var cursor = 0
        while let found = ProbeBatch.find(begin, in: bytes, from: cursor, atLineStart: true) {
            let nameStart = found + begin.count
            guard let nameEnd = bytes[nameStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            let contentStart = nameEnd + 1
            let limit = ProbeBatch.find(nextBegin, in: bytes, from: contentStart, atLineStart: false) ?? bytes.count
            let end = Array("\n==ICTAUDIT \(nonce) END \(name) ".utf8)
            var content: ArraySlice<UInt8>
            var exitCode: Int?
            var truncated = false
            if let endAt = ProbeBatch.find(end, in: bytes, from: nameEnd, atLineStart: false),
                endAt < limit || endAt == nameEnd
            {
                content = endAt >= contentStart ? bytes[contentStart..<endAt] : []
                let codeStart = endAt + end.count
                let codeEnd = bytes[codeStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                exitCode = Int(String(decoding: bytes[codeStart..<codeEnd], as: UTF8.self))
                cursor = codeEnd
            } else {
                content = bytes[min(contentStart, limit)..<limit]
                truncated = true
                cursor = limit
            }
            let parts = partNames[name] ?? []
            // A section of parts holds several files, each capped by its own `head -c`; the cap
            // applies to each part.
            if parts.isEmpty, content.count > outputCap {
                content = content.prefix(outputCap)
                truncated = true
            }
            if !parts.isEmpty {
                let found = LabelledParts.split(content)
                for (index, part) in found.enumerated() {
                    guard let partName = parts.first(where: { $0.label == part.label })?.name,
                        seen.insert(partName).inserted
                    else { continue }
                    var bytes = part.content
                    let cut = bytes.count > outputCap
                    if cut { bytes = bytes.prefix(outputCap) }
                    evidence.append(
                        Evidence(
                            name: partName, source: part.label, content: Data(bytes), exitCode: exitCode,
                            truncated: cut || (truncated && index == found.count - 1)))
                }
            } else if let source = sources[name], seen.insert(name).inserted {
                evidence.append(
                    Evidence(
                        name: name, source: source, content: Data(content), exitCode: exitCode, truncated: truncated))
            }
        }
        return evidence
    }

    /// The first index of `needle` in `haystack` at or after `start`; with `atLineStart`, only where
    /// it starts the stream or follows a newline.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, atLineStart: Bool) -> Int? {
        guard let first = needle.first, start >= 0, haystack.count - start >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            guard let hit = haystack[index...last].firstIndex(of: first) else { return nil }
            if (!atLineStart || hit == 0 || haystack[hit - 1] == UInt8(ascii: "\n"))
                && haystack[hit..<(hit + needle.count)].elementsEqual(needle)
            {
                return hit
            }
            index = hit + 1
        }
        return nil
    }
}

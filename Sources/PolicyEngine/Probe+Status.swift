public import InventoryModel

extension Probe {
    /// Why the gathered `section` cannot be read as this probe's answer, in words for the
    /// finding; nil when it can.
    ///
    /// The verdict of a rule must not depend on the privilege of the scanning account: a file the
    /// account may not read, a command that is not installed, was denied or was cut off prints
    /// nothing, and nothing read as an answer turns "cannot tell" into a pass or a fail (an empty
    /// `awk … /etc/shadow` is "no account without a password"). So:
    /// - a file, directory or tree that exists but cannot be read fails (a missing one is an
    ///   answer: the rule sees `null`);
    /// - a command fails when it could not run (exit status 126 or 127), was killed (128 and
    ///   above, e.g. by a time limit), or ended non-zero without printing anything; a command that
    ///   answers through its status prints its answer as well (`systemctl is-active` prints
    ///   `inactive` and exits 3, `grep -c` prints `0` and exits 1), so non-zero with output is kept;
    ///   a Windows command that raised an error (`Status.raised`, e.g. a .NET call refused in
    ///   Constrained Language Mode) fails with PowerShell's words;
    /// - any probe whose output never ended (cut by the scan's deadline or the host's output cap)
    ///   fails: part of a file is not the file.
    /// SCA `program` probes keep Wazuh's own rules (`SCAEvaluator`), registry keys and processes
    /// read a non-zero status as "missing".
    public func failure(of section: Evidence) -> String? {
        switch kind {
        case .file, .directory, .tree, .command:
            break
        case .program, .registry, .processes:
            return nil
        }
        if section.truncated {
            return section.exitCode == nil
                ? "\(evidenceName) did not finish on the host (the scan's time limit or a dropped connection cut it)"
                : "\(evidenceName) gave more output than the scan keeps, and part of it is not the whole"
        }
        guard let code = section.exitCode, code != 0 else { return nil }
        switch kind {
        case .file, .directory, .tree:
            if code == Status.unreachable {
                return "whether \(name) exists cannot be seen: a directory on the way is closed to the scan's account; "
                    + "scan as root or allow the read through sudo -n"
            }
            guard code == Status.unreadable else { return nil }
            return "\(name) exists but the scan's account cannot read it (permission denied); "
                + "scan as root or allow the read through sudo -n"
        default:
            switch code {
            case Status.raised:
                let said = section.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                return "\(evidenceName) failed on this host: \(said.isEmpty ? "PowerShell raised an error" : said)"
            case 127:
                return "\(evidenceName) could not run on this host (a program it calls is not installed or not on PATH)"
            case 126:
                return "\(evidenceName) could not run on this host (permission denied)"
            case 128...:
                return "\(evidenceName) was stopped before it finished (signal \(code - 128), e.g. a time limit)"
            default:
                guard section.content.isEmpty else { return nil }
                return "\(evidenceName) failed on this host (exit status \(code), no output), "
                    + "e.g. permission denied to the scan's account; its output cannot be read as an answer"
            }
        }
    }
}

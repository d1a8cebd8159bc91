/// How a Wazuh SCA `c:` rule's text becomes a program run on the host, as Wazuh's agent runs it.
///
/// The agent does not hand the text to a shell: it splits it into words (`w_strtok`) and executes
/// the first word with the rest as arguments, standard output and error on one pipe. So
/// `stat -Lc "%a %u" /etc/passwd` runs `stat` with the format as one argument, a `|` outside
/// `sh -c "…"` is an argument, not a pipe, and a program that is not installed cannot be run
/// (the shell's exit status 127, which the evaluator reads as an invalid rule). Running the words
/// through `sh` quoted one by one keeps all of that, and the batch stays POSIX sh.
enum SCAProgram {
    /// The words of `text` as Wazuh's `w_strtok` splits them: at spaces outside double quotes;
    /// double quotes group and are removed; a backslash makes the next character plain and is
    /// removed. A pair of quotes with nothing between them is an empty word.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current: String?
        var quoting = false
        var iterator = text.makeIterator()
        while let c = iterator.next() {
            switch c {
            case " " where !quoting:
                if let word = current { words.append(word) }
                current = nil
            case "\"":
                if quoting { current = current ?? "" }
                quoting.toggle()
            case "\\":
                if let next = iterator.next() {
                    current = (current ?? "") + String(next)
                }
            default:
                current = (current ?? "") + String(c)
            }
        }
        if let word = current { words.append(word) }
        return words
    }

    /// The POSIX sh line that runs the words as one program, stderr into stdout. `exec` in a
    /// subshell skips the shell's builtins and the batch's own functions, as `execvp` would, and
    /// still ends with 127 when the program is not there.
    ///
    /// Less privilege must never change a verdict. As root the program runs exactly so. Another
    /// account runs it through `sudo -n` when the inventory allows sudo and sudo's policy lets
    /// this very command run (`sudo -n -l`, no prompt); failing that it runs as itself, and when it
    /// exits non-zero (127 aside: not installed is the same for root) its output follows a line
    /// `ictaudit-not-root STATUS` and the status is 6, so the evaluator can tell a refusal (without
    /// root `sshd -T` prints "no hostkeys available -- exiting.", which Wazuh would match) from an
    /// answer (`grep` finding nothing exits 1 for root too).
    /// `$ictaudit_uid` is the batch's (one `id -u` per batch); alone, the line asks `id` itself.
    static func shellLine(_ text: String, sudo: Bool = false) -> String {
        let words = words(text)
        guard !words.isEmpty else { return "return 127" }
        let program = words.map(ProbeBatch.shellQuoted).joined(separator: " ")
        return "if [ \"${ictaudit_uid-$(id -u 2>/dev/null)}\" = 0 ]; then ( exec \(program) 2>&1 ); "
            + (sudo ? "elif sudo -n -l -- \(program) >/dev/null 2>&1; then ( exec sudo -n -- \(program) 2>&1 ); " : "")
            + "else o=$( exec \(program) 2>&1 ); r=$?; "
            + "if [ $r -eq 0 ] || [ $r -eq 127 ]; then [ -z \"$o\" ] || printf '%s\\n' \"$o\"; return $r; fi; "
            + "printf 'ictaudit-not-root %s\\n' $r; [ -z \"$o\" ] || printf '%s\\n' \"$o\"; return 6; fi"
    }
}

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
    static func shellLine(_ text: String) -> String {
        let words = words(text)
        guard !words.isEmpty else { return "return 127" }
        return "( exec " + words.map(ProbeBatch.shellQuoted).joined(separator: " ") + " 2>&1 )"
    }
}

/// Shell wildcards as sshd uses them for `Include` paths and algorithm patterns: `*` and `?` do not
/// cross `/`, `[…]` is a character class (`!` or `^` negates).
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        match(Array(pattern), 0, Array(text), 0)
    }

    private static func match(_ p: [Character], _ pi: Int, _ t: [Character], _ ti: Int) -> Bool {
        var pi = pi
        var ti = ti
        while pi < p.count {
            switch p[pi] {
            case "*":
                // Collapse runs of stars; then try every split point up to the next slash.
                while pi < p.count && p[pi] == "*" { pi += 1 }
                if pi == p.count { return !t[ti...].contains("/") }
                var k = ti
                while k <= t.count {
                    if match(p, pi, t, k) { return true }
                    if k < t.count && t[k] == "/" { return false }
                    k += 1
                }
                return false
            case "?":
                guard ti < t.count, t[ti] != "/" else { return false }
            case "[":
                guard ti < t.count else { return false }
                if let (matched, next) = classMatch(p, pi + 1, t[ti]) {
                    guard matched else { return false }
                    pi = next
                    ti += 1
                    continue
                }
                guard t[ti] == "[" else { return false }
            default:
                guard ti < t.count, t[ti] == p[pi] else { return false }
            }
            pi += 1
            ti += 1
        }
        return ti == t.count
    }

    /// Whether `ch` is in the class starting at `start` (just after `[`), and where the class ends;
    /// nil when the class is not closed (then `[` is literal).
    private static func classMatch(_ p: [Character], _ start: Int, _ ch: Character) -> (Bool, Int)? {
        var i = start
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count && (p[i] != "]" || first) {
            first = false
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if p[i] <= ch && ch <= p[i + 2] { matched = true }
                i += 3
            } else {
                if p[i] == ch { matched = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }
}

public import Foundation
public import InventoryModel

/// A Windows lab host's recorded PowerShell outputs (`lab/recordings/<host>/`, one `<section>.txt`
/// each, `<section>.rc` for a section that failed), framed exactly as the lab's replaying sshd
/// frames them, so parser tests read the same bytes a scan over libssh2 reads, without the lab.
public enum WindowsRecording {
    public static func folder(_ host: String) -> URL {
        Lab.repositoryRoot.appendingPathComponent("lab/recordings/\(host)")
    }

    /// One recorded file's text (`password-policy.txt`, `language-mode.txt`).
    public static func text(_ host: String, _ file: String) throws -> String {
        try String(contentsOf: folder(host).appendingPathComponent(file), encoding: .utf8)
    }

    /// What the host prints for `sections` under `nonce`: each recorded section between its
    /// BEGIN and END frames with CRLF line ends, as PowerShell writes them; a section with no
    /// recording ends with exit code 1 and no text, as the replay answers it.
    public static func output(_ host: String, sections: [String], nonce: String) -> Data {
        let folder = folder(host)
        var output = ""
        for name in sections {
            let file = folder.appendingPathComponent("\(name).txt")
            let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            let rc =
                (try? String(contentsOf: folder.appendingPathComponent("\(name).rc"), encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? (FileManager.default.fileExists(atPath: file.path) ? "0" : "1")
            let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
            output += "\n==ICTAUDIT \(nonce) BEGIN \(name)\n\(crlf)\n==ICTAUDIT \(nonce) END \(name) \(rc)\n"
        }
        return Data(output.utf8)
    }

    /// Sections made in a test, each with its text and exit code, as the frame parser gives them.
    public static func evidence(_ sections: [(name: String, text: String, exitCode: Int)]) -> [Evidence] {
        sections.map { Evidence(name: $0.name, source: "recorded", content: Data($0.text.utf8), exitCode: $0.exitCode) }
    }
}

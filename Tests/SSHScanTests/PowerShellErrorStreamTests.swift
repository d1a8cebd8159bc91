import Foundation
import InventoryModel
import SSHScan
import Testing

/// PowerShell 5.1 writes errors to an SSH client's stderr as CLIXML (`#< CLIXML`); the reason a
/// person reads is in its `<S S="Error">` strings.
struct PowerShellErrorStreamTests {
    /// What `powershell -EncodedCommand` printed on stderr when Constrained Language Mode refused the
    /// old bootstrap: a progress record, then the error record's lines in pieces, each ending in an
    /// escaped CR LF.
    static let constrained = """
        #< CLIXML\r
        <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0">\
        <T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record">\
        <AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>\
        <S S="Error">Cannot invoke method. Method invocation is supported only on core types in this language mode._x000D__x000A_</S>\
        <S S="Error">At line:1 char:1_x000D__x000A_</S><S S="Error">+ $s=[Console]::In.ReadToEnd();_x000D__x000A_</S>\
        <S S="Error">+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~_x000D__x000A_</S>\
        <S S="Error">    + CategoryInfo          : InvalidOperation: (:) [], RuntimeException_x000D__x000A_</S>\
        <S S="Error">    + FullyQualifiedErrorId : MethodInvocationNotSupportedInConstrainedLanguage_x000D__x000A_</S>\
        <S S="Error"> _x000D__x000A_</S></Objs>
        """

    @Test("a CLIXML error record decodes to its lines: progress dropped, _x000D__x000A_ line ends, blank lines gone")
    func constrainedLanguageError() throws {
        let errors = try #require(PowerShellErrorStream.errors(in: Data(Self.constrained.utf8)))
        #expect(
            errors.split(separator: "\n") == [
                "Cannot invoke method. Method invocation is supported only on core types in this language mode.",
                "At line:1 char:1", "+ $s=[Console]::In.ReadToEnd();", "+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~",
                "    + CategoryInfo          : InvalidOperation: (:) [], RuntimeException",
                "    + FullyQualifiedErrorId : MethodInvocationNotSupportedInConstrainedLanguage",
            ])
    }

    @Test("XML entities, _x005F_ (an underscore), surrogate pairs and Vietnamese text as UTF-8 decode; a lone _x without hex stays")
    func escapes() throws {
        let stream = "#< CLIXML\n<Objs Version=\"1.1.0.1\"><S S=\"Error\">Không tìm thấy &lt;C:\\Đường dẫn&gt; &amp; _x005F_x000A_ "
            + "_xD83D__xDE00_ _xZZ_ &#x41;&#66;</S></Objs>"
        #expect(PowerShellErrorStream.errors(in: Data(stream.utf8)) == "Không tìm thấy <C:\\Đường dẫn> & _x000A_ 😀 _xZZ_ AB")
    }

    @Test("progress records alone are no error; text that is not CLIXML (cmd.exe's own words) is kept as written")
    func plainAndProgress() {
        let progress = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\"><Obj S=\"progress\" RefId=\"0\"><MS><PR N=\"Record\"><AV>Preparing</AV></PR></MS></Obj></Objs>"
        #expect(PowerShellErrorStream.errors(in: Data(progress.utf8)) == nil)
        #expect(PowerShellErrorStream.errors(in: Data()) == nil)
        let cmd = "'powershell' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"
        #expect(
            PowerShellErrorStream.errors(in: Data(cmd.utf8))
                == "'powershell' is not recognized as an internal or external command,\noperable program or batch file.")
    }

    @Test("a failed section with no words of its own keeps the error stream as its reason; answered sections are untouched")
    func failedSectionReason() throws {
        let probe = WindowsProbe(nonce: "00ff")
        let stdout = "\n==ICTAUDIT 00ff BEGIN language-mode\nFullLanguage\n==ICTAUDIT 00ff END language-mode 0\n\n==ICTAUDIT 00ff BEGIN os\n"
        let evidence = probe.sections(from: Data(stdout.utf8), errors: Data(Self.constrained.utf8))
        #expect(evidence.first { $0.name == "language-mode" }?.text == "FullLanguage")
        let os = try #require(evidence.first { $0.name == "os" })
        #expect(os.truncated && os.exitCode == nil)
        #expect(os.text.hasPrefix("Cannot invoke method."))
    }
}

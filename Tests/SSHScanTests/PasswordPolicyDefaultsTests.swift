import InventoryModel
import Testing

@testable import SSHScan

/// A setting the host's files leave out is the documented built-in default, not unknown; a file
/// that exists but cannot be read stays unknown.
struct PasswordPolicyDefaultsTests {
    func policy(_ text: String) -> PasswordPolicy? {
        PasswordPolicyFiles.passwordPolicy(from: LabelledParts("\n" + text))
    }

    @Test("no /etc/login.defs: passwords never expire (shadow-utils' default), written as 99999")
    func missingLoginDefs() {
        let p = policy("==> no /etc/login.defs <==\n==> pam <==\npassword [success=1 default=ignore] pam_unix.so obscure yescrypt\n")
        #expect(p?.maxAgeDays == 99999)
        #expect(p?.minLength == 6)
    }

    @Test("login.defs without PASS_MAX_DAYS never expires; an unreadable login.defs (no part at all) is unknown")
    func unreadableIsUnknown() {
        #expect(policy("==> /etc/login.defs <==\nPASS_MIN_DAYS 1\n==> pam <==\n")?.maxAgeDays == 99999)
        #expect(policy("==> pam <==\npassword requisite pam_pwquality.so\n")?.maxAgeDays == nil)
    }

    @Test("minlen unset: pam_pwquality's 8, pam_cracklib's 9, pam_unix's 6 or its minlen=; no PAM file: PASS_MIN_LEN")
    func moduleDefaults() {
        #expect(policy("==> pam <==\npassword requisite pam_pwquality.so retry=3\n")?.minLength == 8)
        #expect(policy("==> pam <==\npassword requisite pam_cracklib.so retry=3\n")?.minLength == 9)
        #expect(policy("==> pam <==\npassword sufficient pam_unix.so sha512 minlen=10\n")?.minLength == 10)
        #expect(
            policy("==> /etc/security/pwquality.conf <==\nminlen = 12\n==> pam <==\npassword requisite pam_pwquality.so\n")?
                .minLength == 12)
        #expect(
            policy("==> /etc/login.defs <==\nPASS_MIN_LEN 5\n==> pam <==\n==> no pam.d password files <==\n")?.minLength
                == 5)
        // PAM files that name no password module: the length is not known.
        #expect(policy("==> /etc/login.defs <==\nPASS_MAX_DAYS 90\n==> pam <==\n")?.minLength == nil)
    }
}

/// The type of a fact, as the policy type checker sees it. Every field may also be `null`
/// (unknown), which rules meet as an `error` verdict rather than a silent fail.
public indirect enum FactType: Sendable, Hashable, CustomStringConvertible {
    case string
    case int
    case double
    case bool
    case date
    case list(FactType)
    case object(FactObjectType)

    public var description: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .double: "double"
        case .bool: "bool"
        case .date: "date"
        case .list(let element): "list<\(element)>"
        case .object(let object): object.name
        }
    }
}

/// A named record type with documented fields.
public struct FactObjectType: Sendable, Hashable {
    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: FactType
        public var doc: LocalizedText

        public init(_ name: String, _ type: FactType, vi: String, en: String) {
            self.name = name
            self.type = type
            self.doc = LocalizedText(vi: vi, en: en)
        }
    }

    public var name: String
    public var fields: [Field]

    public init(name: String, fields: [Field]) {
        self.name = name
        self.fields = fields
    }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// The schema policy authors write against (`ictaudit facts schema` prints it).
public enum FactSchema {
    /// The variables an expression may start from, and their types.
    public static let roots: [String: FactType] = ["host": .object(host)]

    public static let host = FactObjectType(
        name: "Host",
        fields: [
            .init("address", .string, vi: "Địa chỉ trong danh mục", en: "Address from the inventory"),
            .init("port", .int, vi: "Cổng SSH", en: "SSH port"),
            .init("name", .string, vi: "Tên trong danh mục", en: "Name from the inventory"),
            .init("unit", .string, vi: "Mã đơn vị", en: "Unit id"),
            .init("status", .string, vi: "Kết quả quét", en: "Scan status"),
            .init("hostname", .string, vi: "Tên máy (do máy báo)", en: "Hostname (as the host reports it)"),
            .init("os", .object(os), vi: "Hệ điều hành", en: "Operating system"),
            .init("kernel", .string, vi: "Phiên bản nhân", en: "Kernel release"),
            .init("uptime_seconds", .double, vi: "Thời gian hoạt động (giây)", en: "Uptime in seconds"),
            .init("cpu", .object(cpu), vi: "Bộ xử lý", en: "Processor"),
            .init("memory", .object(memory), vi: "Bộ nhớ", en: "Memory"),
            .init("interfaces", .list(.object(interface)), vi: "Giao diện mạng", en: "Network interfaces"),
            .init("default_route", .object(route), vi: "Tuyến mặc định", en: "Default route"),
            .init("hardware", .object(hardware), vi: "Phần cứng", en: "Hardware"),
            .init("listening", .list(.object(socket)), vi: "Cổng đang mở", en: "Listening sockets"),
            .init("sshd", .object(sshd), vi: "Cấu hình SSH hiệu lực", en: "Effective SSH server settings"),
            .init("antivirus", .list(.object(antivirus)), vi: "Phần mềm phòng chống mã độc", en: "Antivirus products"),
            .init("packages", .list(.object(package)), vi: "Gói phần mềm đã cài", en: "Installed packages"),
            .init(
                "pending_updates", .list(.object(update)), vi: "Bản cập nhật đang chờ (theo danh sách sẵn có trên máy)",
                en: "Pending updates (from the lists already on the host)"),
            .init(
                "update_check", .object(updateCheck), vi: "Cách máy trả lời câu hỏi bản cập nhật đang chờ",
                en: "How the pending-updates question was answered"),
            .init("accounts", .object(accounts), vi: "Tài khoản đặc quyền và yếu", en: "Privileged and weak accounts"),
            .init("password_policy", .object(passwordPolicy), vi: "Chính sách mật khẩu", en: "Password policy"),
            .init("firewall", .object(firewall), vi: "Tường lửa của máy", en: "Host firewall"),
            .init("time_sync", .object(timeSync), vi: "Đồng bộ thời gian", en: "Time synchronisation"),
            .init("auditd", .object(auditd), vi: "Dịch vụ ghi nhật ký kiểm toán (auditd)", en: "Audit daemon (auditd)"),
            .init("logging", .object(logging), vi: "Nhật ký hệ thống được lưu bền", en: "System logs kept past a reboot"),
            .init("mac", .object(mac), vi: "Kiểm soát truy cập bắt buộc (SELinux, AppArmor)", en: "Mandatory access control (SELinux, AppArmor)"),
            .init("disk_encryption", .object(diskEncryption), vi: "Mã hóa ổ đĩa", en: "Disk encryption"),
            .init("last_boot", .date, vi: "Lần khởi động gần nhất", en: "Last boot"),
            .init("last_update", .date, vi: "Lần cài cập nhật gần nhất", en: "Last package or hotfix installation"),
            .init(
                "days_since_update", .double, vi: "Số ngày từ lần cập nhật gần nhất đến lúc quét",
                en: "Days from the last update to the scan"),
            .init("hotfixes", .list(.object(hotfix)), vi: "Bản vá Windows đã cài", en: "Installed Windows hotfixes"),
            .init("smb1_enabled", .bool, vi: "Máy chủ SMB chấp nhận SMBv1", en: "SMB server accepts SMBv1"),
            .init(
                "ssh_offer", .object(sshOffer), vi: "Thuật toán dịch vụ SSH đang chạy thực sự đưa ra (KEXINIT)",
                en: "Algorithms the running SSH daemon actually offers (its KEXINIT)"),
            .init("smb1_client_enabled", .bool, vi: "Máy khách SMB còn dùng SMBv1", en: "SMB client still speaks SMBv1"),
            .init(
                "audit_policy", .object(auditPolicy), vi: "Chính sách kiểm toán Windows (theo GUID, mọi ngôn ngữ)",
                en: "Windows audit policy (by GUID, any display language)"),
            .init("remote_desktop", .object(remoteDesktop), vi: "Remote Desktop (RDP) của Windows", en: "Windows Remote Desktop (RDP)"),
            .init(
                "powershell_language_mode", .string,
                vi: "Chế độ ngôn ngữ PowerShell khi quét (FullLanguage, ConstrainedLanguage)",
                en: "PowerShell language mode of the scan (FullLanguage, ConstrainedLanguage)"),
        ]
    )

    public static let remoteDesktop = FactObjectType(
        name: "RemoteDesktop",
        fields: [
            .init("enabled", .bool, vi: "Máy nhận kết nối Remote Desktop", en: "The host accepts Remote Desktop connections"),
            .init(
                "nla_required", .bool, vi: "Bắt buộc xác thực mức mạng (NLA) trước khi tạo phiên",
                en: "Network Level Authentication required before a session is made"),
        ]
    )

    public static let package = FactObjectType(
        name: "Package",
        fields: [
            .init("name", .string, vi: "Tên gói", en: "Package name"),
            .init("version", .string, vi: "Phiên bản", en: "Version"),
            .init("arch", .string, vi: "Kiến trúc", en: "Architecture"),
        ]
    )

    public static let update = FactObjectType(
        name: "PackageUpdate",
        fields: [
            .init("name", .string, vi: "Tên gói", en: "Package name"),
            .init("current_version", .string, vi: "Phiên bản đang cài", en: "Installed version"),
            .init("available_version", .string, vi: "Phiên bản mới", en: "Available version"),
            .init(
                "security", .bool, vi: "Bản cập nhật bảo mật (null nếu trình quản lý gói không cho biết)",
                en: "A security update (null when the package manager cannot tell)"),
        ]
    )

    public static let updateCheck = FactObjectType(
        name: "UpdateCheck",
        fields: [
            .init("tool", .string, vi: "Trình quản lý gói: apt, dnf, yum, zypper, apk", en: "Package manager: apt, dnf, yum, zypper, apk"),
            .init(
                "status", .string, vi: "ok, failed (lỗi), stale (danh sách gói quá cũ), no_tool (không có trình quản lý gói)",
                en: "ok, failed, stale (package lists too old), no_tool (no package manager)"),
            .init("lists_age_days", .double, vi: "Tuổi danh sách gói lúc quét (ngày)", en: "Age of the package lists at scan time, days"),
            .init("pending", .int, vi: "Số bản cập nhật đang chờ (null nếu không biết)", en: "Pending updates (null when unknown)"),
            .init(
                "security", .int, vi: "Số bản cập nhật bảo mật đang chờ (null nếu không biết)",
                en: "Pending security updates (null when unknown)"),
        ]
    )

    public static let accounts = FactObjectType(
        name: "Accounts",
        fields: [
            .init("uid_zero", .list(.string), vi: "Tài khoản có UID 0", en: "Accounts with UID 0"),
            .init(
                "empty_password", .list(.string), vi: "Tài khoản mật khẩu rỗng (null nếu không đọc được shadow)",
                en: "Accounts with an empty password (null when shadow was unreadable)"),
            .init("administrators", .list(.string), vi: "Thành viên nhóm quản trị cục bộ", en: "Local administrators"),
            .init(
                "guest_enabled", .bool, vi: "Tài khoản Guest (SID kết thúc -501) đang bật",
                en: "The built-in Guest account (SID ending in -501) is enabled"),
        ]
    )

    public static let passwordPolicy = FactObjectType(
        name: "PasswordPolicy",
        fields: [
            .init("max_age_days", .int, vi: "Tuổi tối đa của mật khẩu (ngày)", en: "Maximum password age, days"),
            .init("min_age_days", .int, vi: "Tuổi tối thiểu của mật khẩu (ngày)", en: "Minimum password age, days"),
            .init("warn_age_days", .int, vi: "Số ngày cảnh báo trước khi hết hạn", en: "Warning days before expiry"),
            .init("min_length", .int, vi: "Độ dài tối thiểu", en: "Minimum length"),
            .init("quality_module", .string, vi: "Mô-đun PAM kiểm tra chất lượng", en: "PAM quality module"),
            .init("lockout_threshold", .int, vi: "Số lần sai trước khi khóa (0: không khóa)", en: "Failed logins before lockout (0: never)"),
            .init("history_length", .int, vi: "Số mật khẩu cũ được ghi nhớ", en: "Passwords remembered"),
        ]
    )

    public static let firewall = FactObjectType(
        name: "Firewall",
        fields: [
            .init("enabled", .bool, vi: "Tường lửa đang bật", en: "Firewall enabled"),
            .init("backends", .list(.string), vi: "Thành phần cấu hình: ufw, firewalld, nftables, iptables, windows", en: "Configured: ufw, firewalld, nftables, iptables, windows"),
            .init("profiles", .list(.object(firewallProfile)), vi: "Hồ sơ tường lửa Windows", en: "Windows firewall profiles"),
            .init(
                "backend", .string, vi: "Thành phần nạp luật đang chạy: firewalld, ufw, nftables, iptables",
                en: "What loaded the rules in force: firewalld, ufw, nftables, iptables"),
            .init(
                "input_policy_v4", .string,
                vi: "Gói IPv4 đi vào không khớp luật cho phép nào: drop (bị chặn/từ chối) hoặc accept (null nếu không đọc được luật)",
                en: "What an incoming IPv4 packet no rule allows meets: drop (dropped/rejected) or accept (null when the rules were unreadable)"),
            .init(
                "input_policy_v6", .string, vi: "Như trên cho IPv6 (ip6tables, nft ip6/inet)",
                en: "The same for IPv6 (ip6tables, nft ip6/inet)"),
            .init(
                "ipv6_active", .bool, vi: "Máy có địa chỉ IPv6 trên giao diện khác loopback",
                en: "The host has IPv6 on an interface other than loopback"),
            .init(
                "status", .string,
                vi: "ok (đọc được luật), denied (cần CAP_NET_ADMIN: quét bằng root hoặc cho phép sudo -n), no_tool (không có nft/iptables)",
                en: "ok (rules read), denied (needs CAP_NET_ADMIN: scan as root or allow sudo -n), no_tool (no nft/iptables)"),
        ]
    )

    public static let sshOffer = FactObjectType(
        name: "SSHOffer",
        fields: [
            .init("kex_algorithms", .list(.string), vi: "Thuật toán trao đổi khóa", en: "Key exchange algorithms"),
            .init("host_key_algorithms", .list(.string), vi: "Thuật toán khóa máy chủ", en: "Host key algorithms"),
            .init("ciphers", .list(.string), vi: "Thuật toán mã hóa", en: "Ciphers"),
            .init("macs", .list(.string), vi: "Thuật toán MAC", en: "MACs"),
        ]
    )

    public static let auditPolicy = FactObjectType(
        name: "AuditPolicy",
        fields: ["logon", "account_lockout", "user_account_management", "audit_policy_change"].map {
            .init(
                $0, .string, vi: "success_and_failure, success, failure hoặc none",
                en: "success_and_failure, success, failure or none")
        }
    )

    public static let firewallProfile = FactObjectType(
        name: "FirewallProfile",
        fields: [
            .init("name", .string, vi: "Tên hồ sơ", en: "Profile name"),
            .init("enabled", .bool, vi: "Đang bật", en: "Enabled"),
            .init("default_inbound", .string, vi: "Hành động mặc định với kết nối vào", en: "Default inbound action"),
        ]
    )

    public static let timeSync = FactObjectType(
        name: "TimeSync",
        fields: [
            .init("daemon", .string, vi: "Dịch vụ đồng bộ", en: "Daemon"),
            .init("enabled", .bool, vi: "Bật khi khởi động", en: "Enabled at boot"),
            .init("running", .bool, vi: "Đang chạy", en: "Running"),
            .init("servers", .list(.string), vi: "Máy chủ thời gian", en: "Time servers"),
            .init(
                "synchronized", .bool,
                vi: "Đồng hồ đang được đồng bộ (false nếu không có hoặc không chạy dịch vụ đồng bộ; null nếu không đọc được trạng thái)",
                en: "The clock is synchronised now (false when no daemon is configured or it is not running; null when its state is unreadable)"),
            .init(
                "sync_source", .string, vi: "Nguồn của trạng thái đồng bộ (chronyc tracking, ntpq -pn, timesyncd, timedatectl)",
                en: "Where the synchronisation state came from (chronyc tracking, ntpq -pn, timesyncd, timedatectl)"),
        ]
    )

    public static let auditd = FactObjectType(
        name: "AuditDaemon",
        fields: [
            .init("installed", .bool, vi: "Đã cài đặt", en: "Installed"),
            .init("enabled", .bool, vi: "Bật khi khởi động", en: "Enabled at boot"),
            .init("running", .bool, vi: "Đang chạy", en: "Running"),
            .init("rule_count", .int, vi: "Số quy tắc kiểm toán trong tệp cấu hình", en: "Audit rules in the configuration files"),
            .init(
                "loaded_rules", .int, vi: "Số quy tắc nhân đang nạp (auditctl -l, cần root hoặc sudo -n; null nếu không hỏi được)",
                en: "Rules the kernel has loaded (auditctl -l, needs root or sudo -n; null when it could not be asked)"),
            .init("kernel_enabled", .bool, vi: "Kiểm toán của nhân đang bật (auditctl -s)", en: "Kernel audit enabled (auditctl -s)"),
            .init(
                "rules_status", .string, vi: "loaded (đọc từ nhân), configured (chỉ đọc được tệp), error (không đọc được)",
                en: "loaded (read from the kernel), configured (only the files were readable), error (neither)"),
        ]
    )

    public static let logging = FactObjectType(
        name: "SystemLogging",
        fields: [
            .init(
                "persistent", .bool,
                vi: "Nhật ký được giữ qua khởi động lại: journald lưu bền và đang chạy, hoặc syslog đang chạy ghi ra tệp/máy khác",
                en: "Logs survive a reboot: journald persistent and running, or a running syslog writing to files or another host"),
            .init(
                "journald_storage", .string, vi: "Storage= của journald: persistent, volatile, auto, none",
                en: "journald's Storage=: persistent, volatile, auto, none"),
            .init("journal_directory", .bool, vi: "Có thư mục /var/log/journal", en: "/var/log/journal exists"),
            .init("journald_running", .bool, vi: "journald đang chạy", en: "journald running"),
            .init("syslog_daemon", .string, vi: "Dịch vụ syslog đang chạy: rsyslogd, syslog-ng, syslogd", en: "Syslog daemon running: rsyslogd, syslog-ng, syslogd"),
            .init("syslog_targets", .list(.string), vi: "Nơi syslog ghi: tệp, @máy từ xa", en: "Where syslog writes: files, @remote hosts"),
        ]
    )

    public static let mac = FactObjectType(
        name: "MandatoryAccessControl",
        fields: [
            .init("selinux", .string, vi: "SELinux: enforcing, permissive, disabled", en: "SELinux: enforcing, permissive, disabled"),
            .init("apparmor", .bool, vi: "AppArmor đang bật", en: "AppArmor enabled"),
        ]
    )

    public static let diskEncryption = FactObjectType(
        name: "DiskEncryption",
        fields: [
            .init("method", .string, vi: "Cơ chế: dm-crypt, bitlocker", en: "Method: dm-crypt, bitlocker"),
            .init("encrypted", .list(.string), vi: "Ổ đĩa đã mã hóa", en: "Encrypted volumes"),
            .init("unencrypted", .list(.string), vi: "Ổ đĩa chưa mã hóa", en: "Unencrypted volumes"),
            .init("system_volume", .string, vi: "Ổ đĩa hệ thống (Windows)", en: "System volume (Windows)"),
            .init(
                "system_encrypted", .bool, vi: "Ổ đĩa hệ thống được BitLocker bảo vệ (null nếu không đọc được)",
                en: "The system volume is protected by BitLocker (null when it cannot be read)"),
        ]
    )

    public static let hotfix = FactObjectType(
        name: "Hotfix",
        fields: [
            .init("id", .string, vi: "Mã bản vá (KB)", en: "Hotfix id (KB)"),
            .init("description", .string, vi: "Loại", en: "Kind"),
            .init("installed_on", .date, vi: "Ngày cài", en: "Installed on"),
        ]
    )

    public static let os = FactObjectType(
        name: "OperatingSystem",
        fields: [
            .init("id", .string, vi: "Mã hệ điều hành (ID)", en: "os-release ID"),
            .init("id_like", .list(.string), vi: "Họ tương tự (ID_LIKE)", en: "os-release ID_LIKE"),
            .init("name", .string, vi: "Tên", en: "Name"),
            .init("pretty_name", .string, vi: "Tên đầy đủ", en: "Pretty name"),
            .init("version_id", .string, vi: "Phiên bản", en: "Version id"),
            .init("family", .string, vi: "Họ: debian, rhel, suse, windows, other", en: "Family: debian, rhel, suse, windows, other"),
            .init("role", .string, vi: "Vai trò: workstation, server, domain_controller", en: "Role: workstation, server, domain_controller"),
        ]
    )

    public static let cpu = FactObjectType(
        name: "CPU",
        fields: [
            .init("model", .string, vi: "Kiểu bộ xử lý", en: "Model"),
            .init("cores", .int, vi: "Số lõi logic", en: "Logical cores"),
        ]
    )

    public static let memory = FactObjectType(
        name: "Memory",
        fields: [
            .init("total_bytes", .int, vi: "Tổng bộ nhớ (byte)", en: "Total bytes"),
            .init("available_bytes", .int, vi: "Bộ nhớ khả dụng (byte)", en: "Available bytes"),
        ]
    )

    public static let interface = FactObjectType(
        name: "Interface",
        fields: [
            .init("name", .string, vi: "Tên giao diện", en: "Interface name"),
            .init("mac", .string, vi: "Địa chỉ MAC", en: "MAC address"),
            .init("addresses", .list(.string), vi: "Địa chỉ IP (CIDR)", en: "IP addresses (CIDR)"),
        ]
    )

    public static let route = FactObjectType(
        name: "Route",
        fields: [
            .init("gateway", .string, vi: "Cổng mặc định", en: "Gateway"),
            .init("interface", .string, vi: "Giao diện", en: "Interface"),
        ]
    )

    public static let hardware = FactObjectType(
        name: "Hardware",
        fields: [
            .init("bios_date", .date, vi: "Ngày BIOS", en: "BIOS date"),
            .init("bios_age_years", .double, vi: "Tuổi BIOS tính đến lúc quét (năm)", en: "BIOS age at scan time, years"),
            .init("bios_vendor", .string, vi: "Hãng BIOS", en: "BIOS vendor"),
            .init("system_vendor", .string, vi: "Hãng máy", en: "System vendor"),
            .init("product_name", .string, vi: "Mẫu máy", en: "Product name"),
            .init("virtual", .bool, vi: "Máy ảo", en: "Virtual machine"),
            .init("hypervisor", .string, vi: "Nền tảng ảo hóa (kvm, vmware, hyper-v, …)", en: "Hypervisor (kvm, vmware, hyper-v, …)"),
        ]
    )

    public static let socket = FactObjectType(
        name: "ListeningSocket",
        fields: [
            .init("proto", .string, vi: "Giao thức: tcp hoặc udp", en: "Protocol: tcp or udp"),
            .init("address", .string, vi: "Địa chỉ lắng nghe", en: "Listening address"),
            .init("port", .int, vi: "Cổng", en: "Port"),
        ]
    )

    public static let sshd = FactObjectType(
        name: "SSHD",
        fields: [
            .init("source", .string, vi: "Nguồn: sshd -T hoặc sshd_config", en: "Source: sshd -T or sshd_config"),
            .init(
                "version", .string, vi: "Phiên bản OpenSSH (quyết định giá trị mặc định)",
                en: "OpenSSH version (decides the defaults)"),
            .init(
                "unknown_reason", .string, vi: "Vì sao một số thiết lập không xác định được",
                en: "Why some settings are unknown"),
            .init(
                "match_blocks", .list(.object(sshdMatch)),
                vi: "Các khối Match (thiết lập hiệu lực cho kết nối khớp)",
                en: "Match blocks (the settings in force for the connections they match)"),
            .init("permit_root_login", .string, vi: "PermitRootLogin", en: "PermitRootLogin"),
            .init("password_authentication", .string, vi: "PasswordAuthentication", en: "PasswordAuthentication"),
            .init("pubkey_authentication", .string, vi: "PubkeyAuthentication", en: "PubkeyAuthentication"),
            .init("permit_empty_passwords", .string, vi: "PermitEmptyPasswords", en: "PermitEmptyPasswords"),
            .init(
                "kbd_interactive_authentication", .string, vi: "KbdInteractiveAuthentication",
                en: "KbdInteractiveAuthentication"),
            .init("x11_forwarding", .string, vi: "X11Forwarding", en: "X11Forwarding"),
            .init("max_auth_tries", .int, vi: "MaxAuthTries", en: "MaxAuthTries"),
            .init("login_grace_time", .int, vi: "LoginGraceTime (giây)", en: "LoginGraceTime (seconds)"),
            .init("client_alive_interval", .int, vi: "ClientAliveInterval (giây)", en: "ClientAliveInterval (seconds)"),
            .init("log_level", .string, vi: "LogLevel", en: "LogLevel"),
            .init("ciphers", .list(.string), vi: "Thuật toán mã hóa", en: "Ciphers"),
            .init("macs", .list(.string), vi: "Thuật toán MAC", en: "MACs"),
            .init("kex_algorithms", .list(.string), vi: "Thuật toán trao đổi khóa", en: "Key exchange algorithms"),
        ]
    )

    public static let sshdMatch = FactObjectType(
        name: "SSHDMatch",
        fields: [
            .init("criteria", .string, vi: "Điều kiện sau Match", en: "The criteria after Match"),
            .init(
                "may_apply_to_root", .bool, vi: "Có thể áp dụng khi đăng nhập bằng root",
                en: "May apply to a login as root"),
            .init("permit_root_login", .string, vi: "PermitRootLogin", en: "PermitRootLogin"),
            .init("password_authentication", .string, vi: "PasswordAuthentication", en: "PasswordAuthentication"),
            .init("pubkey_authentication", .string, vi: "PubkeyAuthentication", en: "PubkeyAuthentication"),
            .init("permit_empty_passwords", .string, vi: "PermitEmptyPasswords", en: "PermitEmptyPasswords"),
            .init(
                "kbd_interactive_authentication", .string, vi: "KbdInteractiveAuthentication",
                en: "KbdInteractiveAuthentication"),
            .init("x11_forwarding", .string, vi: "X11Forwarding", en: "X11Forwarding"),
            .init("max_auth_tries", .int, vi: "MaxAuthTries", en: "MaxAuthTries"),
            .init("client_alive_interval", .int, vi: "ClientAliveInterval (giây)", en: "ClientAliveInterval (seconds)"),
        ]
    )

    public static let antivirus = FactObjectType(
        name: "Antivirus",
        fields: [
            .init("product", .string, vi: "Sản phẩm", en: "Product"),
            .init("version", .string, vi: "Phiên bản", en: "Version"),
            .init("installed", .bool, vi: "Đã cài đặt", en: "Installed"),
            .init("running", .bool, vi: "Dịch vụ đang chạy", en: "Service running"),
            .init("real_time", .bool, vi: "Bảo vệ thời gian thực", en: "Real-time protection"),
            .init("signature_date", .date, vi: "Ngày mẫu nhận diện", en: "Signature date"),
            .init("signature_age_days", .double, vi: "Tuổi mẫu nhận diện lúc quét (ngày)", en: "Signature age at scan time, days"),
            .init("license_expiry", .date, vi: "Ngày hết hạn bản quyền", en: "Licence expiry"),
            .init(
                "signatures_up_to_date", .bool, vi: "Sản phẩm tự báo mẫu nhận diện đã cập nhật",
                en: "The product reports its signatures up to date"),
        ]
    )
}

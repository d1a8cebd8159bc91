public import InventoryModel

extension Lab {
    /// The lab's `host` as the scanner takes it: its port on loopback, the lab account and its key,
    /// named after the host. A test that needs another account or key, or a jump host, builds its own.
    public func target(_ host: String, unit: String = "u", os: TargetOS? = nil, sudo: Bool? = nil) throws -> SSHTarget {
        SSHTarget(
            address: "127.0.0.1", port: try port(of: host), user: user, unit: unit, name: host,
            credential: .keyFile(path: clientKeyPath, passphraseEnvironment: nil), os: os, sudo: sudo)
    }

    /// An inventory file over lab hosts, as a user writes one for `ictaudit audit`/`scan` or a
    /// schedule: the lab's known_hosts, account and key as the defaults, `units` (YAML list lines)
    /// as given, one target line per lab host (`name` in the inventory, `host` in the lab) in the
    /// order given; `extra` is appended as is (captures, more targets).
    public func inventoryYAML(
        name: String, units: String, targets: [(name: String, host: String, unit: String)], extra: String = ""
    ) throws -> String {
        var yaml = """
            inventory:
              name: "\(name)"
              known_hosts: \(knownHostsPath)
            defaults:
              user: \(user)
              credential:
                key: \(clientKeyPath)
            units:
            \(units)
            targets:

            """
        for target in targets {
            yaml += "  - { name: \(target.name), address: 127.0.0.1, port: \(try port(of: target.host)), unit: \(target.unit) }\n"
        }
        return yaml + extra
    }
}

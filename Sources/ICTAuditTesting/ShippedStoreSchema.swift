/// The store's SQLite schema exactly as v2 shipped it (one JSON document per host per scan,
/// evidence inline): what the migration test opens, and what store-bench measures the compact
/// layout against. Text, so no test target needs GRDB for it.
public enum ShippedStoreSchema {
    /// `grdb_migrations` with v1 and v2 recorded as applied.
    public static let v2Migrations = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1: scans, hosts, evaluations, findings'), ('v2: passive capture kept with its scan');
        """

    /// The scan and host tables with their index.
    public static let v2ScansAndHosts = """
        CREATE TABLE scan (id INTEGER PRIMARY KEY AUTOINCREMENT, inventory_name TEXT NOT NULL, started_at DATETIME NOT NULL,
          finished_at DATETIME NOT NULL, units_json BLOB NOT NULL, captures_json BLOB);
        CREATE TABLE host_result (id INTEGER PRIMARY KEY AUTOINCREMENT,
          scan_id INTEGER NOT NULL REFERENCES scan(id) ON DELETE CASCADE, position INTEGER NOT NULL,
          endpoint TEXT NOT NULL, unit_id TEXT NOT NULL, status TEXT NOT NULL, hostname TEXT, record_json BLOB NOT NULL);
        CREATE INDEX host_result_on_scan_id ON host_result(scan_id);
        """

    /// The evaluation and finding tables.
    public static let v2Judgements = """
        CREATE TABLE evaluation (id INTEGER PRIMARY KEY AUTOINCREMENT,
          scan_id INTEGER NOT NULL REFERENCES scan(id) ON DELETE CASCADE, created_at DATETIME NOT NULL, policies TEXT NOT NULL);
        CREATE TABLE finding (id INTEGER PRIMARY KEY AUTOINCREMENT,
          evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE, policy_id TEXT NOT NULL,
          rule_id TEXT NOT NULL, endpoint TEXT NOT NULL, unit_id TEXT NOT NULL, verdict TEXT NOT NULL,
          severity TEXT NOT NULL, record_json BLOB NOT NULL);
        """
}

import Foundation

/// The tab-separated catalogue files under `policies/catalogues/`: one entry per line, fields
/// separated by tabs (so names may hold spaces), `#` starting a comment line.
enum CatalogueFile {
    /// The lines' fields with their line numbers; every line must have `fields` fields.
    static func rows(path: String, fields: Int) throws(CaptureError) -> [(line: Int, fields: [String])] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .catalogue(path: path, line: 0, reason: "cannot read the file (\(error.localizedDescription))")
        }
        var rows: [(Int, [String])] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == fields else {
                throw .catalogue(
                    path: path, line: n + 1, reason: "expected \(fields) tab-separated fields, found \(parts.count)")
            }
            rows.append((n + 1, parts))
        }
        return rows
    }
}

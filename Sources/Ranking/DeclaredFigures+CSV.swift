public import PolicyEngine
import Foundation
public import InventoryModel

extension DeclaredFigures {
    /// Reads a figures CSV: a `unit` column, optional `name` (shown for units not in the inventory)
    /// and `group` (peer group id) columns, then one column per indicator or pillar id of `method`.
    ///
    /// Numbers use a dot (`0.8253`); an empty cell is a figure not reported. Fields may be quoted
    /// with `"` (a doubled `""` inside). Errors read `file:line:column: sentence`, the column being
    /// the character where the offending cell starts.
    public static func parseCSV(_ text: String, file: String, method: RankingMethod) throws(PolicyError) -> DeclaredFigures {
        let records = try CSVRecords.parse(text, file: file)
        guard let header = records.first else {
            throw PolicyError(file: file, line: 1, column: 1, message: "the figures file is empty; it needs a header row starting with 'unit'")
        }
        let known = Set(method.indicators.map(\.id) + method.pillars.map(\.id))
        guard header.cells.first?.text == "unit" else {
            let cell = header.cells.first
            throw PolicyError(
                file: file, line: header.line, column: cell?.column ?? 1,
                message: "the first column must be 'unit', found '\(cell?.text ?? "")'")
        }
        var seenColumns = Set<String>()
        for cell in header.cells {
            guard seenColumns.insert(cell.text).inserted else {
                throw PolicyError(file: file, line: header.line, column: cell.column, message: "the column '\(cell.text)' appears twice")
            }
            guard known.contains(cell.text) || ["unit", "name", "group"].contains(cell.text) else {
                let ids = (method.pillars.map(\.id) + method.indicators.map(\.id)).joined(separator: ", ")
                throw PolicyError(
                    file: file, line: header.line, column: cell.column,
                    message: "'\(cell.text)' is not an indicator or pillar of method '\(method.id)'; its ids are \(ids)")
            }
        }
        let groups = Set(method.peerGroups.map(\.id))
        var rows: [Row] = []
        var seenUnits: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.cells.count == header.cells.count else {
                let column = record.cells.last.map { $0.column } ?? 1
                throw PolicyError(
                    file: file, line: record.line, column: column,
                    message: "this row has \(record.cells.count) cells but the header has \(header.cells.count)")
            }
            var row = Row(unit: "", values: [:])
            for (name, cell) in zip(header.cells.map(\.text), record.cells) {
                let value = cell.text.trimmingCharacters(in: .whitespaces)
                switch name {
                case "unit":
                    guard !value.isEmpty else {
                        throw PolicyError(file: file, line: record.line, column: cell.column, message: "the unit id is empty")
                    }
                    if let line = seenUnits[value] {
                        throw PolicyError(
                            file: file, line: record.line, column: cell.column,
                            message: "unit '\(value)' already has a row on line \(line)")
                    }
                    seenUnits[value] = record.line
                    row.unit = value
                case "name":
                    row.name = value.isEmpty ? nil : LocalizedText(vi: value, en: value)
                case "group":
                    guard value.isEmpty || groups.contains(value) else {
                        throw PolicyError(
                            file: file, line: record.line, column: cell.column,
                            message: "'\(value)' is not a peer group of method '\(method.id)'; its groups are \(groups.sorted().joined(separator: ", "))")
                    }
                    row.group = value.isEmpty ? nil : value
                default:
                    guard !value.isEmpty else { continue }
                    guard let number = Double(value), number.isFinite else {
                        let hint = value.contains(",") ? "; write decimals with a dot, such as 0.8253" : ""
                        throw PolicyError(
                            file: file, line: record.line, column: cell.column,
                            message: "'\(value)' in column '\(name)' is not a number\(hint)")
                    }
                    row.values[name] = number
                }
            }
            rows.append(row)
        }
        return DeclaredFigures(rows: rows)
    }
}

/// RFC 4180 records with the line and column each cell starts at, for error messages.
enum CSVRecords {
    struct Cell {
        var text: String
        var column: Int
    }

    struct Record {
        var line: Int
        var cells: [Cell]
    }

    static func parse(_ text: String, file: String) throws(PolicyError) -> [Record] {
        var records: [Record] = []
        var cells: [Cell] = []
        var field = ""
        var line = 1, column = 1
        var recordLine = 1, fieldColumn = 1
        var quoted = false, wasQuoted = false
        var quoteLine = 1, quoteColumn = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        func endField() {
            cells.append(Cell(text: field, column: fieldColumn))
            field = ""
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if !(cells.count == 1 && cells[0].text.isEmpty) { records.append(Record(line: recordLine, cells: cells)) }
            cells = []
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 2
                        column += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.unicodeScalars.append(c)
                    if c == "\n" {
                        line += 1
                        column = 0
                    }
                }
            } else {
                switch c {
                case "\"":
                    guard field.isEmpty, !wasQuoted else {
                        throw PolicyError(
                            file: file, line: line, column: column,
                            message: "a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")")
                    }
                    quoted = true
                    wasQuoted = true
                    quoteLine = line
                    quoteColumn = column
                case ",":
                    endField()
                    fieldColumn = column + 1
                case "\r":
                    break
                case "\n":
                    endRecord()
                    line += 1
                    column = 0
                    recordLine = line
                    fieldColumn = 1
                default:
                    if wasQuoted {
                        throw PolicyError(
                            file: file, line: line, column: column,
                            message: "text after a closing quote; a quoted cell must end at a comma or the end of the line")
                    }
                    field.unicodeScalars.append(c)
                }
            }
            i += 1
            column += 1
        }
        if quoted {
            throw PolicyError(file: file, line: quoteLine, column: quoteColumn, message: "this quote is never closed")
        }
        if !field.isEmpty || !cells.isEmpty { endRecord() }
        return records
    }
}

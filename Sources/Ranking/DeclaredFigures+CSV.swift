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
            throw PolicyError(file: file, line: 1, column: 1, problem: FiguresProblem.empty)
        }
        let known = Set(method.indicators.map(\.id) + method.pillars.map(\.id))
        guard header.cells.first?.text == "unit" else {
            let cell = header.cells.first
            throw PolicyError(
                file: file, line: header.line, column: cell?.column ?? 1,
                problem: FiguresProblem.firstColumn(found: cell?.text ?? ""))
        }
        var seenColumns = Set<String>()
        for cell in header.cells {
            guard seenColumns.insert(cell.text).inserted else {
                throw PolicyError(file: file, line: header.line, column: cell.column, problem: FiguresProblem.columnTwice(cell.text))
            }
            guard known.contains(cell.text) || ["unit", "name", "group"].contains(cell.text) else {
                let ids = method.pillars.map(\.id) + method.indicators.map(\.id)
                throw PolicyError(
                    file: file, line: header.line, column: cell.column,
                    problem: FiguresProblem.unknownColumn(cell.text, method: method.id, ids: ids))
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
                    problem: FiguresProblem.cellCount(row: record.cells.count, header: header.cells.count))
            }
            var row = Row(unit: "", values: [:])
            for (name, cell) in zip(header.cells.map(\.text), record.cells) {
                let value = cell.text.trimmingCharacters(in: .whitespaces)
                switch name {
                case "unit":
                    guard !value.isEmpty else {
                        throw PolicyError(file: file, line: record.line, column: cell.column, problem: FiguresProblem.emptyUnit)
                    }
                    if let line = seenUnits[value] {
                        throw PolicyError(
                            file: file, line: record.line, column: cell.column,
                            problem: FiguresProblem.unitTwice(value, firstLine: line))
                    }
                    seenUnits[value] = record.line
                    row.unit = value
                case "name":
                    row.name = value.isEmpty ? nil : LocalizedText(vi: value, en: value)
                case "group":
                    guard value.isEmpty || groups.contains(value) else {
                        throw PolicyError(
                            file: file, line: record.line, column: cell.column,
                            problem: FiguresProblem.unknownGroup(value, method: method.id, groups: groups.sorted()))
                    }
                    row.group = value.isEmpty ? nil : value
                default:
                    guard !value.isEmpty else { continue }
                    guard let number = Double(value), number.isFinite else {
                        throw PolicyError(
                            file: file, line: record.line, column: cell.column,
                            problem: FiguresProblem.notNumber(value, column: name, decimalComma: value.contains(",")))
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
                            problem: FiguresProblem.quoteInCell)
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
                            problem: FiguresProblem.textAfterQuote)
                    }
                    field.unicodeScalars.append(c)
                }
            }
            i += 1
            column += 1
        }
        if quoted {
            throw PolicyError(file: file, line: quoteLine, column: quoteColumn, problem: FiguresProblem.quoteNotClosed)
        }
        if !field.isEmpty || !cells.isEmpty { endRecord() }
        return records
    }
}

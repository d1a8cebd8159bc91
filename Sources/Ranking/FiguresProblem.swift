public import InventoryModel

/// What is wrong in a declared-figures CSV (`rank --figures`): the typed reason of its
/// `PolicyError`s, worded in Vietnamese and English by one exhaustive switch.
public enum FiguresProblem: SourceProblem, Hashable {
    case empty
    case firstColumn(found: String)
    case columnTwice(String)
    case unknownColumn(String, method: String, ids: [String])
    case cellCount(row: Int, header: Int)
    case emptyUnit
    case unitTwice(String, firstLine: Int)
    case unknownGroup(String, method: String, groups: [String])
    /// `decimalComma`: the cell holds a comma, the likely mistake.
    case notNumber(String, column: String, decimalComma: Bool)
    case quoteInCell
    case textAfterQuote
    case quoteNotClosed

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        switch self {
        case .empty:
            return t(
                "tệp số liệu trống; cần một dòng tiêu đề bắt đầu bằng 'unit'",
                "the figures file is empty; it needs a header row starting with 'unit'")
        case .firstColumn(let found):
            return t("cột đầu tiên phải là 'unit', ở đây là '\(found)'", "the first column must be 'unit', found '\(found)'")
        case .columnTwice(let column):
            return t("cột '\(column)' xuất hiện hai lần", "the column '\(column)' appears twice")
        case .unknownColumn(let column, let method, let ids):
            let list = ids.joined(separator: ", ")
            return t(
                "'\(column)' không phải là chỉ tiêu hay trụ cột của phương pháp '\(method)'; các mã của nó là \(list)",
                "'\(column)' is not an indicator or pillar of method '\(method)'; its ids are \(list)")
        case .cellCount(let row, let header):
            return t("dòng này có \(row) ô nhưng dòng tiêu đề có \(header)", "this row has \(row) cells but the header has \(header)")
        case .emptyUnit:
            return t("mã đơn vị trống", "the unit id is empty")
        case .unitTwice(let unit, let line):
            return t("đơn vị '\(unit)' đã có một dòng ở dòng \(line)", "unit '\(unit)' already has a row on line \(line)")
        case .unknownGroup(let group, let method, let groups):
            let list = groups.joined(separator: ", ")
            return t(
                "'\(group)' không phải là nhóm so sánh của phương pháp '\(method)'; các nhóm của nó là \(list)",
                "'\(group)' is not a peer group of method '\(method)'; its groups are \(list)")
        case .notNumber(let value, let column, let decimalComma):
            return t("'\(value)' ở cột '\(column)' không phải là số", "'\(value)' in column '\(column)' is not a number")
                + (decimalComma ? t("; hãy viết phần thập phân bằng dấu chấm, như 0.8253", "; write decimals with a dot, such as 0.8253") : "")
        case .quoteInCell:
            return t(
                "dấu ngoặc kép nằm trong một ô không được đặt trong ngoặc kép; hãy đặt cả ô trong ngoặc kép và nhân đôi dấu đó (\"\")",
                "a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")")
        case .textAfterQuote:
            return t(
                "có chữ sau dấu ngoặc kép đóng; ô trong ngoặc kép phải kết thúc ở dấu phẩy hoặc cuối dòng",
                "text after a closing quote; a quoted cell must end at a comma or the end of the line")
        case .quoteNotClosed:
            return t("dấu ngoặc kép này không bao giờ được đóng", "this quote is never closed")
        }
    }
}

import Testing

@testable import InventoryModel

struct LabelKeyTests {
    @Test("a label table gives one label in a language, and every label under its case name for a template")
    func lookups() {
        #expect(ScanDiffLabel.title.text(in: .vi) == "So sánh hai lần quét")
        #expect(ScanDiffLabel.title.text(in: .en) == "Comparison of two scans")
        let table = ScanDiffLabel.table(.en)
        #expect(table.count == ScanDiffLabel.allCases.count)
        #expect(table["nothingChanged"] == "Nothing changed.")
        #expect(ScanDiffLabel.table(.vi)["hostsGone"] == "Máy không còn")
    }
}

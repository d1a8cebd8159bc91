import Foundation
import InventoryModel
import Testing

@testable import AuditService

struct DashboardStringsTests {
    @Test("every dashboard label has a non-empty Vietnamese and English text, and the template table has each under its key")
    func everyLabelInBothLanguages() {
        let vi = DashboardKey.table(.vi)
        let en = DashboardKey.table(.en)
        #expect(vi.count == DashboardKey.allCases.count && en.count == DashboardKey.allCases.count)
        for key in DashboardKey.allCases {
            #expect(!key.text.vi.isEmpty && !key.text.en.isEmpty, "\(key)")
            #expect(key.text.vi == key.text.vi.precomposedStringWithCanonicalMapping, "\(key) is not NFC")
            #expect(vi["\(key)"] == key.text.vi && en["\(key)"] == key.text.en, "\(key)")
        }
        #expect(vi["runNow"] == "Quét ngay" && en["runNow"] == "Scan now")
    }
}

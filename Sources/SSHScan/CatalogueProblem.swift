public import InventoryModel

/// What is wrong in the antivirus catalogue beyond what the YAML reader checks, worded in
/// Vietnamese and English by one exhaustive switch.
public enum CatalogueProblem: SourceProblem, Hashable {
    case productTwice(String)
    case linuxPath(product: String)
    case statusCommand

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        switch self {
        case .productTwice(let id):
            return t("mã sản phẩm '\(id)' được dùng hai lần", "product id '\(id)' is used twice")
        case .linuxPath(let product):
            return t(
                "đường dẫn Linux của '\(product)' phải là đường dẫn tuyệt đối và không có dấu nháy",
                "Linux path of '\(product)' must be absolute and have no quote")
        case .statusCommand:
            return t(
                "lệnh trạng thái phải bắt đầu bằng một đường dẫn tuyệt đối và không chứa dấu nháy hay ký tự shell",
                "a status command must start with an absolute path and hold no quote or shell character")
        }
    }
}

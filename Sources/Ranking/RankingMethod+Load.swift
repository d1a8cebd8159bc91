import Foundation
public import InventoryModel
public import PolicyEngine

extension RankingMethod {
    /// Parses and checks a method file's text. Pure: `file` is only used in error messages.
    ///
    /// Everything is validated here — keys, numbers, weights, tiers, duplicate ids and every
    /// expression against the fact schema — so a method that loads cannot fail later for a reason
    /// its author could have fixed. Errors read `file:line:column: sentence`.
    public static func parse(text: String, file: String) throws(PolicyError) -> RankingMethod {
        try RankingMethodLoader(text: text, file: file).load()
    }

}

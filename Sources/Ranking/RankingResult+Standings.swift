public import InventoryModel

extension RankingResult {
    /// Each unit's rank, score and tier, as a `ScanDiff` compares them between two scans.
    public var standings: [UnitStanding] {
        units.map {
            UnitStanding(
                unitID: $0.unitID, unitName: $0.unitName, rank: $0.rank, score: $0.score, tier: $0.tier?.id,
                group: $0.group)
        }
    }
}

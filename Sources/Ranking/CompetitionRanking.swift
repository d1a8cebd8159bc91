/// Standard competition ranking ("1224"): equal scores share a rank and the ranks after them are
/// skipped, so a rank always says how many units did strictly better.
public enum CompetitionRanking {
    /// Scores closer than this are equal, so floating-point noise from different summation orders
    /// cannot split a tie.
    public static let defaultTolerance = 1e-9

    /// One ranked entry.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var score: Double
        public var rank: Int

        public init(id: String, score: Double, rank: Int) {
            self.id = id
            self.score = score
            self.rank = rank
        }
    }

    /// Ranks entries by descending score. The result is in rank order; tied entries are ordered by id
    /// so the output is stable whatever the input order.
    ///
    /// A tie group is anchored at its highest score: an entry joins the group only when it is within
    /// `tolerance` of that score, so a slow drift of tiny differences never chains into one big tie.
    /// NaN scores rank last.
    public static func rank(
        _ scores: [(id: String, score: Double)], tolerance: Double = defaultTolerance
    ) -> [Entry] {
        func key(_ score: Double) -> Double { score.isNaN ? -.infinity : score }
        let sorted = scores.sorted { a, b in
            key(a.score) != key(b.score) ? key(a.score) > key(b.score) : a.id < b.id
        }
        var result: [Entry] = []
        result.reserveCapacity(sorted.count)
        var groupStart = 0
        while groupStart < sorted.count {
            let anchor = key(sorted[groupStart].score)
            var groupEnd = groupStart + 1
            while groupEnd < sorted.count, isTied(anchor, key(sorted[groupEnd].score), tolerance) {
                groupEnd += 1
            }
            let rank = groupStart + 1
            let group = sorted[groupStart..<groupEnd].sorted { $0.id < $1.id }
            result += group.map { Entry(id: $0.id, score: $0.score, rank: rank) }
            groupStart = groupEnd
        }
        return result
    }

    /// `a - b` alone is NaN for two infinite scores, which must still tie.
    private static func isTied(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        a == b || a - b <= tolerance
    }
}

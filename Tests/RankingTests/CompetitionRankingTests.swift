import Ranking
import Testing

struct CompetitionRankingTests {
    private func ranks(_ entries: [CompetitionRanking.Entry]) -> [String] {
        entries.map { "\($0.id)=\($0.rank)" }
    }

    @Test("two units tied for second share rank 2 and rank 3 is skipped (1, 2, 2, 4)")
    func tieInTheMiddle() {
        let ranked = CompetitionRanking.rank([
            (id: "d", score: 0.1), (id: "c", score: 0.5), (id: "a", score: 0.9),
            (id: "b", score: 0.5),
        ])
        #expect(ranks(ranked) == ["a=1", "b=2", "c=2", "d=4"])
    }

    @Test(
        "two units tied for first share rank 1 and the next is third (1, 1, 3), ties ordered by id")
    func tieAtTheTop() {
        let ranked = CompetitionRanking.rank([
            (id: "b", score: 0.8), (id: "c", score: 0.2), (id: "a", score: 0.8),
        ])
        #expect(ranks(ranked) == ["a=1", "b=1", "c=3"])
    }

    @Test("floating-point noise below the tolerance does not break a tie")
    func noiseIsATie() {
        let ranked = CompetitionRanking.rank([
            (id: "x", score: 0.1 + 0.2), (id: "y", score: 0.3), (id: "z", score: 0.2),
        ])
        #expect(0.1 + 0.2 != 0.3)
        #expect(ranks(ranked) == ["x=1", "y=1", "z=3"])
    }

    @Test("a difference above the tolerance is a real difference")
    func differenceAboveTolerance() {
        let ranked = CompetitionRanking.rank([(id: "a", score: 0.5), (id: "b", score: 0.5 + 1e-6)])
        #expect(ranks(ranked) == ["b=1", "a=2"])
    }

    @Test("a tie group is anchored at its top score so small steps do not chain into one tie")
    func tiesDoNotChain() {
        let ranked = CompetitionRanking.rank([
            (id: "a", score: 0.5), (id: "b", score: 0.5 - 0.6e-9), (id: "c", score: 0.5 - 1.2e-9),
        ])
        #expect(ranks(ranked) == ["a=1", "b=1", "c=3"])
    }

    @Test("the output order does not depend on the input order")
    func stableOrder() {
        let scores: [(id: String, score: Double)] = [
            ("u3", 0.4), ("u1", 0.4), ("u2", 0.7), ("u4", 0.4),
        ]
        #expect(
            ranks(CompetitionRanking.rank(scores))
                == ranks(CompetitionRanking.rank(scores.reversed())))
        #expect(ranks(CompetitionRanking.rank(scores)) == ["u2=1", "u1=2", "u3=2", "u4=2"])
    }

    @Test("NaN scores rank last and tie with each other")
    func nanRanksLast() {
        let ranked = CompetitionRanking.rank([
            (id: "n2", score: .nan), (id: "a", score: 0), (id: "n1", score: .nan),
        ])
        #expect(ranks(ranked) == ["a=1", "n1=2", "n2=2"])
    }

    @Test("no entries, no ranks")
    func empty() {
        #expect(CompetitionRanking.rank([]).isEmpty)
    }
}

import Foundation
import InventoryModel
import Ranking
import Testing

struct RankingMethodTests {
    private let result = RankingMethod.basic().score(Fixtures.snapshot, findings: Fixtures.findings)

    private func unit(_ id: String) throws -> UnitScore {
        try #require(result.units.first { $0.unitID == id })
    }

    private func indicator(_ unitID: String, _ indicatorID: String) throws -> IndicatorScore {
        try #require(try unit(unitID).indicators.first { $0.id == indicatorID })
    }

    @Test("the basic method weighs its three indicators equally, in a fixed order")
    func basicMethod() {
        let method = RankingMethod.basic()
        #expect(
            method.indicators.map(\.id) == [
                "computers_per_staff", "antivirus_coverage", "rules_passed",
            ])
        let third = 1.0 / 3
        #expect(method.indicators.map(\.weight) == [third, third, third])
        #expect(method.indicators[1].measure == .antivirusCoverage(maxSignatureAgeDays: 7))
        #expect(result.methodID == "basic")
        #expect(result.methodName.en == "Basic ICT readiness index")
    }

    @Test(
        "computers per staff counts every inventoried host, scanned or not, and caps at a target of 1"
    )
    func computersPerStaff() throws {
        let a = try indicator("a", IndicatorID.computersPerStaff)
        #expect(a.raw == 1.25)
        #expect(a.normalised == 1)
        #expect(a.hasData)
        let c = try indicator("c", IndicatorID.computersPerStaff)
        #expect(c.raw == 0.1)
        #expect(c.normalised == 0.1)
        #expect(c.explanation.en == "1 inventoried computers for 10 staff members.")
    }

    @Test("a unit with no staff scores 0 computers per staff and is marked as having no data")
    func zeroStaff() throws {
        let b = try indicator("b", IndicatorID.computersPerStaff)
        #expect(b.raw == 0)
        #expect(b.normalised == 0)
        #expect(!b.hasData)
        #expect(
            b.explanation.vi == "Đơn vị không khai báo số cán bộ: không có dữ liệu, tính bằng 0.")
    }

    @Test(
        "antivirus coverage counts only scanned hosts with installed antivirus no older than 7 days"
    )
    func antivirusCoverage() throws {
        // 10.0.0.1 (2 days) and 10.0.0.5 (exactly 7 days) count; stale, not installed and unreachable do not.
        let a = try indicator("a", IndicatorID.antivirusCoverage)
        #expect(a.raw == 0.4)
        #expect(a.normalised == 0.4)
        #expect(a.explanation.en.contains("2 of 5 computers"))
        #expect(
            a.explanation.en.contains("1 computers that could not be scanned count as not covered"))
        #expect(a.explanation.vi.contains("bị tính là chưa đạt"))
        // One installed product is enough, even beside an uninstalled one.
        #expect(try indicator("b", IndicatorID.antivirusCoverage).raw == 1)
        // A timed-out host is not covered.
        #expect(try indicator("c", IndicatorID.antivirusCoverage).raw == 0)
    }

    @Test("signature age is measured at the host's own scan start, and the limit is a parameter")
    func antivirusAgeAtHostScanStart() {
        let lateHost = Fixtures.host(
            "10.9.9.9", unit: "z", startedAt: Fixtures.scanStart.addingTimeInterval(3_600),
            antivirus: [Fixtures.clamAV(signaturesDaysOld: 7)])
        let snapshot = InventorySnapshot(
            inventoryName: "t", startedAt: Fixtures.scanStart, finishedAt: Fixtures.scanStart,
            units: [Unit(id: "z", name: LocalizedText(vi: "Z", en: "Z"), staff: 1)],
            hosts: [lateHost])
        let sevenDays = RankingMethod.basic().score(snapshot, findings: [])
        #expect(sevenDays.units[0].indicators[1].raw == 0)
        let eightDays = RankingMethod.basic(maxSignatureAgeDays: 8).score(snapshot, findings: [])
        #expect(eightDays.units[0].indicators[1].raw == 1)
    }

    @Test("rules passed is pass over pass, fail and error; not applicable and waived are left out")
    func rulesPassed() throws {
        let a = try indicator("a", IndicatorID.rulesPassed)
        #expect(a.raw == 0.6)
        #expect(a.hasData)
        #expect(
            a.explanation.en
                == "3 of 5 judged rule results passed (pass, fail, error); 3 not applicable or waived results are not counted."
        )
        #expect(try indicator("c", IndicatorID.rulesPassed).raw == 1)
    }

    @Test(
        "a unit with only not-applicable and waived findings has no rules data and scores 0 for it")
    func rulesNoData() throws {
        let b = try indicator("b", IndicatorID.rulesPassed)
        #expect(b.raw == 0)
        #expect(b.normalised == 0)
        #expect(!b.hasData)
    }

    @Test("the score is the weighted mean of normalised values and the contributions add up to it")
    func scores() throws {
        #expect(abs(try unit("a").score - (1.0 + 0.4 + 0.6) / 3) < 1e-15)
        #expect(abs(try unit("b").score - (0.0 + 1.0 + 0.0) / 3) < 1e-15)
        #expect(abs(try unit("c").score - (0.1 + 0.0 + 1.0) / 3) < 1e-15)
        for unit in result.units {
            #expect(unit.score == unit.indicators.reduce(0) { $0 + $1.contribution })
        }
        #expect(try indicator("a", IndicatorID.antivirusCoverage).contribution == 0.4 / 3)
    }

    @Test("units come out in rank order with competition ranks")
    func rankOrder() {
        #expect(result.units.map(\.unitID) == ["a", "c", "b"])
        #expect(result.units.map(\.rank) == [1, 2, 3])
        #expect(result.units.map(\.unitName.vi) == ["Văn phòng", "Phòng Kế hoạch", "Thanh tra"])
    }

    @Test("units with equal indicators tie on rank and are ordered by id")
    func tiedUnits() {
        let units = ["q", "p", "r"].map {
            Unit(id: $0, name: LocalizedText(vi: $0, en: $0), staff: 2)
        }
        let hosts = [
            Fixtures.host("1.1.1.1", unit: "q", antivirus: [Fixtures.clamAV(signaturesDaysOld: 1)]),
            Fixtures.host("1.1.1.2", unit: "p", antivirus: [Fixtures.clamAV(signaturesDaysOld: 1)]),
            Fixtures.host("1.1.1.3", unit: "r"),
        ]
        let snapshot = InventorySnapshot(
            inventoryName: "t", startedAt: Fixtures.scanStart, finishedAt: Fixtures.scanStart,
            units: units, hosts: hosts)
        let ranked = RankingMethod.basic().score(snapshot, findings: [])
        #expect(ranked.units.map(\.unitID) == ["p", "q", "r"])
        #expect(ranked.units.map(\.rank) == [1, 1, 3])
    }

    @Test("a unit with no hosts has no antivirus data and still gets a rank")
    func unitWithoutHosts() {
        let snapshot = InventorySnapshot(
            inventoryName: "t", startedAt: Fixtures.scanStart, finishedAt: Fixtures.scanStart,
            units: [Unit(id: "e", name: LocalizedText(vi: "E", en: "E"), staff: 3)], hosts: [])
        let ranked = RankingMethod.basic().score(snapshot, findings: [])
        #expect(ranked.units.map(\.rank) == [1])
        #expect(ranked.units[0].indicators.map(\.hasData) == [true, false, false])
        #expect(ranked.units[0].score == 0)
    }

    @Test("normalisation caps ratios to target and clamps shares to [0, 1]")
    func normalisation() {
        #expect(Normalisation.ratioToTarget(2).normalise(1, population: []) == 0.5)
        #expect(Normalisation.ratioToTarget(1).normalise(3, population: []) == 1)
        #expect(Normalisation.ratioToTarget(0).normalise(3, population: []) == 1)
        #expect(Normalisation.share.normalise(-0.5, population: []) == 0)
        #expect(Normalisation.share.normalise(.nan, population: []) == 0)
    }

    @Test("a result survives a JSON round trip unchanged")
    func codable() throws {
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(RankingResult.self, from: data) == result)
        let method = RankingMethod.basic(maxSignatureAgeDays: 14)
        #expect(
            try JSONDecoder().decode(RankingMethod.self, from: JSONEncoder().encode(method))
                == method)
    }
}

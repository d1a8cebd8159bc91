import Foundation
import InventoryModel
import PolicyEngine
import Ranking
import Testing

struct MethodFileTests {
    private func failure(_ yaml: String) -> String? {
        do {
            _ = try RankingMethod.parse(text: yaml, file: "m.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    private static let header = """
        method:
          id: m
          name: { vi: "Phương pháp", en: "Method" }
          source: "Quyết định 1/QĐ"
          year: 2024

        """

    /// The header, one pillar `p` and its one indicator `i`, whose last lines (15 on) are `tail`,
    /// indented as the indicator's fields are.
    private static func oneIndicator(_ tail: String) -> String {
        header + """
            pillars:
              - id: p
                name: { vi: "P", en: "P" }
                weight: 1
                indicators:
                  - id: i
                    name: { vi: "I", en: "I" }
                    weight: 1
            \(tail)
            """
    }

    @Test("every shipped method loads with its source, year and the pillar ids users fill in")
    func shippedPillars() throws {
        let expected: [String: [String]] = [
            "dti-2022-province.yaml": [
                "nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang",
                "do_thi_thong_minh", "hoat_dong_chinh_quyen_so", "hoat_dong_kinh_te_so", "hoat_dong_xa_hoi_so",
            ],
            "dti-2022-ministry.yaml": [
                "nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang",
                "hoat_dong_chuyen_doi_so",
            ],
            "ict-index.yaml": ["ha_tang_ky_thuat", "ha_tang_nhan_luc", "ung_dung_cntt"],
            "mic-it-application.yaml": [
                "ha_tang_ky_thuat", "ung_dung_noi_bo", "cong_thong_tin_dien_tu", "dich_vu_cong_truc_tuyen",
                "nhan_luc_chinh_sach",
            ],
            "attt-ranking.yaml": ["kiem_tra_ky_thuat", "to_chuc_quy_trinh", "nhan_luc_attt"],
        ]
        for (file, pillars) in expected {
            let method = try ShippedMethods.load(file)
            #expect(method.pillars.map(\.id) == pillars, "\(file)")
            #expect(method.source?.isEmpty == false, "\(file)")
            #expect(method.year != nil, "\(file)")
        }
    }

    @Test("the DTI files give the points of Quyết định 922/QĐ-BTTTT, out of 1000")
    func dtiPoints() throws {
        let province = try ShippedMethods.load("dti-2022-province.yaml")
        #expect(province.pillars.map(\.weight) == [100, 100, 100, 100, 100, 0, 200, 150, 150])
        #expect(province.aggregation == .points)
        let ministry = try ShippedMethods.load("dti-2022-ministry.yaml")
        #expect(ministry.pillars.map(\.weight) == [100, 100, 100, 100, 100, 500])
        #expect(ministry.peerGroups.map(\.id) == ["co_dich_vu_cong", "khong_dich_vu_cong"])
        #expect(ministry.year == 2022)
    }

    @Test("MIC technical infrastructure is 200 points and the tiers are Tốt, Khá, Trung bình, Yếu")
    func micPoints() throws {
        let method = try ShippedMethods.load("mic-it-application.yaml")
        let infrastructure = try #require(method.pillars.first)
        #expect(infrastructure.weight == 200)
        #expect(infrastructure.indicators.map(\.weight) == [20, 20, 40, 50, 60, 10])
        #expect(infrastructure.indicators[2].normalisation == .ratioToBest)
        #expect(method.tiers.map(\.label.vi) == ["Tốt", "Khá", "Trung bình", "Yếu"])
    }

    @Test("the security grade is A above 80, B from 65, C from 50 on a 100-point scale")
    func atttTiers() throws {
        let method = try ShippedMethods.load("attt-ranking.yaml")
        #expect(method.scale == 100)
        #expect(method.tiers.map(\.id) == ["A", "B", "C", "D", "E"])
        #expect(method.tiers.prefix(3).map(\.minimum) == [80, 65, 50])
        #expect(method.tier(for: 0.81)?.id == "A")
        #expect(method.tier(for: 0.65)?.id == "B")
        #expect(method.tier(for: 0.6499)?.id == "C")
    }

    @Test("an unknown key points at its line and column and suggests the near one")
    func unknownKey() {
        let yaml = Self.header + """
            pillars:
              - id: p
                name: { vi: "P", en: "P" }
                wieght: 1
            """
        #expect(failure(yaml) == "m.yaml:9:5: unknown key 'wieght' in a pillar; did you mean 'weight'?")
    }

    @Test("a type error inside an indicator expression points at the character in the file")
    func expressionError() {
        let yaml = Self.oneIndicator(
            "        normalisation: share\n        hosts_where: host.antivirus.exists(a, a.instaled)")
        #expect(failure(yaml) == "m.yaml:15:49: unknown field 'instaled' on Antivirus; did you mean 'installed'?")
    }

    @Test("a value expression must be a number")
    func valueMustBeNumeric() {
        let yaml = Self.oneIndicator("        normalisation: min_max\n        value: unit.id")
        #expect(failure(yaml) == "m.yaml:15:16: 'value' must be a number, but unit.id is a string")
    }

    @Test("a missing source, a bad normalisation, a falling step and a duplicate id each say where")
    func otherMistakes() {
        #expect(
            failure("method:\n  id: m\n  name: { vi: a, en: b }\n  year: 2022\npillars: []\n")
                == "m.yaml:2:3: 'method' is missing 'source'")
        let pillar = "pillars:\n  - id: p\n    name: { vi: P, en: P }\n    weight: 1\n    indicators:\n"
        let indicator = "      - id: i\n        name: { vi: I, en: I }\n        weight: 1\n        declared: true\n"
        #expect(
            failure(Self.header + pillar + indicator + "        normalisation: min_maxx\n")
                == "m.yaml:15:24: unknown normalisation 'min_maxx'; use one of share, min_max, ratio_to_best, z_score, z_score_min_max, raw, ratio_to_target, steps; did you mean 'min_max'?"
        )
        #expect(
            failure(
                Self.header + pillar + indicator
                    + "        normalisation: { steps: [ { from: 2, points: 5 }, { from: 1, points: 9 } ] }\n")
                == "m.yaml:15:67: step bands must go up: 'from' 1.0 is not above the previous band's 2.0")
        #expect(
            failure(Self.header + pillar + "      - id: p\n        name: { vi: I, en: I }\n")
                == "m.yaml:11:13: duplicate id 'p'; it is first used on line 7")
        #expect(
            failure(Self.header + "pillars:\n  - id: p\n    name: { vi: P, en: P }\n    points: 0\n")
                == "m.yaml:7:3: every pillar weighs 0; at least one needs a positive weight or points")
        #expect(
            failure(Self.header + "pillars: [ { id: p, name: { vi: P, en: P } \n")
                == "m.yaml:7:1: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping that starts on line 6)")
    }

    @Test("a log-scale target must be above 1")
    func logTarget() {
        let yaml = Self.header + """
            pillars:
              - id: p
                name: { vi: P, en: P }
                weight: 1
                indicators:
                  - id: i
                    name: { vi: I, en: I }
                    weight: 1
                    declared: true
                    normalisation: { ratio_to_target: 1, log: true }
            """
        #expect(failure(yaml) == "m.yaml:15:43: a log-scale target must be above 1, since log(1) = 0; found 1.0")
    }
}

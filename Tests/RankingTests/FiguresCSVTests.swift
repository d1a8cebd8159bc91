import InventoryModel
import PolicyEngine
import Ranking
import Testing

struct FiguresCSVTests {
    private let method = RankingMethod(
        id: "t", name: LocalizedText(vi: "T", en: "T"),
        pillars: [
            Pillar(
                id: "p", label: LocalizedText(vi: "P", en: "P"), weight: 1,
                indicators: [
                    Indicator(
                        id: "x", label: LocalizedText(vi: "X", en: "X"), measure: .declared, normalisation: .share,
                        weight: 1)
                ]),
            Pillar(id: "q", label: LocalizedText(vi: "Q", en: "Q"), weight: 1),
        ],
        peerGroups: [PeerGroup(id: "g", label: LocalizedText(vi: "G", en: "G"))])

    private func failure(_ csv: String) -> String? {
        do {
            _ = try DeclaredFigures.parseCSV(csv, file: "f.csv", method: method)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("cells are read by header, quoted cells may hold commas and quotes, empty cells are not reported")
    func parses() throws {
        let csv = "\u{FEFF}unit,name,group,x,q\r\nu1,\"Sở \"\"A\"\", tỉnh B\",g,0.25,\r\nu2,,,,1\n"
        let figures = try DeclaredFigures.parseCSV(csv, file: "f.csv", method: method)
        #expect(figures.rows.count == 2)
        #expect(figures.rows[0].unit == "u1")
        #expect(figures.rows[0].name?.vi == "Sở \"A\", tỉnh B")
        #expect(figures.rows[0].group == "g")
        #expect(figures.rows[0].values == ["x": 0.25])
        #expect(figures.rows[1].group == nil)
        #expect(figures.rows[1].values == ["q": 1])
    }

    @Test("a decimal comma is an error at its line and column, with the fix")
    func decimalComma() {
        #expect(
            failure("unit,x\nu1,\"0,5\"\n")
                == "f.csv:2:4: '0,5' in column 'x' is not a number; write decimals with a dot, such as 0.8253")
    }

    @Test("an unknown column, a short row, a duplicate unit and an unknown group are named by place")
    func mistakes() {
        #expect(
            failure("unit,x,y\n")
                == "f.csv:1:8: 'y' is not an indicator or pillar of method 't'; its ids are p, q, x")
        #expect(failure("unit,x,q\nu1,0.5\n") == "f.csv:2:4: this row has 2 cells but the header has 3")
        #expect(failure("unit,x\nu1,1\nu1,2\n") == "f.csv:3:1: unit 'u1' already has a row on line 2")
        #expect(
            failure("unit,group\nu1,h\n") == "f.csv:2:4: 'h' is not a peer group of method 't'; its groups are g")
        #expect(failure("name,unit\n") == "f.csv:1:1: the first column must be 'unit', found 'name'")
        #expect(failure("unit,x\nu1,\"0.5\n") == "f.csv:2:4: this quote is never closed")
    }

    @Test("a declared pillar value replaces its indicators, and the result says it was declared")
    func declaredPillar() throws {
        let figures = try DeclaredFigures.parseCSV("unit,x,p,q\nu1,0.2,0.9,0.5\nu2,0.4,,0.5\n", file: "f.csv", method: method)
        let result = method.score(nil, findings: [], figures: figures)
        #expect(result.units.map(\.unitID) == ["u1", "u2"])
        let u1 = result.units[0]
        #expect(u1.pillars.map(\.source) == [.declared, .declared])
        #expect(u1.score == 0.5 * 0.9 + 0.5 * 0.5)
        #expect(u1.indicators[0].contribution == 0)
        let u2 = result.units[1]
        #expect(u2.pillars.map(\.source) == [.measured, .declared])
        #expect(u2.indicators[0].source == .declared)
        #expect(u2.score == 0.5 * 0.4 + 0.5 * 0.5)
    }
}

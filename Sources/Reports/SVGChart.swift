import Foundation

/// Charts the HTML report draws itself, as inline SVG: horizontal bars, stacked bars and lines.
///
/// The only markup the templates insert unescaped is what this type returns, and every text in
/// it (labels, values, titles) passes through `HTMLEscaping`; colours and sizes are numbers and
/// constants. Each chart carries a `<title>` and `role="img"`, and the page prints the same
/// values as text beside it, for screen readers and for print.
struct SVGChart {
    /// One bar or one stack: a label and its segments, in legend order.
    struct Bar {
        var label: String
        var segments: [Double]
        /// Text printed at the end of the bar (already formatted for the locale).
        var valueText: String
        /// Colour index into the palette for single-segment bars (tiers); nil for the series colour.
        var colour: Int? = nil
    }

    struct Series {
        var label: String
        /// One value per x position; nil where the unit was not in that scan.
        var values: [Double?]
    }

    static let palette = ["#1b7a3d", "#5aa02c", "#d8a106", "#e06c00", "#c0272d", "#6b7280", "#2563eb", "#7c3aed", "#0891b2", "#be185d", "#4d7c0f", "#92400e"]
    /// Tier colours from best to worst.
    static let tierPalette = ["#1b7a3d", "#5aa02c", "#d8a106", "#e06c00", "#c0272d", "#7f1d1d"]

    static let grid = "#c8ccd2"
    static let width = 640.0
    static let labelWidth = 190.0
    static let valueWidth = 90.0
    static let rowHeight = 20.0

    private static func e(_ text: String) -> String { HTMLEscaping.escape(text) }

    private static func shorten(_ text: String, _ limit: Int = 30) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    private static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Horizontal bars, one row each; `maximum` is the scale's end (e.g. 100 points).
    static func bars(title: String, _ bars: [Bar], maximum: Double, colours: [String] = palette) -> String {
        let plot = width - labelWidth - valueWidth
        let height = Double(bars.count) * rowHeight + 8
        var out = svgOpen(title: title, height: height)
        for (index, bar) in bars.enumerated() {
            let y = 4 + Double(index) * rowHeight
            out += #"<text x="\#(n(labelWidth - 6))" y="\#(n(y + 14))" text-anchor="end">\#(e(shorten(bar.label)))</text>"#
            let value = bar.segments.first ?? 0
            let w = maximum > 0 ? max(0, min(1, value / maximum)) * plot : 0
            let colour = colours[(bar.colour ?? 0) % colours.count]
            out += #"<rect x="\#(n(labelWidth))" y="\#(n(y + 3))" width="\#(n(w))" height="\#(n(rowHeight - 6))" fill="\#(colour)"/>"#
            out += #"<text x="\#(n(labelWidth + w + 4))" y="\#(n(y + 14))">\#(e(bar.valueText))</text>"#
        }
        return out + "</svg>"
    }

    /// Stacked bars, each row scaled to its own total (shares), with a legend on top.
    static func stacked(title: String, legend: [String], _ bars: [Bar], colours: [String] = palette) -> String {
        let plot = width - labelWidth - valueWidth
        let legendHeight = legendRows(legend) * 18 + 4
        let height = legendHeight + Double(bars.count) * rowHeight + 8
        var out = svgOpen(title: title, height: height)
        out += legendMarks(legend, colours: colours)
        for (index, bar) in bars.enumerated() {
            let y = legendHeight + 4 + Double(index) * rowHeight
            out += #"<text x="\#(n(labelWidth - 6))" y="\#(n(y + 14))" text-anchor="end">\#(e(shorten(bar.label)))</text>"#
            let total = bar.segments.reduce(0, +)
            var left = labelWidth
            if total > 0 {
                for (segment, value) in bar.segments.enumerated() where value > 0 {
                    let w = value / total * plot
                    out += #"<rect x="\#(n(left))" y="\#(n(y + 3))" width="\#(n(w))" height="\#(n(rowHeight - 6))" fill="\#(colours[segment % colours.count])"/>"#
                    left += w
                }
            } else {
                out += #"<rect x="\#(n(labelWidth))" y="\#(n(y + 3))" width="\#(n(plot))" height="\#(n(rowHeight - 6))" fill="none" stroke="\#(Self.grid)" stroke-dasharray="3 3"/>"#
            }
            out += #"<text x="\#(n(labelWidth + plot + 4))" y="\#(n(y + 14))">\#(e(bar.valueText))</text>"#
        }
        return out + "</svg>"
    }

    /// Pairs of bars per row (e.g. contracted and measured bandwidth) on one scale.
    static func paired(title: String, legend: [String], _ rows: [(label: String, a: Double?, b: Double?, text: String)]) -> String {
        let plot = width - labelWidth - valueWidth
        let legendHeight = legendRows(legend) * 18 + 4
        let height = legendHeight + Double(rows.count) * rowHeight * 1.4 + 8
        let maximum = rows.flatMap { [$0.a ?? 0, $0.b ?? 0] }.max() ?? 0
        var out = svgOpen(title: title, height: height)
        out += legendMarks(legend, colours: [palette[5], palette[6]])
        for (index, row) in rows.enumerated() {
            let y = legendHeight + 4 + Double(index) * rowHeight * 1.4
            out += #"<text x="\#(n(labelWidth - 6))" y="\#(n(y + 16))" text-anchor="end">\#(e(shorten(row.label)))</text>"#
            for (offset, value, colour) in [(0.0, row.a, palette[5]), (11.0, row.b, palette[6])] {
                guard let value else { continue }
                let w = maximum > 0 ? value / maximum * plot : 0
                out += #"<rect x="\#(n(labelWidth))" y="\#(n(y + 2 + offset))" width="\#(n(w))" height="10" fill="\#(colour)"/>"#
            }
            out += #"<text x="\#(n(labelWidth + plot + 4))" y="\#(n(y + 16))">\#(e(row.text))</text>"#
        }
        return out + "</svg>"
    }

    /// Lines over time: one series per unit, x positions evenly spaced and labelled.
    static func lines(title: String, xLabels: [String], _ series: [Series], maximum: Double) -> String {
        let left = 40.0, right = 170.0, top = 10.0, bottom = 30.0, height = 240.0
        let plotW = width - left - right, plotH = height - top - bottom
        var out = svgOpen(title: title, height: height)
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = top + plotH - plotH * Double(step) / 4
            out += #"<line x1="\#(n(left))" x2="\#(n(left + plotW))" y1="\#(n(y))" y2="\#(n(y))" stroke="\#(Self.grid)"/>"#
            out += #"<text x="\#(n(left - 4))" y="\#(n(y + 4))" text-anchor="end">\#(e(formatAxis(value)))</text>"#
        }
        let count = max(1, xLabels.count - 1)
        func xAt(_ i: Int) -> Double { xLabels.count == 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(count) }
        for (i, label) in xLabels.enumerated() {
            out += #"<text x="\#(n(xAt(i)))" y="\#(n(height - 10))" text-anchor="middle">\#(e(label))</text>"#
        }
        for (index, line) in series.enumerated() {
            let colour = palette[index % palette.count]
            let points = line.values.enumerated().compactMap { i, v in
                v.map { "\(n(xAt(i))),\(n(top + plotH - (maximum > 0 ? min(1, $0 / maximum) : 0) * plotH))" }
            }
            if points.count > 1 {
                out += #"<polyline fill="none" stroke="\#(colour)" stroke-width="2" points="\#(points.joined(separator: " "))"/>"#
            }
            for point in points {
                let xy = point.split(separator: ",")
                out += #"<circle cx="\#(xy[0])" cy="\#(xy[1])" r="3" fill="\#(colour)"/>"#
            }
            let y = top + 4 + Double(index) * 16
            out += #"<rect x="\#(n(width - right + 10))" y="\#(n(y))" width="10" height="10" fill="\#(colour)"/>"#
            out += #"<text x="\#(n(width - right + 24))" y="\#(n(y + 9))">\#(e(shorten(line.label, 24)))</text>"#
        }
        return out + "</svg>"
    }

    /// Legend entries left to right, wrapping to a new row when the next would pass the width.
    private static func legendLayout(_ legend: [String]) -> [(x: Double, row: Int)] {
        var x = 0.0, row = 0
        return legend.map { name in
            let w = 24 + Double(name.count) * 6.2
            if x > 0 && x + w > width { x = 0; row += 1 }
            defer { x += w }
            return (x, row)
        }
    }

    private static func legendRows(_ legend: [String]) -> Double {
        Double((legendLayout(legend).map(\.row).max() ?? 0) + 1)
    }

    private static func legendMarks(_ legend: [String], colours: [String]) -> String {
        var out = ""
        for (index, (place, name)) in zip(legendLayout(legend), legend).enumerated() {
            let y = 4 + Double(place.row) * 18
            out += #"<rect x="\#(n(place.x))" y="\#(n(y))" width="12" height="12" fill="\#(colours[index % colours.count])"/>"#
            out += #"<text x="\#(n(place.x + 16))" y="\#(n(y + 10))">\#(e(name))</text>"#
        }
        return out
    }

    private static func formatAxis(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    private static func svgOpen(title: String, height: Double) -> String {
        #"<svg class="chart" role="img" viewBox="0 0 \#(n(width)) \#(n(height))" width="\#(n(width))" height="\#(n(height))" font-size="11"><title>\#(e(title))</title>"#
    }
}

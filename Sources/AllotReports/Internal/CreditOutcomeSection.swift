import AllotLedger

/// "Where your credits went" on a seat's page: `CreditOutcomes` as a table, a chart of one
/// bar per origin split by how its credits ended, and the table's CSV (`credits-went`).
struct CreditOutcomeSection: Sendable, Encodable {
    struct Row: Sendable, Encodable {
        var label: String
        var brought, sent, sharedOut, adjusted, expired, forfeited, held: Int
    }

    var rows: [Row]
    var total: Row
    var hasRows: Bool
    /// Adjustments are rare: their column shows only when one took credits.
    var hasAdjusted: Bool
    var chart: String
    var legend: String

    /// How credits end, in the order the bars show them: class (style.css) and label.
    static let endings: [(key: String, label: String)] = [
        ("went-sent", "Sent"), ("went-shared", "Shared out"), ("went-adjusted", "Adjusted away"), ("went-expired", "Expired"),
        ("went-forfeited", "Forfeited"), ("went-held", "Still held"),
    ]

    /// The credits of `row` that ended as `key` (one of `endings`).
    static func amount(_ key: String, _ row: Row) -> Int {
        switch key {
        case "went-sent": row.sent
        case "went-shared": row.sharedOut
        case "went-adjusted": row.adjusted
        case "went-expired": row.expired
        case "went-forfeited": row.forfeited
        default: row.held
        }
    }

    init(_ outcomes: CreditOutcomes, _ format: DisplayFormat) {
        rows = outcomes.rows.map {
            Row(
                label: Self.label($0.origin), brought: $0.brought, sent: $0.sent, sharedOut: $0.sharedOut, adjusted: $0.adjusted,
                expired: $0.expired, forfeited: $0.forfeited, held: $0.held)
        }
        total = rows.reduce(Row(label: "Total", brought: 0, sent: 0, sharedOut: 0, adjusted: 0, expired: 0, forfeited: 0, held: 0)) {
            Row(
                label: "Total", brought: $0.brought + $1.brought, sent: $0.sent + $1.sent, sharedOut: $0.sharedOut + $1.sharedOut,
                adjusted: $0.adjusted + $1.adjusted, expired: $0.expired + $1.expired, forfeited: $0.forfeited + $1.forfeited,
                held: $0.held + $1.held)
        }
        hasRows = !rows.isEmpty
        hasAdjusted = total.adjusted > 0
        chart = Self.svg(rows, format)
        let rows = rows
        let shown = Self.endings.filter { e in rows.contains { Self.amount(e.key, $0) > 0 } }
        legend = ChartFrame.legend(shown.map { ("bar \($0.key)", $0.label) })
    }

    /// How the page names an origin.
    static func label(_ origin: String) -> String {
        switch origin {
        case "allotment": "Allotments"
        case "bonus": "Bonuses"
        case "grant": "Grants"
        case "adjust": "Adjustments"
        case "refund": "Refunds"
        case "share": "Shared in"
        default: "Other"
        }
    }

    /// One bar per origin, as long as the credits it brought (the longest fills the width),
    /// cut into how they ended.
    static func svg(_ rows: [Row], _ format: DisplayFormat) -> String {
        let labelWidth = 110.0, numberWidth = 56.0, width = 720.0, barHeight = 22.0, pitch = 32.0
        let height = 12 + pitch * Double(rows.count)
        let longest = Double(max(1, rows.map(\.brought).max() ?? 1))
        let scale = (width - labelWidth - numberWidth) / longest
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Where the credits went, by origin\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (i, row) in rows.enumerated() {
            let y = 8 + pitch * Double(i)
            svg +=
                "<text class=\"axis\" x=\"\(Int(labelWidth - 8))\" y=\"\(SVGText.number(y + 15))\" text-anchor=\"end\">\(SVGText.escape(row.label))</text>"
            var x = labelWidth
            for ending in endings {
                let amount = Self.amount(ending.key, row)
                guard amount > 0 else { continue }
                let w = Double(amount) * scale
                let title = "\(row.label): \(format.credits(amount)) \(ending.label.lowercased())"
                svg +=
                    "<rect class=\"\(ending.key)\" x=\"\(SVGText.number(x))\" y=\"\(SVGText.number(y))\" width=\"\(SVGText.number(w))\" height=\"\(Int(barHeight))\"><title>\(SVGText.escape(title))</title></rect>"
                x += w
            }
            svg += "<text class=\"axis\" x=\"\(SVGText.number(x + 6))\" y=\"\(SVGText.number(y + 15))\">\(row.brought)</text>"
        }
        return svg + "</svg>"
    }

    /// The table as a spreadsheet: `credits-went`.
    var table: DataTable {
        DataTable(
            name: "credits-went",
            columns: (["From", "Brought", "Sent", "Shared out"] + (hasAdjusted ? ["Adjusted away"] : []) + [
                "Expired", "Forfeited", "Still held",
            ]).map { DataColumn($0) },
            rows: (rows + [total]).map { r in
                [.text(r.label)]
                    + ([r.brought, r.sent, r.sharedOut] + (hasAdjusted ? [r.adjusted] : []) + [r.expired, r.forfeited, r.held]).map(
                        DataCell.number)
            })
    }
}

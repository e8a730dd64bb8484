import AllotLedger

/// `what-if/<name>/…`: each `[[compare]]` entry's summary, one page per team and one per
/// account, with the balance as it was and as it would have been.
struct WhatIfReport: Report {
    var name: String { "what-if" }

    struct FigureRow: Sendable, Encodable {
        var label: String
        var base, alternative: Int
        var difference: String
    }

    struct MonthRow: Sendable, Encodable {
        var month, granted, refunded, expired, lost, unfunded: String
        var closingBase, closingAlternative: Int
    }

    struct PartRow: Sendable, Encodable {
        var name, href, granted, refunded, expired, lost, unfunded: String
        var closingBase, closingAlternative: Int
    }

    struct View: Sendable, Encodable {
        var comparison, heading, basePolicies, alternativePolicies: String
        var backHref, backLabel: String
        /// The same seat, team or site as it was, outside the what-if pages.
        var asItWasHref, asItWasLabel: String
        var figures: [FigureRow]
        var months: [MonthRow]
        var parts: [PartRow]
        var hasParts: Bool
        var partsHeading: String
        var chart: String
        var chartCaption: String
        var hasChart: Bool
    }

    func pages(_ c: ReportContext) -> [Page] {
        c.comparisons.flatMap { comparison in
            comparison.teams.map { team($0, comparison, c) } + comparison.accounts.map { account($0, comparison, c) }
        }
    }

    /// Each comparison's summary: the whole site, team by team.
    func sitePages(_ c: SiteContext) -> [Page] {
        c.comparisons.map { x in
            let path = c.comparisonPath(x.name)
            let parts = x.teams.map { partRow($0, href: c.href(from: path, to: c.comparisonTeamPath(x.name, $0.id)), c.format) }
            let view = view(
                name: x.name, base: x.base, alternative: x.alternative, x.all, heading: "What if: \(x.name)",
                back: (c.href(from: path, to: ReportContext.indexPath), "Seats and teams"),
                asItWas: (c.href(from: path, to: ReportContext.indexPath), "all seats and teams as they are"),
                parts: parts, partsHeading: "Team by team", chart: nil, c.format)
            let model = CompareModel(x, asOf: c.asOf, slugs: c.slugs)
            return Page(
                path: path, template: "what-if", title: "What if: \(x.name)", model: model, view: view,
                tables: tables(x.all, parts: x.teams, partHeader: "Team", c.format))
        }
    }

    private func team(_ line: Comparison.Line, _ x: Comparison, _ c: ReportContext) -> Page {
        let path = c.comparisonTeamPath(x.name, line.id)
        let members = x.accounts.filter { $0.team == line.id }
        let parts = members.map { partRow($0, href: c.href(from: path, to: c.comparisonAccountPath(x.name, $0.id)), c.format) }
        let series = { (pick: (Comparison.Pair) -> Int) in
            line.months.map { (c.format.calendar.startOfMonth($0.month.next), pick($0.pair)) }
        }
        let chart = chart(
            base: [(Instant, Int)](series { $0.base.closing }), alternative: series { $0.alternative.closing },
            months: line.months.map(\.month), label: "Team balance at each month end, as it was and under \(x.name)", c)
        let view = view(
            name: x.name, base: x.base.settings, alternative: x.alternative.settings, line,
            heading: "What if: \(x.name), \(c.teamNames.title(line.id))",
            back: (c.href(from: path, to: c.comparisonPath(x.name)), "What if: \(x.name)"),
            asItWas: (c.href(from: path, to: c.teamPath(line.id)), "\(c.teamNames.title(line.id)) as it is"),
            parts: parts, partsHeading: "Seat by seat",
            chart: (chart, "The team's credits at each month end: as they were (solid) and under “\(x.name)” (dashed)."), c.format)
        let model = CompareModel(x, scope: .team(line.id), slugs: c.slugs)!
        return Page(
            path: path, template: "what-if", title: "What if: \(x.name), \(c.teamNames.title(line.id))", model: model, view: view,
            tables: tables(line, parts: members, partHeader: "Seat", c.format))
    }

    private func account(_ line: Comparison.Line, _ x: Comparison, _ c: ReportContext) -> Page {
        let path = c.comparisonAccountPath(x.name, line.id)
        let steps = { (ledger: Ledger) in (ledger[line.id]?.postings ?? []).map { ($0.time, $0.balance) } }
        let chart = chart(
            base: steps(x.base), alternative: steps(x.alternative), months: line.months.map(\.month),
            label: "Balance over time, as it was and under \(x.name)", c)
        let team = line.team ?? ""
        let view = view(
            name: x.name, base: x.base.settings, alternative: x.alternative.settings, line,
            heading: "What if: \(x.name), \(line.name)",
            back: (c.href(from: path, to: c.comparisonTeamPath(x.name, team)), "What if: \(x.name), \(c.teamNames.title(team))"),
            asItWas: (c.href(from: path, to: c.accountPath(line.id)), "\(line.name)'s page as it is"),
            parts: [], partsHeading: "",
            chart: (chart, "The seat's balance: as it was (solid) and under “\(x.name)” (dashed)."), c.format)
        let model = CompareModel(x, scope: .account(line.id), slugs: c.slugs)!
        return Page(
            path: path, template: "what-if", title: "What if: \(x.name), \(line.name)", model: model, view: view,
            tables: tables(line, parts: [], partHeader: "", c.format))
    }

    private func chart(base: [(Instant, Int)], alternative: [(Instant, Int)], months: [Month], label: String, _ c: ReportContext) -> String
    {
        guard let first = months.first, let last = months.last else { return "" }
        let start = c.format.calendar.startOfMonth(first), end = min(c.format.calendar.startOfMonth(last.next), c.ledger.asOf)
        return OverlayChart(format: c.format).svg(base: base, alternative: alternative, from: start, to: end, months: months, label: label)
    }

    private func view(
        name: String, base: LedgerSettings, alternative: LedgerSettings, _ line: Comparison.Line, heading: String,
        back: (String, String), asItWas: (String, String), parts: [PartRow], partsHeading: String, chart: (String, String)?,
        _ format: DisplayFormat
    ) -> View {
        let (b, a, d) = (line.total.base, line.total.alternative, line.total.difference)
        let labels = Self.figureLabels
        let figures = labels.indices.map { i in
            FigureRow(label: labels[i], base: b.values[i], alternative: a.values[i], difference: format.signed(d.values[i]))
        }
        let months = line.months.map { m in
            let d = m.pair.difference
            return MonthRow(
                month: format.month(m.month), granted: format.signed(d.granted), refunded: format.signed(d.refunded),
                expired: format.signed(d.expired), lost: format.signed(d.lost), unfunded: format.signed(d.unfunded),
                closingBase: m.pair.base.closing, closingAlternative: m.pair.alternative.closing)
        }
        return View(
            comparison: name, heading: heading, basePolicies: Self.describe(base, format),
            alternativePolicies: Self.describe(alternative, against: base, format),
            backHref: back.0, backLabel: back.1, asItWasHref: asItWas.0, asItWasLabel: asItWas.1, figures: figures, months: months,
            parts: parts,
            hasParts: !parts.isEmpty, partsHeading: partsHeading, chart: chart?.0 ?? "", chartCaption: chart?.1 ?? "",
            hasChart: chart != nil)
    }

    static let figureLabels = [
        "Credits granted", "Credits refunded", "Credits expired", "Messages lost (unanswered, not refunded)",
        "Messages sent unfunded", "Closing balance",
    ]

    /// The figures, months and parts tables as data, from the line the view shows.
    private func tables(_ line: Comparison.Line, parts: [Comparison.Line], partHeader: String, _ format: DisplayFormat) -> [DataTable] {
        let (b, a, d) = (line.total.base, line.total.alternative, line.total.difference)
        let figures = DataTable(
            name: "figures", columns: ["Figure", "As it was", "What if", "Difference"].map { DataColumn($0) },
            rows: Self.figureLabels.indices.map { i in
                [.text(Self.figureLabels[i]), .number(b.values[i]), .number(a.values[i]), .number(d.values[i])]
            })
        let differences = ["Granted", "Refunded", "Expired", "Lost", "Unfunded", "Closing as it was", "Closing what if"]
        let cells = { (p: Comparison.Pair) -> [DataCell] in
            let d = p.difference
            return [d.granted, d.refunded, d.expired, d.lost, d.unfunded, p.base.closing, p.alternative.closing].map(DataCell.number)
        }
        let months = DataTable(
            name: "months", columns: (["Month"] + differences).map { DataColumn($0) },
            rows: line.months.map { [.text(format.month($0.month))] + cells($0.pair) })
        guard !parts.isEmpty else { return [figures, months] }
        let partTable = DataTable(
            name: "parts", columns: ([partHeader] + differences).map { DataColumn($0) },
            rows: parts.map { [.text($0.name)] + cells($0.total) })
        return [figures, months, partTable]
    }

    private func partRow(_ l: Comparison.Line, href: String, _ format: DisplayFormat) -> PartRow {
        let d = l.total.difference
        return PartRow(
            name: l.name, href: href, granted: format.signed(d.granted), refunded: format.signed(d.refunded),
            expired: format.signed(d.expired), lost: format.signed(d.lost), unfunded: format.signed(d.unfunded),
            closingBase: l.total.base.closing, closingAlternative: l.total.alternative.closing)
    }

    /// "inmail-2015 from 1 Jan 2015, then …"; with `base`, each parameter that differs from
    /// the base's policy of the same name: "inmail-2015 from 1 Jan 2015 with lifetime_days
    /// 180 (as it was: 90)".
    static func describe(_ settings: LedgerSettings, against base: LedgerSettings? = nil, _ format: DisplayFormat) -> String {
        let entries = settings.timeline.entries
        guard !entries.isEmpty else { return "no policy" }
        return entries.map { entry in
            let text = "\(entry.policy.name) from \(format.date(entry.from))"
            guard let base, let was = base.timeline.entries.first(where: { $0.policy.name == entry.policy.name })?.policy.parameters
            else { return text }
            let now = entry.policy.parameters
            let changes = now.keys(differingFrom: was).map { key in
                "\(key) \(now.values[key].map(Self.plain) ?? "unset") (as it was: \(was.values[key].map(Self.plain) ?? "unset"))"
            }
            return changes.isEmpty ? text : text + " with " + changes.joined(separator: ", ")
        }.joined(separator: ", then ")
    }

    private static func plain(_ value: PolicyParameters.Value) -> String {
        switch value {
        case .integer(let n): return String(n)
        case .text(let s): return s
        }
    }
}

import AllotLedger

/// `teams/<slug>/index`: members, credits lost, response rates, every share with the
/// expiry of what moved, flows, and the shares rejected.
struct TeamReport: Report {
    var name: String { "teams" }

    struct MemberRow: Sendable, Encodable {
        var name, id, href: String
        var balance, given, received: Int
        var closed: Bool
    }

    struct ShareRow: Sendable, Encodable {
        var when, from, fromHref, to, toHref, expiries, ref: String
        var amount: Int
        var note: String?
    }

    struct FlowRow: Sendable, Encodable {
        var month, name: String
        var given, received: Int
    }

    struct View: Sendable, Encodable {
        /// The team's id; `title` is its display name, or `Team <id>`.
        var name, title: String
        var members: [MemberRow]
        var shares: [ShareRow]
        var hasShares: Bool
        var flows: [FlowRow]
        var chart: String
        var chartCaption = "Credits moved between the team's seats each month."
        var balance: Int
        /// `1 credit`, `40 credits`.
        var balanceText = ""
        var indexHref: String
        var losses: LossSection
        var rates: ResponseSection
        var rejected: RejectedShareSection
        /// nil when no forecast was made (outside a build).
        var forecast: ForecastSection?
    }

    func pages(_ c: ReportContext) -> [Page] {
        c.teams.map { page($0.id, $0.members, c) }
    }

    func page(_ team: String, _ members: [AccountLedger], _ c: ReportContext) -> Page {
        let path = c.teamPath(team)
        let ids = Set(members.map(\.account.id))
        let shares = c.ledger.shares.filter { ids.contains($0.from) }
        let calendar = c.ledger.settings.calendar
        var flows: [Month: [String: (given: Int, received: Int)]] = [:]
        for s in shares {
            let m = calendar.month(of: s.time)
            flows[m, default: [:]][s.from, default: (0, 0)].given += s.amount
            flows[m, default: [:]][s.to, default: (0, 0)].received += s.amount
        }
        var flowLines: [TeamModel.Flow] = [], flowRows: [FlowRow] = []
        for m in flows.keys.sorted() {
            for id in flows[m]!.keys.sorted(by: UTF8Order.precedes) {
                let f = flows[m]![id]!
                flowLines.append(TeamModel.Flow(month: m.description, account: id, given: f.given, received: f.received))
                flowRows.append(FlowRow(month: c.format.month(m), name: c.displayName(id), given: f.given, received: f.received))
            }
        }
        var model = TeamModel(
            team: team, name: c.teamNames.title(team), slug: c.slugs.team(team),
            members: members.map {
                TeamModel.Member(
                    account: $0.account.id, name: $0.account.name,
                    slug: c.slugs.account($0.account.id), balance: $0.balance)
            },
            shares: shares.map {
                TeamModel.Share(
                    time: $0.time.iso8601, from: $0.from, to: $0.to, amount: $0.amount,
                    ref: $0.eventId, moved: c.lotLines($0.moved))
            },
            flows: flowLines)
        let losses = MonthLosses.of(members, in: c.ledger)
        let rejected = RejectedShareSection(ids, path: path, c)
        model.losses = losses.map(LossLine.init)
        model.lost = losses.total
        model.rejectedShares = rejected.lines
        let rates = Self.responses(members, path: path, c)
        model.responses = ResponsesLine(rates.total)
        model.responseMonths = rates.months.map(ResponseMonthLine.init)
        let totals = flowLines.reduce(into: [String: (Int, Int)]()) { acc, f in
            acc[f.account, default: (0, 0)].0 += f.given
            acc[f.account, default: (0, 0)].1 += f.received
        }
        let memberRows = members.map { a in
            MemberRow(
                name: a.account.name, id: a.account.id, href: c.href(from: path, to: c.accountPath(a.account.id)),
                balance: a.balance, given: totals[a.account.id]?.0 ?? 0, received: totals[a.account.id]?.1 ?? 0,
                closed: a.account.closed.map { $0 < c.ledger.asOf } ?? false)
        }
        let shareRows = shares.reversed().map { s in
            ShareRow(
                when: c.format.dateTime(s.time), from: c.displayName(s.from),
                fromHref: c.href(from: path, to: c.accountPath(s.from)), to: c.displayName(s.to),
                toHref: c.href(from: path, to: c.accountPath(s.to)),
                expiries: s.moved.map { "\($0.amount) to use by \($0.expires.map(c.format.useBy) ?? "any time")" }.joined(separator: "; "),
                ref: s.eventId, amount: s.amount, note: s.note)
        }
        let months = statementRange(members, c)
        let perMonth = months.map { m in (m, flows[m].map { $0.values.reduce(0) { $0 + $1.given } } ?? 0) }
        var view = View(
            name: team, title: c.teamNames.title(team), members: memberRows, shares: shareRows, hasShares: !shares.isEmpty, flows: flowRows,
            chart: FlowChart(format: c.format).svg(perMonth), balance: members.reduce(0) { $0 + $1.balance },
            indexHref: c.href(from: path, to: ReportContext.indexPath),
            losses: LossSection(losses, who: "the team", format: c.format, asOf: c.ledger.asOf), rates: rates.section,
            rejected: rejected)
        view.balanceText = c.format.credits(view.balance)
        var tables = [
            DataTable(
                name: "seats", columns: ["Seat", "Balance", "Gave", "Received"].map { DataColumn($0) },
                rows: memberRows.map { [.text($0.name), .number($0.balance), .number($0.given), .number($0.received)] })
        ]
        if !shares.isEmpty {
            tables.append(
                DataTable(
                    name: "flows", columns: ["Month", "Seat", "Gave", "Received"].map { DataColumn($0) },
                    rows: flowRows.map { [.text($0.month), .text($0.name), .number($0.given), .number($0.received)] }))
            tables.append(
                DataTable(
                    name: "shares",
                    columns: [
                        DataColumn("When", instant: true), DataColumn("From"), DataColumn("To"), DataColumn("Credits"),
                        DataColumn("Expiry of the credits moved"), DataColumn("Event"),
                    ],
                    rows: zip(shares.reversed(), shareRows).map { s, row in
                        [
                            c.format.instantCell(s.time), .text(row.from), .text(row.to), .number(row.amount),
                            .text(row.expiries + (row.note.map { " – \($0)" } ?? "")), .text(row.ref),
                        ]
                    }))
        }
        if view.losses.hasLosses { tables.append(view.losses.monthTable) }
        if view.rates.hasMonths { tables.append(view.rates.table) }
        if rejected.hasRows { tables.append(rejected.table) }
        if let forecast = c.forecasts[team] {
            let section = ForecastSection(forecast, path: path, c)
            view.forecast = section
            model.forecast = TeamForecastModel(forecast)
            if section.hasSeats { tables.append(section.seatTable) }
            if section.hasShares { tables.append(section.shareTable) }
        }
        return Page(path: path, template: "team", title: c.teamNames.title(team), model: model, view: view, tables: tables)
    }

    /// Spec §10 for the team: each member's counts month by month and of all time, and the
    /// team's, the sums of its members'.
    static func responses(_ members: [AccountLedger], path: String, _ c: ReportContext) -> (
        total: ResponseCounts, months: [MonthResponses], section: ResponseSection
    ) {
        let ledger = c.ledger
        let months = MonthResponses.of(members, in: ledger)
        let seats = members.map { a in
            (
                name: a.account.name, href: c.href(from: path, to: c.accountPath(a.account.id)),
                closed: a.account.closed.map { $0 < ledger.asOf } ?? false,
                months: Dictionary(uniqueKeysWithValues: MonthResponses.of([a], in: ledger).map { ($0.month, $0.responses) }),
                all: ledger.responses(of: a, from: a.account.opened, to: ledger.asOf)
            )
        }
        let section = ResponseSection(
            months: months, seats: seats, days: ledger.settings.responseRateDays, asOf: ledger.asOf, format: c.format)
        return (seats.reduce(ResponseCounts()) { $0 + $1.all }, months, section)
    }

    private func statementRange(_ members: [AccountLedger], _ c: ReportContext) -> [Month] {
        let all = members.flatMap { c.ledger.statementMonths(of: $0.account.id) }
        guard let first = all.min(), let last = all.max() else { return [] }
        var out: [Month] = [], m = first
        while m <= last { out.append(m); m = m.next }
        return out
    }
}

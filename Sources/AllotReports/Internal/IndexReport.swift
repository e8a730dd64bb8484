import AllotLedger

/// `index`: every team in a line (seats, balance, credits expiring soon, warnings, response
/// rate), credits lost by team and by month, every seat by name for the filter box, the what-if entries,
/// and the totals. Made from the teams' summaries.
struct IndexReport: Report {
    /// The most seats the index lists by name (about 120 bytes each).
    static let seatListLimit = 2_000

    var name: String { "index" }

    struct TeamRow: Sendable, Encodable {
        var name, href, warningsHref: String
        var seats, balance, expiringSoon, warnedSeats: Int
        var hasWarnings: Bool
        /// `60.0 % of 5`, or `–` when none of the team's sends counts yet.
        var responses: String
    }

    /// A line of the seat directory the index's filter box narrows.
    struct SeatRow: Sendable, Encodable {
        var name, team, href: String
        var closed: Bool
    }

    struct WhatIfRow: Sendable, Encodable {
        var name, href, alternative: String
        var expiredBase, expiredAlternative, closingBase, closingAlternative: Int
        /// `1 credit`, `12 credits`.
        var expiredAlternativeText = "", closingAlternativeText = ""
    }

    struct View: Sendable, Encodable {
        var title, asOf, warningsHref: String
        var whatIf: [WhatIfRow]
        var hasWhatIf: Bool
        var teams: [TeamRow]
        /// Every seat by name, then id.
        var seatList: [SeatRow] = []
        var hasSeatList = false, tooManySeats = false
        var teamCount, seats, balance, expiringSoon, warningCount: Int
        var horizonDays: Int
        var hasWarnings: Bool
        var losses: LossSection
        /// Over all teams, as each team's `responses`; and what the rates count: `30 days`
        /// and the as-of day.
        var responses = "", responseDays = "", asOfDay = ""
        /// The counts with their nouns: `1 seat`, `3 teams`, `40 credits`, `30 days`.
        var seatsText = "", teamsText = "", balanceText = "", expiringSoonText = "", warnedText = "", horizonText = ""
    }

    func pages(_ c: ReportContext) -> [Page] { [] }

    func sitePages(_ c: SiteContext) -> [Page] {
        let path = ReportContext.indexPath
        let rows = c.teams.map { t in
            TeamRow(
                name: c.teamNames.name(t.id), href: c.href(from: path, to: c.teamPath(t.id)),
                warningsHref: c.href(from: path, to: c.teamWarningsPath(t.id)), seats: t.seats.count,
                balance: t.balance, expiringSoon: t.expiringSoon, warnedSeats: t.warnedSeats, hasWarnings: t.warnedSeats > 0,
                responses: AccountReport.rateText(t.responses))
        }
        let lines = c.teams.map { t in
            IndexModel.TeamLine(
                id: t.id, name: c.teamNames.name(t.id), slug: c.slugs.team(t.id), seats: t.seats.count, balance: t.balance,
                expiringSoon: t.expiringSoon, warnedSeats: t.warnedSeats, lost: t.losses.total,
                responses: ResponsesLine(t.responses))
        }
        let comparisons = c.comparisons.map { IndexModel.ComparisonLine(name: $0.name, slug: c.comparisonSlug($0.name)) }
        let losses = MonthLosses.sum(c.teams.map(\.losses))
        var model = IndexModel(
            title: c.title, asOf: c.asOf.iso8601, seats: rows.reduce(0) { $0 + $1.seats },
            balance: rows.reduce(0) { $0 + $1.balance }, teams: lines, comparisons: comparisons)
        model.losses = losses.map(LossLine.init)
        model.lost = losses.total
        // Spec §10: the whole ledger's figures are the sums of the teams', as a team's are of its seats'.
        let responses = c.teams.reduce(ResponseCounts()) { $0 + $1.responses }
        model.responses = ResponsesLine(responses)
        model.responseMonths = MonthResponses.sum(c.teams.map(\.responseMonths)).map(ResponseMonthLine.init)
        let whatIf = c.comparisons.map { x in
            var row = WhatIfRow(
                name: x.name, href: c.href(from: path, to: c.comparisonPath(x.name)),
                alternative: x.alternative.timeline.entries.map(\.policy.name).joined(separator: ", then "),
                expiredBase: x.all.total.base.expired, expiredAlternative: x.all.total.alternative.expired,
                closingBase: x.all.total.base.closing, closingAlternative: x.all.total.alternative.closing)
            row.expiredAlternativeText = c.format.credits(row.expiredAlternative)
            row.closingAlternativeText = c.format.credits(row.closingAlternative)
            return row
        }
        let warned = rows.reduce(0) { $0 + $1.warnedSeats }
        var view = View(
            title: c.title, asOf: c.format.dateTime(c.asOf),
            warningsHref: c.href(from: path, to: ReportContext.warningsPath),
            whatIf: whatIf, hasWhatIf: !whatIf.isEmpty, teams: rows, teamCount: rows.count,
            seats: model.seats, balance: model.balance,
            expiringSoon: rows.reduce(0) { $0 + $1.expiringSoon }, warningCount: warned,
            horizonDays: c.settings.warnDays, hasWarnings: warned > 0,
            losses: LossSection(losses, who: c.teams.count == 1 ? "the team" : "the teams", format: c.format, asOf: c.asOf))
        view.losses.teams = c.teams.map {
            LossSection.Row(c.teamNames.name($0.id), $0.losses.total, href: c.href(from: path, to: c.teamPath($0.id)))
        }
        view.losses.allTeams = LossSection.Row("All teams", losses.total)
        view.responses = AccountReport.rateText(responses)
        view.responseDays = c.format.counted(c.settings.responseRateDays, "day", "days")
        view.asOfDay = c.format.date(Instant(millis: c.asOf.millis - 1))
        // The list grows with the ledger; past `seatListLimit` seats the index would pass
        // the page size a large organisation's browser loads at once, and lists teams only.
        let everySeat = c.teams.reduce(0) { $0 + $1.seats.count }
        view.hasSeatList = everySeat > 0 && everySeat <= Self.seatListLimit
        view.tooManySeats = everySeat > Self.seatListLimit
        view.seatList =
            !view.hasSeatList
            ? []
            : c.teams.flatMap { t in t.seats.map { (t.id, $0) } }
                .sorted { ($0.1.name, $0.1.id) < ($1.1.name, $1.1.id) }
                .map { team, seat in
                    SeatRow(
                        name: seat.name, team: c.teamNames.name(team),
                        href: c.href(from: path, to: "accounts/\(c.slugs.account(seat.id))/index"),
                        closed: seat.closed)
                }
        view.seatsText = c.format.counted(view.seats, "seat", "seats")
        view.teamsText = c.format.counted(view.teamCount, "team", "teams")
        view.balanceText = c.format.credits(view.balance)
        view.expiringSoonText = c.format.credits(view.expiringSoon)
        view.warnedText = c.format.counted(warned, "seat", "seats")
        view.horizonText = c.format.horizon(days: view.horizonDays, end: c.warningHorizon)
        let table = DataTable(
            name: "teams", columns: ["Team", "Seats", "Balance", "Expiring soon", "Seats warned", "Responses"].map { DataColumn($0) },
            rows: zip(rows, c.teams).map { row, t in
                [
                    .text(row.name), .number(row.seats), .number(row.balance), .number(row.expiringSoon), .number(row.warnedSeats),
                    AccountReport.rateCell(t.responses),
                ]
            }
                + [
                    [
                        .text("All teams"), .number(view.seats), .number(view.balance), .number(view.expiringSoon),
                        .number(view.warningCount), AccountReport.rateCell(responses),
                    ]
                ])
        let lossTables = view.losses.hasLosses ? [view.losses.teamTable, view.losses.monthTable] : []
        return [Page(path: path, template: "index", title: "Seats and teams", model: model, view: view, tables: [table] + lossTables)]
    }
}

import AllotLedger

/// Expiry warnings (spec §7): `teams/<slug>/warnings` lists a team's seats with credits
/// expiring or answer windows closing soon, most urgent first; `warnings/index` gives
/// every team with warnings a line, most urgent first.
struct WarningsReport: Report {
    var name: String { "warnings" }

    struct Row: Sendable, Encodable {
        var name, id, href, soonest: String
        var box: WarningBox
        /// The preview of the seat's expiry notice, for seats with an email.
        var noticeHref: String?
    }

    struct View: Sendable, Encodable {
        /// `teamName`: the config's display name, or `Team <id>`.
        var team, teamName, teamHref, overviewHref, asOf, horizon: String
        var horizonDays: Int
        var rows: [Row]
        var hasRows: Bool
        var expiringTotal, pendingTotal: Int
        /// `1 credit`, `2 messages`, `30 days`.
        var expiringText = "", pendingText = "", horizonText = ""
    }

    struct TeamRow: Sendable, Encodable {
        var name, href, soonest: String
        var warnedSeats, expiringTotal, pendingTotal: Int
    }

    struct OverviewView: Sendable, Encodable {
        var asOf, horizon: String
        var horizonDays: Int
        var teams: [TeamRow]
        var hasTeams: Bool
        var warnedSeats, expiringTotal, pendingTotal: Int
        /// `1 seat`, `1 credit`, `2 messages`, `30 days`.
        var warnedText = "", expiringText = "", pendingText = "", horizonText = ""
        /// What sharing as the team pages suggest would save; empty when nothing is projected to expire.
        var forecast = ""
        var savesCredits = false
    }

    func pages(_ c: ReportContext) -> [Page] {
        c.teams.map { page(team: $0.id, c) }
    }

    private func page(team: String, _ c: ReportContext) -> Page {
        let path = c.teamWarningsPath(team)
        let asOf = c.ledger.asOf
        let warnings = c.warnings.filter { $0.account.team == team }
        let model = WarningsModel(
            team: team, asOf: asOf.iso8601, horizonDays: c.ledger.settings.warnDays,
            accounts: warnings.map { w in
                WarningsModel.AccountWarning(
                    account: w.account.id, slug: c.slugs.account(w.account.id), expiring: c.lotLines(w.expiring),
                    expiringTotal: w.expiringTotal,
                    pending: w.pending.map { WarningsModel.Pending(message: $0.message, closes: $0.closes!.iso8601) },
                    pendingTotal: w.pendingTotal)
            })
        let rows = warnings.map { w in
            Row(
                name: w.account.name, id: w.account.id,
                href: c.href(from: path, to: c.accountPath(w.account.id)), soonest: c.format.actBy(w.mostUrgent),
                box: c.warningBox(w, from: path),
                noticeHref: w.account.email == nil ? nil : c.href(from: path, to: ReportContext.noticePath(c.slugs.account(w.account.id))))
        }
        var view = View(
            team: team, teamName: c.teamNames.title(team), teamHref: c.href(from: path, to: c.teamPath(team)),
            overviewHref: c.href(from: path, to: ReportContext.warningsPath),
            asOf: c.format.dateTime(asOf), horizon: c.format.actBy(c.ledger.warningHorizon),
            horizonDays: c.ledger.settings.warnDays, rows: rows, hasRows: !rows.isEmpty,
            expiringTotal: warnings.reduce(0) { $0 + $1.expiringTotal },
            pendingTotal: warnings.reduce(0) { $0 + $1.pendingTotal })
        view.expiringText = c.format.credits(view.expiringTotal)
        view.pendingText = c.format.counted(view.pendingTotal, "message", "messages")
        view.horizonText = c.format.horizon(days: view.horizonDays, end: c.ledger.warningHorizon)
        let table = DataTable(
            name: "warnings",
            columns: [
                DataColumn("Seat"), DataColumn("What"), DataColumn("Credits"), DataColumn("When", instant: true), DataColumn("Message"),
            ],
            rows: warnings.flatMap { w in
                c.format.lotGroups(w.expiring).map {
                    [
                        .text(w.account.name), .text("Credits to use by"), .number($0.amount),
                        $0.first.map(c.format.useByCell) ?? .empty, .empty,
                    ]
                }
                    + w.pending.map { m in
                        [
                            .text(w.account.name), .text("Answer window closes"), .empty, m.closes.map(c.format.instantCell) ?? .empty,
                            .text(m.message),
                        ]
                    }
            })
        return Page(
            path: path, template: "warnings", title: "Expiry warnings: \(c.teamNames.title(team))", model: model, view: view,
            tables: rows.isEmpty ? [] : [table])
    }

    func sitePages(_ c: SiteContext) -> [Page] {
        let path = ReportContext.warningsPath
        let warned = c.teams.filter { $0.warnedSeats > 0 }.sorted {
            let a = $0.soonest ?? .distantFuture, b = $1.soonest ?? .distantFuture
            return a != b ? a < b : UTF8Order.precedes($0.id, $1.id)
        }
        var model = WarningsOverviewModel(
            asOf: c.asOf.iso8601, horizonDays: c.settings.warnDays,
            teams: warned.map { t in
                WarningsOverviewModel.TeamWarnings(
                    team: t.id, slug: c.slugs.team(t.id), warnedSeats: t.warnedSeats,
                    expiringTotal: t.expiringTotal, pendingTotal: t.pendingTotal,
                    soonest: t.soonest?.iso8601)
            })
        let rows = warned.map { t in
            TeamRow(
                name: c.teamNames.name(t.id), href: c.href(from: path, to: c.teamWarningsPath(t.id)),
                soonest: t.soonest.map(c.format.actBy) ?? "", warnedSeats: t.warnedSeats,
                expiringTotal: t.expiringTotal, pendingTotal: t.pendingTotal)
        }
        var view = OverviewView(
            asOf: c.format.dateTime(c.asOf), horizon: c.format.actBy(c.warningHorizon),
            horizonDays: c.settings.warnDays, teams: rows, hasTeams: !rows.isEmpty,
            warnedSeats: rows.reduce(0) { $0 + $1.warnedSeats },
            expiringTotal: rows.reduce(0) { $0 + $1.expiringTotal },
            pendingTotal: rows.reduce(0) { $0 + $1.pendingTotal })
        view.warnedText = c.format.counted(view.warnedSeats, "seat", "seats")
        view.expiringText = c.format.credits(view.expiringTotal)
        view.pendingText = c.format.counted(view.pendingTotal, "message", "messages")
        view.horizonText = c.format.horizon(days: view.horizonDays, end: c.warningHorizon)
        let projected = c.teams.reduce(0) { $0 + $1.projectedExpiry }, saved = c.teams.reduce(0) { $0 + $1.saved }
        model.projectedExpiry = projected
        model.saved = saved
        view.savesCredits = saved > 0
        if projected > 0 {
            let lose = ForecastSection.lead(expiring: view.expiringTotal, unused: projected, span: view.horizonText, c.format)
            view.forecast =
                saved > 0
                ? "Sharing could save \(c.format.credits(saved)). \(lose). The shares each team's page suggests would save \(saved) of them."
                : "\(lose), and no share within a team would save any of them."
        }
        let table = DataTable(
            name: "teams",
            columns: [
                DataColumn("Team"), DataColumn("Act by", instant: true), DataColumn("Seats warned"), DataColumn("Credits expiring"),
                DataColumn("Messages waiting"),
            ],
            rows: warned.map { t in
                [
                    .text(c.teamNames.name(t.id)), t.soonest.map(c.format.actByCell) ?? .empty, .number(t.warnedSeats),
                    .number(t.expiringTotal),
                    .number(t.pendingTotal),
                ]
            })
        return [
            Page(
                path: path, template: "warnings-overview", title: "Expiry warnings", model: model, view: view,
                tables: rows.isEmpty ? [] : [table])
        ]
    }
}

import AllotLedger
import AllotSupport

/// `accounts/<slug>/index`: balance, lots, chart, months, answers and warnings.
struct AccountReport: Report {
    var name: String { "accounts" }

    struct MonthRow: Sendable, Encodable {
        var month, href: String
        var partial: Bool
        var opening, granted, refunded, sharedIn, sharedOut, sent, expired, other, closing: Int
        /// `60.0 % of 5`, or `–` when no send of the month is old enough to count.
        var responses: String
    }

    struct View: Sendable, Encodable {
        /// `teamName`: the config's display name, or `Team <id>`.
        var name, id, team, teamName, teamHref, opened: String
        var closed: String?
        var balance: Int
        /// `credit` or `credits`, as the balance needs.
        var balanceUnit = "credits"
        var lots: [LotRow]
        var hasLots: Bool
        /// The credits table counts the days left to each use-by day.
        var showDaysLeft = true
        var chart: String
        var chartCaption = "Balance after every posting; red dots mark credits that expired or were forfeited."
        var months: [MonthRow]
        /// `30 days`, and the as-of day: what the Responses column counts.
        var responseDays = "", asOfDay = ""
        var warning: WarningBox?
        /// `At your pace (…), 90 credits expire by 2 Jun 2015. You run out around 2 Jun 2015.`
        var forecast: String?
        var sent, unfunded, accepted, declined, lost, pending: Int
        var indexHref: String
        var went: CreditOutcomeSection
        var waiting: WaitingSection
        /// The seat's page under each `[[compare]]` entry.
        var whatIf: [LinkView] = []
        var hasWhatIf = false
    }

    func pages(_ c: ReportContext) -> [Page] {
        ParallelMap.map(c.ledger.accounts) { page($0, c) }
    }

    func page(_ a: AccountLedger, _ c: ReportContext) -> Page {
        let id = a.account.id
        let path = c.accountPath(id)
        let months = c.ledger.statementMonths(of: id)
        let statements = c.ledger.monthSummaries(of: id)
        let lots = Lot.mergingSameExpiry(a.lots)
        let outcomes = CreditOutcomes(a)
        let waiting = WaitingSection(a, asOf: c.ledger.asOf, c.format)
        var model = AccountModel(
            account: id, name: a.account.name, team: a.account.team, slug: c.slugs.account(id),
            opened: a.account.opened.iso8601, closed: a.account.closed?.iso8601, balance: a.balance,
            lots: c.lotLines(lots), months: statements.map(Self.monthLine),
            responses: ResponsesLine(c.ledger.responses(of: a, from: a.account.opened, to: c.ledger.asOf)),
            policyResponses: Self.policyResponses(a, c.ledger), whereCreditsWent: outcomes.rows.map(AccountModel.OutcomeLine.init),
            waiting: waiting.lines())
        let rows = statements.reversed().map { s in
            let t = s.totals
            return MonthRow(
                month: c.format.month(s.month), href: c.href(from: path, to: c.statementPath(id, s.month)),
                partial: s.partial, opening: s.opening, granted: t.allotment + t.bonus + t.grant,
                refunded: t.refund, sharedIn: t.shareIn, sharedOut: t.shareOut, sent: t.send,
                expired: t.expire, other: t.adjust + t.forfeit, closing: s.closing, responses: Self.rateText(s.responses))
        }
        let counts = MessageCounts(a.messages, from: a.account.opened, to: c.ledger.asOf)
        let end = min(c.ledger.asOf, a.account.closed.map { max($0, a.account.opened) } ?? c.ledger.asOf)
        let chart = BalanceChart(format: c.format).svg(
            a, from: a.account.opened, to: max(end, Instant(millis: a.account.opened.millis + 86_400_000)), months: months)
        var view = View(
            name: a.account.name, id: id, team: a.account.team, teamName: c.teamNames.title(a.account.team),
            teamHref: c.href(from: path, to: c.teamPath(a.account.team)),
            opened: c.format.date(a.account.opened), closed: a.account.closed.map(c.format.date), balance: a.balance,
            lots: c.lotRows(lots, fromAsOf: true), hasLots: !lots.isEmpty, chart: chart, months: rows,
            warning: c.warning(for: id).map { c.warningBox($0, from: path) },
            sent: counts.sent, unfunded: counts.unfunded, accepted: counts.accepted, declined: counts.declined,
            lost: counts.lost, pending: counts.pending, indexHref: c.href(from: path, to: ReportContext.indexPath),
            went: CreditOutcomeSection(outcomes, c.format), waiting: waiting)
        if let seat = c.forecasts[a.account.team]?.seat(id) {
            model.forecast = SeatForecastLine(seat)
            view.forecast = Self.forecastText(
                seat, warnDays: c.ledger.settings.warnDays, horizonEnd: c.ledger.warningHorizon, c.format)
        }
        view.balanceUnit = a.balance == 1 || a.balance == -1 ? "credit" : "credits"
        view.responseDays = c.format.counted(c.ledger.settings.responseRateDays, "day", "days")
        view.asOfDay = c.format.date(Instant(millis: c.ledger.asOf.millis - 1))
        view.whatIf = c.comparisons.map { LinkView(text: $0.name, href: c.href(from: path, to: c.comparisonAccountPath($0.name, id))) }
        view.hasWhatIf = !view.whatIf.isEmpty
        let monthTable = DataTable(
            name: "months",
            columns: [
                "Month", "Opening", "Granted", "Refunded", "Shared in", "Shared out", "Sent", "Expired", "Other", "Closing",
                "Responses",
            ].map { DataColumn($0) },
            rows: zip(rows, statements.reversed()).map { r, s in
                [.text(r.month)]
                    + [r.opening, r.granted, r.refunded, r.sharedIn, r.sharedOut, r.sent, r.expired, r.other, r.closing].map(
                        DataCell.number)
                    + [Self.rateCell(s.responses)]
            })
        return Page(
            path: path, template: "account", title: "\(a.account.name) — balance and statements", model: model, view: view,
            tables: [monthTable] + (lots.isEmpty ? [] : [c.lotTable(lots, fromAsOf: true)])
                + (view.went.hasRows ? [view.went.table] : []) + (waiting.hasRows ? [waiting.table(c.format)] : []))
    }

    /// What the seat's own forecast says, in a sentence or two.
    static func forecastText(_ s: SeatForecast, warnDays: Int, horizonEnd: Instant, _ format: DisplayFormat) -> String {
        let over = s.paceDays == 1 ? "the last day" : "the last \(s.paceDays) days"
        let pace =
            ForecastSection.isBelowATenth(s)
            ? "At your pace (\(format.counted(s.recentSends, "send", "sends")) in \(over))"
            : "At your pace (\(ForecastSection.pace(s)) sends a day over \(over))"
        var text =
            s.projectedExpiry > 0
            ? "\(pace), \(format.credits(s.projectedExpiry)) expire by \(format.actBy(s.lastExpiry!))."
            : "\(pace), none of your credits expire \(format.horizon(days: warnDays, end: horizonEnd))."
        if let short = s.firstShort { text += " You run out around \(format.date(short))." }
        return text
    }

    /// `60.0 % of 5`: the rate and how many sends it counts; `–` when none does.
    static func rateText(_ r: ResponseCounts) -> String {
        guard let tenths = r.rateTenths else { return "–" }
        return "\(OneDecimal(tenths: tenths).text) % of \(r.sent)"
    }

    /// The rate alone (`60.0`), for a spreadsheet; empty when no send counts.
    static func rateCell(_ r: ResponseCounts) -> DataCell {
        r.rateTenths.map { .text(OneDecimal(tenths: $0).text) } ?? .empty
    }

    /// Spec §10 per policy period: each `[[policy]]` entry's time in force within the
    /// seat's open period, before as-of.
    static func policyResponses(_ a: AccountLedger, _ ledger: Ledger) -> [PolicyResponses] {
        let entries = ledger.settings.timeline.entries
        return entries.indices.compactMap { i in
            let start = max(entries[i].from, a.account.opened)
            let end = min(i + 1 < entries.count ? entries[i + 1].from : ledger.asOf, ledger.asOf)
            guard start < end else { return nil }
            return PolicyResponses(
                policy: entries[i].policy.name, from: entries[i].from.iso8601,
                responses: ResponsesLine(ledger.responses(of: a, from: start, to: end)))
        }
    }

    static func monthLine(_ s: MonthSummary) -> MonthLine {
        let t = s.totals, m = s.messages
        return MonthLine(
            month: s.month.description, partial: s.partial, opening: s.opening, closing: s.closing,
            allotment: t.allotment, bonus: t.bonus, grant: t.grant, adjust: t.adjust, refund: t.refund,
            shareIn: t.shareIn, shareOut: t.shareOut, send: t.send, expire: t.expire, forfeit: t.forfeit,
            messages: StatementDocument.Messages(
                sent: m.sent, unfunded: m.unfunded, accepted: m.accepted,
                declined: m.declined, lost: m.lost, pending: m.pending),
            responses: ResponsesLine(s.responses))
    }
}

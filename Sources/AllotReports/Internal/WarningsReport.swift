import AllotLedger

/// `warnings/index`: credits expiring and answer windows closing soon, most urgent first.
struct WarningsReport: Report {
    var name: String { "warnings" }

    struct Row: Sendable, Encodable {
        var name, id, team, href, soonest: String
        var box: WarningBox
        /// The preview of the seat's expiry notice, for seats with an email.
        var noticeHref: String?
    }

    struct View: Sendable, Encodable {
        var asOf, horizon: String
        var horizonDays: Int
        var rows: [Row]
        var hasRows: Bool
        var expiringTotal, pendingTotal: Int
    }

    func pages(_ c: ReportContext) -> [Page] {
        let path = ReportContext.warningsPath
        let asOf = c.ledger.asOf
        let model = WarningsModel(
            asOf: asOf.iso8601, horizonDays: c.ledger.settings.warnDays,
            accounts: c.warnings.map { w in
                WarningsModel.AccountWarning(
                    account: w.account.id, slug: c.slugs.account(w.account.id), expiring: c.lotLines(w.expiring),
                    expiringTotal: w.expiringTotal,
                    pending: w.pending.map { WarningsModel.Pending(message: $0.message, closes: $0.closes!.iso8601) },
                    pendingTotal: w.pendingTotal)
            })
        let rows = c.warnings.map { w in
            Row(name: w.account.name, id: w.account.id, team: w.account.team,
                href: c.href(from: path, to: c.accountPath(w.account.id)), soonest: c.format.date(w.mostUrgent),
                box: c.warningBox(w, from: path),
                noticeHref: w.account.email == nil ? nil : c.href(from: path, to: ReportContext.noticePath(c.slugs.account(w.account.id))))
        }
        let view = View(asOf: c.format.dateTime(asOf), horizon: c.format.date(c.ledger.warningHorizon),
                        horizonDays: c.ledger.settings.warnDays, rows: rows, hasRows: !rows.isEmpty,
                        expiringTotal: c.warnings.reduce(0) { $0 + $1.expiringTotal },
                        pendingTotal: c.warnings.reduce(0) { $0 + $1.pendingTotal })
        return [Page(path: path, template: "warnings", title: "Expiry warnings", model: model, view: view)]
    }
}

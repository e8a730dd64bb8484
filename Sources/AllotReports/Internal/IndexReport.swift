import AllotLedger

/// `index`: every team and its members, balances and credits expiring soon.
struct IndexReport: Report {
    var name: String { "index" }

    struct MemberRow: Sendable, Encodable {
        var name, id, href: String
        var balance, expiringSoon: Int
        var closed, hasExpiring: Bool
    }

    struct TeamBlock: Sendable, Encodable {
        var name, href: String
        var members: [MemberRow]
        var balance: Int
    }

    struct WhatIfRow: Sendable, Encodable {
        var name, href, alternative: String
        var expiredBase, expiredAlternative, closingBase, closingAlternative: Int
    }

    struct View: Sendable, Encodable {
        var title, asOf, warningsHref: String
        var whatIf: [WhatIfRow]
        var hasWhatIf: Bool
        var teams: [TeamBlock]
        var seats, balance, expiringSoon, warningCount: Int
        var horizonDays: Int
        var hasWarnings: Bool
    }

    func pages(_ c: ReportContext) -> [Page] {
        let path = ReportContext.indexPath
        let expiring = Dictionary(uniqueKeysWithValues: c.warnings.map { ($0.account.id, $0.expiringTotal) })
        var blocks: [TeamBlock] = [], teams: [IndexModel.TeamLine] = [], lines: [IndexModel.AccountLine] = []
        for team in c.teams {
            let rows = team.members.map { a in
                MemberRow(name: a.account.name, id: a.account.id, href: c.href(from: path, to: c.accountPath(a.account.id)),
                          balance: a.balance, expiringSoon: expiring[a.account.id] ?? 0,
                          closed: a.account.closed.map { $0 < c.ledger.asOf } ?? false,
                          hasExpiring: (expiring[a.account.id] ?? 0) > 0)
            }
            blocks.append(TeamBlock(name: team.id, href: c.href(from: path, to: c.teamPath(team.id)), members: rows,
                                    balance: rows.reduce(0) { $0 + $1.balance }))
            teams.append(IndexModel.TeamLine(id: team.id, slug: c.slugs.team(team.id), members: team.members.map(\.account.id)))
        }
        for a in c.ledger.accounts {
            lines.append(IndexModel.AccountLine(
                id: a.account.id, name: a.account.name, team: a.account.team, slug: c.slugs.account(a.account.id),
                balance: a.balance, expiringSoon: expiring[a.account.id] ?? 0,
                closed: a.account.closed.map { $0 < c.ledger.asOf } ?? false))
        }
        let comparisons = c.comparisons.map { IndexModel.ComparisonLine(name: $0.name, slug: c.comparisonSlug($0.name)) }
        let model = IndexModel(title: c.title, asOf: c.ledger.asOf.iso8601, accounts: lines, teams: teams, comparisons: comparisons)
        let whatIf = c.comparisons.map { x in
            WhatIfRow(name: x.name, href: c.href(from: path, to: c.comparisonPath(x.name)),
                      alternative: x.alternative.settings.timeline.entries.map(\.policy.name).joined(separator: ", then "),
                      expiredBase: x.all.total.base.expired, expiredAlternative: x.all.total.alternative.expired,
                      closingBase: x.all.total.base.closing, closingAlternative: x.all.total.alternative.closing)
        }
        let view = View(title: c.title, asOf: c.format.dateTime(c.ledger.asOf),
                        warningsHref: c.href(from: path, to: ReportContext.warningsPath),
                        whatIf: whatIf, hasWhatIf: !whatIf.isEmpty, teams: blocks,
                        seats: lines.count, balance: lines.reduce(0) { $0 + $1.balance },
                        expiringSoon: lines.reduce(0) { $0 + $1.expiringSoon }, warningCount: c.warnings.count,
                        horizonDays: c.ledger.settings.warnDays, hasWarnings: !c.warnings.isEmpty)
        return [Page(path: path, template: "index", title: "Seats and teams", model: model, view: view)]
    }
}

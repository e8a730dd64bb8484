import AllotLedger

/// The JSON of a comparison (`kind` "compare"): `allot compare NAME --json` prints the
/// whole ledger's; each what-if page's twin holds its own scope (all, team, account).
package struct CompareModel: PageModel, Codable, Equatable {
    package struct Value: Codable, Sendable, Equatable {
        package var base, alternative, difference: Int
    }

    /// Each figure under both timelines and the difference (alternative minus base).
    package struct Figures: Codable, Sendable, Equatable {
        package var granted, refunded, expired, lost, unfunded, closing: Value
    }

    package struct MonthFigures: Codable, Sendable, Equatable {
        package var month: String
        package var figures: Figures
    }

    package struct PolicySpan: Codable, Sendable, Equatable {
        package var policy: String
        package var from: String
        /// Every parameter it runs with, by `allot.toml` key.
        package var parameters: [String: PolicyParameters.Value]
    }

    /// A team or an account inside the scope: its total, and month by month when asked.
    package struct Part: Codable, Sendable, Equatable {
        package var id, name, slug: String
        package var team: String?
        package var total: Figures
        package var months: [MonthFigures]?
    }

    package var kind = "compare"
    package var name: String
    /// `all`, `team` or `account`.
    package var scope: String
    /// The team's or account's id; empty for `all`.
    package var id: String
    package var asOf: String
    package var base: [PolicySpan]
    package var alternative: [PolicySpan]
    package var total: Figures
    package var months: [MonthFigures]
    package var teams: [Part]
    package var accounts: [Part]

    package enum Scope: Sendable { case all, team(String), account(String) }

    /// `scope` of `comparison`; `detail` adds every part's months (the whole document).
    package init?(_ comparison: Comparison, scope: Scope, slugs: SiteSlugs, detail: Bool = false) {
        let line: Comparison.Line
        var teams: [Comparison.Line] = [], accounts: [Comparison.Line] = []
        switch scope {
        case .all:
            line = comparison.all; teams = comparison.teams; accounts = comparison.accounts
            self.scope = "all"; id = ""
        case .team(let t):
            guard let l = comparison.team(t) else { return nil }
            line = l; accounts = comparison.accounts.filter { $0.team == t }
            self.scope = "team"; id = t
        case .account(let a):
            guard let l = comparison.account(a) else { return nil }
            line = l
            self.scope = "account"; id = a
        }
        name = comparison.name
        asOf = comparison.base.asOf.iso8601
        base = Self.spans(comparison.base)
        alternative = Self.spans(comparison.alternative)
        total = Self.figures(line.total)
        months = line.months.map { MonthFigures(month: $0.month.description, figures: Self.figures($0.pair)) }
        self.teams = teams.map { Self.part($0, slug: slugs.team($0.id), detail: detail) }
        self.accounts = accounts.map { Self.part($0, slug: slugs.account($0.id), detail: detail) }
    }

    /// A comparison's summary over the whole site: its total, month by month, and each
    /// team's total (the seats are on the team pages).
    package init(_ x: SiteComparison, asOf: Instant, slugs: SiteSlugs) {
        name = x.name
        scope = "all"
        id = ""
        self.asOf = asOf.iso8601
        base = Self.spans(x.base)
        alternative = Self.spans(x.alternative)
        total = Self.figures(x.all.total)
        months = x.all.months.map { MonthFigures(month: $0.month.description, figures: Self.figures($0.pair)) }
        teams = x.teams.map { Self.part($0, slug: slugs.team($0.id), detail: false) }
        accounts = []
    }

    static func part(_ l: Comparison.Line, slug: String, detail: Bool) -> Part {
        Part(
            id: l.id, name: l.name, slug: slug, team: l.team, total: figures(l.total),
            months: detail ? l.months.map { MonthFigures(month: $0.month.description, figures: figures($0.pair)) } : nil)
    }

    static func spans(_ ledger: Ledger) -> [PolicySpan] { spans(ledger.settings) }

    static func spans(_ settings: LedgerSettings) -> [PolicySpan] {
        settings.timeline.entries.map {
            PolicySpan(policy: $0.policy.name, from: $0.from.iso8601, parameters: $0.policy.parameters.values)
        }
    }

    static func figures(_ p: Comparison.Pair) -> Figures {
        let (b, a, d) = (p.base, p.alternative, p.difference)
        return Figures(
            granted: Value(base: b.granted, alternative: a.granted, difference: d.granted),
            refunded: Value(base: b.refunded, alternative: a.refunded, difference: d.refunded),
            expired: Value(base: b.expired, alternative: a.expired, difference: d.expired),
            lost: Value(base: b.lost, alternative: a.lost, difference: d.lost),
            unfunded: Value(base: b.unfunded, alternative: a.unfunded, difference: d.unfunded),
            closing: Value(base: b.closing, alternative: a.closing, difference: d.closing))
    }
}

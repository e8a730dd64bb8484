import AllotLedger

/// What a report sees when it makes one team's pages: the team's replayed ledger, the
/// site's title and address, and the names of things on the whole site. A build replays and renders
/// team by team, so `ledger` holds one team (or, outside a build, any set of seats).
public struct ReportContext: Sendable {
    public let ledger: Ledger
    public let title: String
    public let slugs: SiteSlugs
    public let format: DisplayFormat
    /// Expiry warnings as of the ledger's as-of, most urgent first.
    public let warnings: [ExpiryWarning]
    /// The config's `[[compare]]` entries, replayed: the what-if pages.
    public let comparisons: [Comparison]
    /// Where the site is published (the config's `site_url`): notices link to it.
    public let siteURL: String?
    /// The config's `[teams]` display names.
    public let teamNames: TeamNames
    /// Each team's forecast and suggested shares, by team id; empty when not made.
    public let forecasts: [String: TeamForecast]
    /// Paths of final pages (`PageModel.isFinal`) a build keeps from the last one, as
    /// they were: the reports make no page for them.
    public var keptPages: Set<String> = []
    private let comparisonSlugs: [String: String]

    /// `slugs` name every seat and team of the site; by default those of `ledger`.
    public init(
        ledger: Ledger, title: String, comparisons: [Comparison] = [], slugs: SiteSlugs? = nil, siteURL: String? = nil,
        teamNames: TeamNames = TeamNames(), forecasts: [TeamForecast] = []
    ) {
        self.teamNames = teamNames
        self.forecasts = Dictionary(forecasts.map { ($0.team, $0) }, uniquingKeysWith: { a, _ in a })
        self.ledger = ledger
        self.title = title
        self.comparisons = comparisons
        self.siteURL = siteURL
        self.comparisonSlugs = SiteSlugs.assign(comparisons.map(\.name), fallback: "what-if")
        self.slugs = slugs ?? SiteSlugs(ledger)
        self.format = DisplayFormat(calendar: ledger.settings.calendar)
        self.warnings = ledger.warnings().sorted {
            let a = $0.mostUrgent, b = $1.mostUrgent
            return a != b ? a < b : UTF8Order.precedes($0.account.id, $1.account.id)
        }
    }

    /// Teams by id (UTF-8 order), each with its members by account id.
    public var teams: [(id: String, members: [AccountLedger])] {
        var byTeam: [String: [AccountLedger]] = [:]
        for a in ledger.accounts { byTeam[a.account.team, default: []].append(a) }
        return byTeam.keys.sorted(by: UTF8Order.precedes).map { ($0, byTeam[$0]!) }
    }

    public func warning(for accountId: String) -> ExpiryWarning? {
        warnings.first { $0.account.id == accountId }
    }

    /// The path of an account's page, a statement, a team's page (no extension).
    public func accountPath(_ id: String) -> String { "accounts/\(slugs.account(id))/index" }
    public func statementPath(_ id: String, _ month: Month) -> String { "accounts/\(slugs.account(id))/\(month)" }
    public func teamPath(_ id: String) -> String { "teams/\(slugs.team(id))/index" }
    /// A team's expiry warnings: its seats' warnings in full.
    public func teamWarningsPath(_ id: String) -> String { "teams/\(slugs.team(id))/warnings" }
    public func comparisonSlug(_ name: String) -> String { comparisonSlugs[name] ?? SiteSlugs.base(name, fallback: "what-if") }
    /// A comparison's pages: its summary, a team's, an account's.
    public func comparisonPath(_ name: String) -> String { "what-if/\(comparisonSlug(name))/index" }
    public func comparisonTeamPath(_ name: String, _ team: String) -> String { "what-if/\(comparisonSlug(name))/teams/\(slugs.team(team))" }
    public func comparisonAccountPath(_ name: String, _ id: String) -> String {
        "what-if/\(comparisonSlug(name))/accounts/\(slugs.account(id))"
    }
    public static let indexPath = "index"
    /// The warnings overview: every team's warnings in a line each.
    public static let warningsPath = "warnings/index"
    /// The preview of a seat's expiry notice: the HTML part of the message.
    public static func noticePath(_ slug: String) -> String { "notices/\(slug)" }
}

extension ExpiryWarning {
    /// The soonest expiry or window closing.
    public var mostUrgent: Instant {
        let dates = expiring.compactMap(\.expires) + pending.compactMap(\.closes)
        return dates.min() ?? .distantFuture
    }
}

import AllotLedger

/// What a report sees when it makes the pages that span the site (`Report.sitePages`):
/// every team's summary, never a ledger, so these pages stay the same size however
/// many seats there are.
public struct SiteContext: Sendable {
    public let title: String
    public let asOf: Instant
    public let settings: LedgerSettings
    public let format: DisplayFormat
    public let slugs: SiteSlugs
    /// Every team, by id (UTF-8 order).
    public let teams: [TeamSummary]
    /// The config's `[[compare]]` entries, added up over the teams.
    public let comparisons: [SiteComparison]
    /// The config's `[teams]` display names.
    public let teamNames: TeamNames
    private let comparisonSlugs: [String: String]

    public init(
        title: String, asOf: Instant, settings: LedgerSettings, slugs: SiteSlugs, teams: [TeamSummary],
        comparisons: [(name: String, alternative: LedgerSettings)], teamNames: TeamNames = TeamNames()
    ) {
        self.teamNames = teamNames
        self.title = title
        self.asOf = asOf
        self.settings = settings
        self.format = DisplayFormat(calendar: settings.calendar)
        self.slugs = slugs
        self.teams = teams
        self.comparisonSlugs = SiteSlugs.assign(comparisons.map(\.name), fallback: "what-if")
        self.comparisons = comparisons.map { entry in
            let lines = teams.compactMap { team in
                team.comparisons.first { $0.name == entry.name }.map {
                    Comparison.Line(
                        id: team.id, name: teamNames.name(team.id), team: nil, months: $0.months.map { ($0.month, $0.pair) },
                        total: $0.total)
                }
            }
            return SiteComparison(
                name: entry.name, base: settings, alternative: entry.alternative, teams: lines,
                all: Comparison.sum(lines, id: "", name: "All seats"))
        }
    }

    public var warningHorizon: Instant { settings.calendar.adding(days: settings.warnDays, to: asOf) }

    public func teamPath(_ id: String) -> String { "teams/\(slugs.team(id))/index" }
    public func teamWarningsPath(_ id: String) -> String { "teams/\(slugs.team(id))/warnings" }
    public func comparisonSlug(_ name: String) -> String { comparisonSlugs[name] ?? SiteSlugs.base(name, fallback: "what-if") }
    public func comparisonPath(_ name: String) -> String { "what-if/\(comparisonSlug(name))/index" }
    public func comparisonTeamPath(_ name: String, _ team: String) -> String { "what-if/\(comparisonSlug(name))/teams/\(slugs.team(team))" }

    /// A relative link from `page` to another page path (both without extension).
    public func href(from page: String, to target: String) -> String { relativeHref(from: page, to: target) }
}

/// A `[[compare]]` entry over the whole site: each team's line and their sum.
public struct SiteComparison: Sendable {
    public let name: String
    public let base: LedgerSettings
    public let alternative: LedgerSettings
    public let teams: [Comparison.Line]
    public let all: Comparison.Line
}

import AllotReports
import AllotSite
import Foundation

/// The one sequence of steps that every command working team by team runs (build,
/// shard, merge, notify, the Markdown export): read the team's seats and events from
/// the store, replay them under the policies with each `[[compare]]` entry and the
/// forecast, and make the report context its pages and notices come from. The site-wide
/// context is made from the teams' summaries in the same place.
struct TeamPipeline: Sendable {
    /// The steps that can fail (a replay cannot), as an error names them.
    enum Step: String, Sendable {
        case read = "reading its seats and events from the store"
        case render = "rendering its pages"
    }

    /// One team after the steps: its context, and its seats and events as the store gave
    /// them (what the keys of its final pages are made from).
    struct Team {
        var context: ReportContext
        var accounts: [Account]
        var events: [LedgerEvent]
    }

    let project: Project
    let end: Instant
    /// The site's slugs; nil where no page is made (a forecast): the ledger's own.
    let slugs: SiteSlugs?
    /// Whether the `[[compare]]` entries are replayed too (pages show them; notices do not).
    var comparing = true

    func run(_ team: String) throws -> Team {
        let (accounts, events) = try Self.step(.read, team) { try project.store.load(team: team) }
        let config = project.config
        let (ledger, forecast) = TeamForecast.replay(
            team: team, accounts: accounts, events: events, settings: config.settings, asOf: end)
        let comparisons =
            comparing ? project.comparisons(of: ledger, accounts: accounts, events: events, comparing: config.comparisons) : []
        let context = ReportContext(
            ledger: ledger, title: config.title, comparisons: comparisons, slugs: slugs, siteURL: config.siteURL,
            teamNames: TeamNames(config.teamNames), forecasts: [forecast])
        return Team(context: context, accounts: accounts, events: events)
    }

    /// The site-wide pages' context, from every team's summary in team order.
    func site(_ summaries: [TeamSummary]) -> SiteContext {
        let config = project.config
        return SiteContext(
            title: config.title, asOf: end, settings: config.settings, slugs: slugs ?? SiteSlugs(accounts: []), teams: summaries,
            comparisons: config.comparisons.map { ($0.name, $0.settings(from: config.settings)) },
            teamNames: TeamNames(config.teamNames))
    }

    /// Runs one step of a team; a failure that does not already say where it happened
    /// (a file, a line) is told as the team and the step.
    static func step<T>(_ step: Step, _ team: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as AllotError {
            guard error.path == nil else { throw error }
            error.message = "team \(team): \(step.rawValue) failed: \(error.message)"
            throw error
        } catch {
            throw AllotError("team \(team): \(step.rawValue) failed: \(error)")
        }
    }
}

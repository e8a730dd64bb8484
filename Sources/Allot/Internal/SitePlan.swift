import AllotReports
import AllotSite
import AllotSupport
import Foundation

/// What a build, a shard and a merge work out before they render anything: the inputs,
/// the store revision and the teams as they were read, the slugs, and the key of the
/// whole site.
struct SitePlan: Sendable {
    /// Everything the site depends on besides the ledger (`Project.buildInputs`).
    let inputs: String
    /// The store revision, read before the teams.
    let revision: Int
    /// Every team, in UTF-8 order of their ids, with its revision.
    let teams: [(id: String, revision: Int)]
    let templates: TemplateSet
    let reports: [any Report]
    /// As the store recorded them, every seat's and team's given one first.
    let slugs: SiteSlugs

    /// The key of a whole site: the inputs and every team's revision.
    var buildKey: String {
        SHA256.hex(Array((inputs + teams.map { "\u{0}\($0.id)\u{0}\($0.revision)" }.joined()).utf8))
    }
}

/// What rendering needs, worked out once a build knows it has pages to render: the
/// compiled templates, the as-of instant, the slugs and each team's key.
struct RenderPlan: Sendable {
    let builder: SiteBuilder
    /// The steps each team's pages come from.
    let pipeline: TeamPipeline
    var end: Instant { pipeline.end }
    let slugs: SiteSlugs
    /// By team, in the order of `SitePlan.teams`.
    let keys: [String]
    /// What every final page depends on besides its own data (`Project.finalPageInputs`).
    let finalInputs: String
}

extension Project {
    /// Imports nothing: reads the revision, then the teams, then the slugs (recording
    /// those of new seats and teams even when the site turns out to be built already, so
    /// they are fixed before a later seat could take them).
    func sitePlan(asOf: Instant?, templates: String?, reports: [any Report]) throws -> SitePlan {
        let set = try templateSet(templates)
        let revision = try store.revision()
        return SitePlan(
            inputs: buildInputs(asOf: asOf, templates: set, reports: reports), revision: revision, teams: try store.teams(),
            templates: set, reports: reports, slugs: try siteSlugs())
    }

    func renderPlan(_ plan: SitePlan, asOf: Instant?) throws -> RenderPlan {
        let builder = try SiteBuilder(reports: plan.reports, templates: plan.templates, siteTitle: config.title)
        let end = try resolvedAsOf(asOf)
        let accounts = try store.accounts()
        let slugs = plan.slugs
        var slugsOf: [String: [String]] = [:]
        for a in accounts { slugsOf[a.team, default: []].append(a.id + "\u{1}" + slugs.account(a.id)) }
        // A team's pages depend on its own seats and events, its seats' and its own slugs
        // (the only names it shares with other teams) and the inputs.
        let keys = plan.teams.map { t in
            SHA256.hex(
                Array(
                    [plan.inputs, "\(end.millis)", t.id, slugs.team(t.id), "\(t.revision)"]
                        .joined(separator: "\u{0}").appending((slugsOf[t.id] ?? []).joined(separator: "\u{0}")).utf8))
        }
        return RenderPlan(
            builder: builder, pipeline: TeamPipeline(project: self, end: end, slugs: slugs), slugs: slugs, keys: keys,
            finalInputs: finalPageInputs(templates: plan.templates, reports: plan.reports))
    }

    /// Replays one team and renders its pages, but for the final pages of `previous` (the
    /// team's entry from the last build) that come out the same and whose files `intact`
    /// finds as that build left them: those are kept, and listed in the entry's paths.
    func renderTeam(
        _ team: String, key: String, _ plan: RenderPlan, previous: TeamCache.Entry? = nil, intact: ([String]) -> Bool = { _ in false }
    ) throws -> (entry: TeamCache.Entry, files: [RenderedFile], kept: Int) {
        let replayed = try plan.pipeline.run(team)
        var context = replayed.context
        let finalKeys = FinalStatementKeys.make(
            team: team, accounts: replayed.accounts, events: replayed.events, settings: context.ledger.settings, asOf: plan.end,
            slugs: plan.slugs, inputs: plan.finalInputs, path: context.statementPath)
        var kept: [String: PageRecord] = [:]
        for (path, key) in finalKeys {
            if let record = previous?.pages[path], record.key == key, intact(record.files) { kept[path] = record }
        }
        context.keptPages = Set(kept.keys)
        let out = try TeamPipeline.step(.render, team) { try plan.builder.files(context, finalKeys: finalKeys, kept: kept) }
        let entry = TeamCache.Entry(
            team: team, key: key, summary: TeamSummary(team: team, context), paths: out.paths,
            pages: out.pages)
        return (entry, out.written, out.kept)
    }

    /// The site-wide pages and static files, from every team's summary in team order.
    func siteFiles(_ entries: [TeamCache.Entry], _ plan: RenderPlan) throws -> [RenderedFile] {
        let files = try plan.builder.files(plan.pipeline.site(entries.map(\.summary)))
        try Self.refuseSharedPaths(entries, files)
        return files
    }
}

/// A report plugin: turns replayed ledgers into pages. A build replays one team at a
/// time and asks every report for that team's pages; then it asks for the pages that
/// span the site, which see each team's summary rather than any ledger, so no page
/// grows with the number of seats. The built-in reports are ordinary reports; add or
/// replace one by handing your own list to the builder.
public protocol Report: Sendable {
    /// A unique name, e.g. `statements`.
    var name: String { get }
    /// One team's pages (`context.ledger` holds that team).
    func pages(_ context: ReportContext) -> [Page]
    /// Pages over every team, made from the teams' summaries after all teams are done.
    func sitePages(_ context: SiteContext) -> [Page]
}

extension Report {
    public func sitePages(_ context: SiteContext) -> [Page] { [] }
}

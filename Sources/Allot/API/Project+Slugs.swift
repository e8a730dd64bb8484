import AllotReports
import AllotStore

extension Project {
    /// The slugs of the site, as the store recorded them: a seat or team that has none yet
    /// is given one (`SiteSlugs.assign`) that no seat or team ever had, and keeps it.
    public func siteSlugs() throws -> SiteSlugs {
        let recorded = try store.slugs { kind, ids, taken in
            SiteSlugs.assign(ids, taken: taken, fallback: kind == .seat ? SiteSlugs.seatFallback : SiteSlugs.teamFallback)
        }
        return SiteSlugs(seats: recorded.seats, teams: recorded.teams)
    }
}

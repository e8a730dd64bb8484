import AllotLedger

extension Project {
    /// Each team's forecast at as-of (`TeamForecast`): pace, projected expiry and shortfall
    /// per seat, and the shares that would save credits. Only `team` when given.
    public func forecasts(asOf: Instant? = nil, team: String? = nil) throws -> [TeamForecast] {
        let end = try resolvedAsOf(asOf)
        return try store.teams().map(\.id).filter { team == nil || $0 == team }.map { id in
            try replayWithForecast(team: id, asOf: end).forecast
        }
    }

    /// One team replayed, with every `[[compare]]` entry and its forecast: what a build
    /// renders a team from.
    public func replayWithForecast(team: String, asOf: Instant) throws -> (
        ledger: Ledger, comparisons: [Comparison], forecast: TeamForecast
    ) {
        let context = try TeamPipeline(project: self, end: asOf, slugs: nil).run(team).context
        return (context.ledger, context.comparisons, context.forecasts[team]!)
    }
}

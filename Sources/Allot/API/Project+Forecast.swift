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
        let (ledger, comparisons, forecast, _, _) = try replayTeam(team, asOf: asOf)
        return (ledger, comparisons, forecast)
    }

    /// `replayWithForecast`, with the team's seats and events as the store gave them.
    func replayTeam(_ team: String, asOf: Instant) throws -> (
        ledger: Ledger, comparisons: [Comparison], forecast: TeamForecast, accounts: [Account], events: [LedgerEvent]
    ) {
        let (accounts, events) = try store.load(team: team)
        let (ledger, forecast) = TeamForecast.replay(team: team, accounts: accounts, events: events, settings: config.settings, asOf: asOf)
        let comparisons = comparisons(of: ledger, accounts: accounts, events: events, comparing: config.comparisons)
        return (ledger, comparisons, forecast, accounts, events)
    }
}

/// A team's seats projected over the warning horizon at their recent pace, and the shares
/// that would move credits from seats about to lose them to seats about to run short.
///
/// The projection is an ordinary replay (spec §3–§5) of the team's events before as-of
/// plus synthetic sends: on day k of the horizon, `[as-of + k days, as-of + k+1 days)`, a
/// seat sends `floor(pace × (k+1)) − floor(pace × k)` messages at the day's first instant.
/// Allotments, bonuses, expiries and closings happen as the contract says; no refund is
/// posted from as-of on (a conservative forecast: nothing pending comes back).
public struct TeamForecast: Sendable, Equatable {
    public var team: String
    public var asOf: Instant
    /// As-of plus `warn_days` days: the horizon's exclusive end.
    public var horizonEnd: Instant
    /// Seats open at as-of, by account id (UTF-8 order).
    public var seats: [SeatForecast]
    /// In the order they were found: receivers by earliest shortfall, givers by earliest expiry.
    public var shares: [SuggestedShare]
    /// Credits the team's seats are projected to lose to expiry, without and with the shares.
    public var expiryWithout, expiryWith: Int

    public var saved: Int { expiryWithout - expiryWith }

    /// The pace window's length in days.
    public static let paceDays = 28

    /// The forecast of `team`'s seats in `ledger`, replayed to its as-of from `events`
    /// (events of other teams are ignored).
    public static func make(team: String, _ ledger: Ledger, events: [LedgerEvent]) -> TeamForecast {
        ForecastProjection(team: team, ledger, events: events).forecast()
    }

    /// One team's seats replayed to `asOf` from `events` (`Ledger.replay`), with the
    /// team's forecast (`make`), both from one replay of the history. Every seat must be
    /// of `team`.
    public static func replay(
        team: String, accounts: [Account], events: [LedgerEvent], settings: LedgerSettings, asOf: Instant
    ) -> (ledger: Ledger, forecast: TeamForecast) {
        guard accounts.allSatisfy({ $0.team == team }) else {
            let ledger = Ledger.replay(accounts: accounts, events: events, settings: settings, asOf: asOf)
            return (ledger, make(team: team, ledger, events: events))
        }
        let (seats, teamEvents) = Ledger.byTeam(accounts: accounts, events: events, before: asOf)
        let history = ForecastProjection.history(of: seats.first ?? [], teamEvents.first ?? [], settings: settings, asOf: asOf)
        let ledger = Ledger.merged(seats.isEmpty ? [] : [history.outcome(before: asOf)], settings: settings, asOf: asOf)
        return (ledger, ForecastProjection(team: team, ledger, history: history).forecast())
    }

    public func seat(_ id: String) -> SeatForecast? { seats.first { $0.account == id } }
}

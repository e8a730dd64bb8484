/// Everything besides seats and events that a replay needs.
public struct LedgerSettings: Sendable {
    public var calendar: LedgerCalendar
    public var timeline: PolicyTimeline
    public var bonuses: [Bonus]
    /// Refunds under `refund_on = response` are posted this long after the response.
    public var refundDelayHours: Int
    /// Horizon of expiry warnings, in days (spec §7).
    public var warnDays: Int
    /// How long an answer may take to count toward a response rate, in days (spec §10).
    public var responseRateDays: Int

    public init(
        calendar: LedgerCalendar = .utc, timeline: PolicyTimeline, bonuses: [Bonus] = [],
        refundDelayHours: Int = 0, warnDays: Int = 30, responseRateDays: Int = 30
    ) {
        self.calendar = calendar; self.timeline = timeline; self.bonuses = bonuses
        self.refundDelayHours = refundDelayHours; self.warnDays = warnDays; self.responseRateDays = responseRateDays
    }

    /// Just after the latest event or seat instant: the end of the local day holding it
    /// (spec §1). nil for an empty ledger.
    public func defaultAsOf(accounts: [Account], events: [LedgerEvent]) -> Instant? {
        var latest: Instant?
        for a in accounts {
            latest = max(latest ?? a.opened, a.opened)
            if let c = a.closed { latest = max(latest!, c) }
        }
        for e in events { latest = max(latest ?? e.time, e.time) }
        return latest.map { calendar.endOfDay(containing: $0) }
    }
}

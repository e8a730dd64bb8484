import AllotLedger

/// `response-weighted`: the 2015 rules, except that a lot lives longer the more of the
/// account's recent messages were answered (docs/policies.md spells it out). Written
/// against the public `Policy` protocol only, as any plugin's policy would be.
public struct ResponseWeightedPolicy: Policy, Equatable {
    public var name = "response-weighted"
    public var allotment = 100
    public var allotmentDay = AllotmentDay.firstOfMonth
    public var cap: Int? = nil
    public var refundOn = RefundOn.response
    public var windowDays = 90
    /// How far back the response rate looks from a lot's creation, in days.
    public var lookbackDays = 90
    /// Rates are whole percentages: below `lowRate` a lot lives `lowDays`; from `lowRate`
    /// up to below `highRate`, `middleDays`; from `highRate` on, `highDays` (nil: never expires).
    public var lowRate = 25
    public var highRate = 50
    public var lowDays: Int? = 90
    public var middleDays: Int? = 180
    public var highDays: Int? = nil
    /// Lots without expiry when this policy takes over expire this long after it starts.
    public var carryOverDays: Int? = 90

    public init() {}

    /// The lifetime in days for `answered` answers out of `sent` messages; nil: no expiry.
    /// With nothing sent there is no rate, and a lot gets the lowest tier's lifetime.
    public func lifetimeDays(sent: Int, answered: Int) -> Int? {
        guard sent > 0 else { return lowDays }
        if answered * 100 >= highRate * sent { return highDays }
        if answered * 100 >= lowRate * sent { return middleDays }
        return lowDays
    }

    public func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar, history: AccountHistory) -> Instant? {
        let counts = history.responses(sentFrom: calendar.adding(days: -lookbackDays, to: created))
        return lifetimeDays(sent: counts.sent, answered: counts.answered).map { calendar.adding(days: $0, to: created) }
    }

    /// Without a history, a lot gets the lowest tier's lifetime.
    public func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar) -> Instant? {
        lowDays.map { calendar.adding(days: $0, to: created) }
    }

    public func carryOverExpiry(startingAt start: Instant, calendar: LedgerCalendar) -> Instant? {
        carryOverDays.map { calendar.adding(days: $0, to: start) }
    }
}

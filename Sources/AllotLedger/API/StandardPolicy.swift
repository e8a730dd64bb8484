/// The parameterised policy behind both built-ins; the table in spec §3.
public struct StandardPolicy: Policy, Equatable {
    public var name: String
    public var allotment: Int
    public var allotmentDay: AllotmentDay
    /// nil: lots never expire.
    public var lifetimeDays: Int?
    public var cap: Int?
    public var refundOn: RefundOn
    public var windowDays: Int
    /// nil: same as `lifetimeDays`.
    public var carryOverDays: Int?

    public init(
        name: String, allotment: Int, allotmentDay: AllotmentDay = .firstOfMonth, lifetimeDays: Int?,
        cap: Int? = nil, refundOn: RefundOn, windowDays: Int, carryOverDays: Int? = nil
    ) {
        self.name = name; self.allotment = allotment; self.allotmentDay = allotmentDay
        self.lifetimeDays = lifetimeDays; self.cap = cap; self.refundOn = refundOn
        self.windowDays = windowDays; self.carryOverDays = carryOverDays
    }

    /// 100 credits a month, 90-day expiry, refund when the recipient answers within 90 days.
    public static let inmail2015 = StandardPolicy(
        name: "inmail-2015", allotment: 100, lifetimeDays: 90, refundOn: .response, windowDays: 90)

    /// 50 credits a month, no expiry, refund when nobody answers within 7 days.
    public static let legacy = StandardPolicy(
        name: "legacy", allotment: 50, lifetimeDays: nil, refundOn: .noResponse, windowDays: 7)

    public func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar) -> Instant? {
        lifetimeDays.map { calendar.adding(days: $0, to: created) }
    }

    public var parameters: PolicyParameters {
        let none = PolicyParameters.Value.text("none")
        var all = PolicyParameters([
            "allotment": .integer(allotment), "allotment_day": .text(allotmentDay.rawValue), "cap": cap.map { .integer($0) } ?? none,
            "refund_on": .text(refundOn.rawValue), "window_days": .integer(windowDays),
            "lifetime_days": lifetimeDays.map { .integer($0) } ?? none,
        ])
        all.values["carry_over_days"] = carryOverDays.map { .integer($0) } ?? all.values["lifetime_days"]
        return all
    }

    public func carryOverExpiry(startingAt start: Instant, calendar: LedgerCalendar) -> Instant? {
        guard lifetimeDays != nil, let days = carryOverDays ?? lifetimeDays else { return nil }
        return calendar.adding(days: days, to: start)
    }
}

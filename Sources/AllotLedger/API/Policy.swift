/// When a sent credit comes back (spec §3, `refund_on`).
public enum RefundOn: String, Sendable, CaseIterable {
    /// Refunded when the recipient answers within the window.
    case response
    /// Refunded when nobody answers within the guarantee period.
    case noResponse = "no-response"
}

/// Which instants bring an account its allotment (spec §3, `allotment_day`).
public enum AllotmentDay: String, Sendable, CaseIterable {
    /// Local midnight of the 1st of every month after the opening month.
    case firstOfMonth = "first-of-month"
    /// The opening instant plus whole calendar months.
    case anniversary
}

/// A named set of credit rules. `inmail-2015` and `legacy` are built in; another
/// package can add its own by conforming to this protocol and registering a
/// `PolicyFactory` in the `PolicyRegistry` it hands to the builder.
/// Credits and days lie in spec §2's ranges (`LedgerLimits.credits`, `LedgerLimits.days`);
/// the replay holds a value outside them to the nearest end, so no total can overflow.
public protocol Policy: Sendable {
    var name: String { get }
    /// Credits granted per account at each allotment instant.
    var allotment: Int { get }
    var allotmentDay: AllotmentDay { get }
    /// Allotments and bonuses never lift a balance above this; nil for no cap.
    var cap: Int? { get }
    var refundOn: RefundOn { get }
    /// The response window (`response`) or guarantee period (`no-response`) in days.
    var windowDays: Int { get }
    /// The expiry of a lot created at `created` while this policy is in force; nil: never.
    func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar) -> Instant?
    /// The same, for a policy that looks at the account's history; the replay calls this
    /// one. By default it ignores `history` and asks the method above.
    func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar, history: AccountHistory) -> Instant?
    /// When this policy takes over at `start`, the expiry every lot without one gets;
    /// nil leaves such lots without expiry.
    func carryOverExpiry(startingAt start: Instant, calendar: LedgerCalendar) -> Instant?
    /// The values it runs with, by `allot.toml` key and as the file would write them
    /// (`"none"` for no value): what a what-if page shows where two timelines differ. By
    /// default the keys every policy has above.
    var parameters: PolicyParameters { get }
}

extension Policy {
    public var parameters: PolicyParameters {
        PolicyParameters([
            "allotment": .integer(allotment), "allotment_day": .text(allotmentDay.rawValue),
            "cap": cap.map { .integer($0) } ?? .text("none"), "refund_on": .text(refundOn.rawValue),
            "window_days": .integer(windowDays),
        ])
    }

    public func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar, history: AccountHistory) -> Instant? {
        expiry(ofLotCreatedAt: created, calendar: calendar)
    }
}

/// One account's month (spec §6).
public struct Statement: Sendable {
    public var account: Account
    public var month: Month
    public var start: Instant
    /// The month's end, or as_of when that comes first.
    public var end: Instant
    /// True when as_of cuts the month short.
    public var partial: Bool
    /// True when no later as-of can change it: the month is over and every send in it is
    /// `response_rate_days` old (spec §10), so only a change to the events before its end
    /// (or to the config) would.
    public var isFinal: Bool
    /// The policy in force at the period start.
    public var policy: String?
    public var opening: Int
    public var closing: Int
    public var totals: StatementTotals
    public var capped: Int
    public var messages: MessageCounts
    /// The messages counted lost in the period (`messages.lost`), by when they were lost:
    /// a window that closed unanswered, or the seat's closing (spec §4, §6).
    public var lostMessages: [SentMessage]
    /// Response rates of the month's sends (spec §10), as of the ledger's as-of.
    public var responses: ResponseCounts
    /// Lots left at `end`, in consumption order, each with its id and origin (spec §9);
    /// `Lot.mergingSameExpiry` shows those with one expiry as one.
    public var lots: [Lot]
    /// Every posting in the period, in order.
    public var entries: [Posting]
}

extension Ledger {
    /// The months an account has statements for: from the one holding its opening to the
    /// one holding the earlier of its closing and the last instant before as_of.
    public func statementMonths(of accountId: String) -> [Month] {
        guard let a = self[accountId]?.account, a.opened < asOf else { return [] }
        let last = min(a.closed ?? .distantFuture, Instant(millis: asOf.millis - 1))
        let calendar = settings.calendar
        var months: [Month] = []
        var m = calendar.month(of: a.opened)
        let lastMonth = calendar.month(of: last)
        while m <= lastMonth { months.append(m); m = m.next }
        return months
    }

    /// nil when the account is unknown or has no statement for that month.
    public func statement(of accountId: String, for month: Month) -> Statement? {
        guard let ledger = self[accountId], statementMonths(of: accountId).contains(month) else { return nil }
        let calendar = settings.calendar
        let start = calendar.startOfMonth(month), monthEnd = calendar.startOfMonth(month.next)
        let end = min(monthEnd, asOf)
        let from = ledger.firstPosting(atOrAfter: start), to = ledger.firstPosting(atOrAfter: end)
        let entries = Array(ledger.postings[from..<to])
        // Messages are in send order, and a response or loss never comes before its send.
        let sentBefore = ledger.messages[..<ledger.firstMessage(atOrAfter: end)]
        var totals = StatementTotals(), capped = 0
        for p in entries { totals.add(p); capped += p.capped }
        let lots = end == asOf ? ledger.lots : (ledger.lotsAtMonthStart[month.next] ?? [])
        return Statement(
            account: ledger.account, month: month, start: start, end: end, partial: asOf < monthEnd,
            isFinal: asOf >= monthEnd && calendar.adding(days: settings.responseRateDays, to: end) <= asOf,
            policy: settings.timeline.policy(at: start)?.name,
            opening: ledger.balance(before: start), closing: ledger.balance(before: end),
            totals: totals, capped: capped, messages: MessageCounts(sentBefore, from: start, to: end),
            lostMessages: sentBefore.filter { $0.lostAt.map { start <= $0 && $0 < end } ?? false }.sorted {
                ($0.lostAt!, $0.time) < ($1.lostAt!, $1.time)
            },
            responses: responses(of: ledger, from: start, to: end),
            lots: lots.filter { $0.amount > 0 }, entries: entries)
    }

    /// Spec §10 for one seat's sends in [start, end).
    public func responses(of account: AccountLedger, from start: Instant, to end: Instant) -> ResponseCounts {
        ResponseCounts(
            account.messages[account.firstMessage(atOrAfter: start)..<account.firstMessage(atOrAfter: end)], from: start, to: end,
            days: settings.responseRateDays, asOf: asOf, calendar: settings.calendar)
    }
}

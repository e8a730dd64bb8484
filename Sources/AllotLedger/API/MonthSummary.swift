/// One account's month as its statement (spec §6) totals it, without the postings, lots
/// and lost messages: what a seat's table of months shows.
public struct MonthSummary: Sendable, Hashable {
    public var month: Month
    /// True when as_of cuts the month short.
    public var partial: Bool
    public var opening: Int
    public var closing: Int
    public var totals: StatementTotals
    public var messages: MessageCounts
    /// Response rates of the month's sends (spec §10), as of the ledger's as-of.
    public var responses: ResponseCounts

    /// A statement's figures.
    public init(_ s: Statement) {
        self.init(
            month: s.month, partial: s.partial, opening: s.opening, closing: s.closing, totals: s.totals,
            messages: s.messages, responses: s.responses)
    }

    init(
        month: Month, partial: Bool, opening: Int, closing: Int, totals: StatementTotals, messages: MessageCounts,
        responses: ResponseCounts
    ) {
        self.month = month; self.partial = partial; self.opening = opening; self.closing = closing
        self.totals = totals; self.messages = messages; self.responses = responses
    }
}

extension Ledger {
    /// Every month of `statementMonths(of:)`, each as `statement(of:for:)` totals it, in
    /// one pass over the account's postings and sends rather than one per month.
    public func monthSummaries(of accountId: String) -> [MonthSummary] {
        let months = statementMonths(of: accountId)
        guard let ledger = self[accountId], !months.isEmpty else { return [] }
        let calendar = settings.calendar
        let starts = months.map { calendar.startOfMonth($0) }
        let ends = months.map { min(calendar.startOfMonth($0.next), asOf) }
        var counts = Array(repeating: MessageCounts(), count: months.count)
        // The month whose [start, end) holds t, when one does.
        func month(of t: Instant) -> Int? {
            let i = ends.partitionIndex { t < $0 }
            return i < months.count && starts[i] <= t ? i : nil
        }
        // A message is pending at an end e when it was sent before e and settled at or
        // after it (`SentMessage.isPending`): a run of month ends, counted by differences.
        var pending = Array(repeating: 0, count: months.count + 1)
        for m in ledger.messages {
            if let i = month(of: m.time) {
                counts[i].sent += 1
                if !m.funded { counts[i].unfunded += 1 }
            }
            if let r = m.response, let i = month(of: r.time) {
                if r.kind == .accept { counts[i].accepted += 1 } else { counts[i].declined += 1 }
            }
            if let l = m.lostAt, let i = month(of: l) { counts[i].lost += 1 }
            guard m.funded, m.refundOn != nil, var settled = m.closes else { continue }
            if let c = m.lostAtClosing { settled = min(settled, c) }
            if let r = m.response { settled = min(settled, r.time) }
            let first = ends.partitionIndex { m.time < $0 }
            let last = ends.partitionIndex { settled < $0 }
            if first < last {
                pending[first] += 1
                pending[last] -= 1
            }
        }
        var running = 0
        return months.indices.map { i in
            running += pending[i]
            counts[i].pending = running
            let from = ledger.firstPosting(atOrAfter: starts[i]), to = ledger.firstPosting(atOrAfter: ends[i])
            var totals = StatementTotals()
            for p in ledger.postings[from..<to] { totals.add(p) }
            return MonthSummary(
                month: months[i], partial: asOf < calendar.startOfMonth(months[i].next),
                opening: ledger.balance(before: starts[i]), closing: ledger.balance(before: ends[i]), totals: totals,
                messages: counts[i], responses: responses(of: ledger, from: starts[i], to: ends[i]))
        }
    }
}

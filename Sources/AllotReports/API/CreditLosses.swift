import AllotLedger

/// Credits lost for good, and why: the figures under "Credits lost" on a team page and
/// on the index. Each is a count of credits, never negative.
public struct CreditLosses: Codable, Sendable, Equatable {
    /// Credits posted as `expire`: lots that reached their expiry unused (spec §2, §3).
    public var expired = 0
    /// Credits posted as `forfeit`: what a seat held when it closed (spec §4, closing).
    public var forfeited = 0
    /// Funded sends under `refund_on = response` whose window closed with no answer in it:
    /// the sends the ledger counts as `lost` (spec §4 refunds, §6), one credit each.
    public var unanswered = 0

    public init(expired: Int = 0, forfeited: Int = 0, unanswered: Int = 0) {
        self.expired = expired; self.forfeited = forfeited; self.unanswered = unanswered
    }

    public var total: Int { expired + forfeited + unanswered }

    public static func + (a: CreditLosses, b: CreditLosses) -> CreditLosses {
        CreditLosses(expired: a.expired + b.expired, forfeited: a.forfeited + b.forfeited, unanswered: a.unanswered + b.unanswered)
    }

    enum CodingKeys: String, CodingKey { case expired, forfeited, unanswered, total }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            expired: try c.decode(Int.self, forKey: .expired), forfeited: try c.decode(Int.self, forKey: .forfeited),
            unanswered: try c.decode(Int.self, forKey: .unanswered))
    }

    /// Written with its `total`, for readers of the JSON twins.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(expired, forKey: .expired)
        try c.encode(forfeited, forKey: .forfeited)
        try c.encode(unanswered, forKey: .unanswered)
        try c.encode(total, forKey: .total)
    }
}

/// One month's losses.
public struct MonthLosses: Codable, Sendable, Equatable {
    public var month: Month
    public var losses: CreditLosses

    public init(month: Month, losses: CreditLosses) { self.month = month; self.losses = losses }
}

extension MonthLosses {
    /// The seats' losses month by month, oldest first, over their statement months and
    /// any month with a loss: expiries and forfeits in the month of their posting, an
    /// unanswered send in the month its window closed, or its seat's closing month when
    /// the closing settled it (spec §4). Only what happened before as_of.
    public static func of(_ seats: [AccountLedger], in ledger: Ledger) -> [MonthLosses] {
        let calendar = ledger.settings.calendar
        var byMonth: [Month: CreditLosses] = [:]
        for seat in seats {
            for p in seat.postings where p.kind == .expire || p.kind == .forfeit {
                let m = calendar.month(of: p.time)
                if p.kind == .expire { byMonth[m, default: CreditLosses()].expired -= p.amount }
                if p.kind == .forfeit { byMonth[m, default: CreditLosses()].forfeited -= p.amount }
            }
            for message in seat.messages {
                guard let l = message.lostAt, l < ledger.asOf else { continue }
                byMonth[calendar.month(of: l), default: CreditLosses()].unanswered += 1
            }
        }
        let months = seats.flatMap { ledger.statementMonths(of: $0.account.id) }
        return filled(byMonth, covering: months.min().map { [$0, months.max()!] } ?? [])
    }

    /// Several lines added up month by month, over every month any of them covers.
    public static func sum(_ lines: [[MonthLosses]]) -> [MonthLosses] {
        var byMonth: [Month: CreditLosses] = [:]
        for line in lines {
            for m in line { byMonth[m.month] = (byMonth[m.month] ?? CreditLosses()) + m.losses }
        }
        return filled(byMonth, covering: [])
    }

    /// Every month from the first to the last of `months` and those in `byMonth`, zero
    /// where `byMonth` has nothing.
    private static func filled(_ byMonth: [Month: CreditLosses], covering months: [Month]) -> [MonthLosses] {
        let all = Array(byMonth.keys) + months
        guard var m = all.min(), let last = all.max() else { return [] }
        var out: [MonthLosses] = []
        while m <= last {
            out.append(MonthLosses(month: m, losses: byMonth[m] ?? CreditLosses()))
            m = m.next
        }
        return out
    }
}

extension Array where Element == MonthLosses {
    /// The months added up.
    public var total: CreditLosses { reduce(CreditLosses()) { $0 + $1.losses } }
}

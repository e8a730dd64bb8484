import AllotLedger

/// What the site-wide pages need to know of one team, kept between builds so that a
/// build replays only the teams that changed: its seats' balances, its warnings, its
/// credits lost and its response rates month by month, and its figures under each
/// `[[compare]]` entry.
public struct TeamSummary: Codable, Sendable, Equatable {
    public struct Seat: Codable, Sendable, Equatable {
        public var id, name: String
        public var balance: Int
        /// Credits expiring within the warning horizon.
        public var expiringSoon: Int
        public var closed: Bool
    }

    /// The team under one comparison: month by month and in total.
    public struct ComparisonLine: Codable, Sendable, Equatable {
        public struct MonthPair: Codable, Sendable, Equatable {
            public var month: Month
            public var pair: Comparison.Pair
        }

        public var name: String
        public var months: [MonthPair]
        public var total: Comparison.Pair
    }

    public var id: String
    /// By account id (UTF-8 order).
    public var seats: [Seat]
    /// Seats with something expiring or an answer window closing within the horizon.
    public var warnedSeats: Int
    public var expiringTotal, pendingTotal: Int
    /// The soonest expiry or window closing among the warnings.
    public var soonest: Instant?
    public var comparisons: [ComparisonLine]
    /// Credits lost month by month, oldest first, over the team's statement months.
    public var losses: [MonthLosses]
    /// Credits projected to expire within the horizon at the seats' pace, and how many the
    /// suggested shares would save (0 and 0 without a forecast).
    public var projectedExpiry = 0, saved = 0
    /// Response rates (spec §10) of all the seats' sends: the sums of the seats' own.
    public var responses = ResponseCounts()
    /// Response rates month by month, oldest first, over the team's statement months.
    public var responseMonths: [MonthResponses] = []

    public var balance: Int { seats.reduce(0) { $0 + $1.balance } }
    public var expiringSoon: Int { seats.reduce(0) { $0 + $1.expiringSoon } }

    /// The summary of the one team whose ledger `context` holds.
    public init(team: String, _ context: ReportContext) {
        id = team
        let expiring = Dictionary(context.warnings.map { ($0.account.id, $0.expiringTotal) }, uniquingKeysWith: +)
        let members = context.ledger.accounts.filter { $0.account.team == team }
        seats = members.map { a in
            Seat(
                id: a.account.id, name: a.account.name, balance: a.balance, expiringSoon: expiring[a.account.id] ?? 0,
                closed: a.account.closed.map { $0 < context.ledger.asOf } ?? false)
        }
        let warnings = context.warnings.filter { $0.account.team == team }
        warnedSeats = warnings.count
        expiringTotal = warnings.reduce(0) { $0 + $1.expiringTotal }
        pendingTotal = warnings.reduce(0) { $0 + $1.pendingTotal }
        soonest = warnings.map(\.mostUrgent).min()
        losses = MonthLosses.of(members, in: context.ledger)
        responses = members.reduce(ResponseCounts()) {
            $0 + context.ledger.responses(of: $1, from: $1.account.opened, to: context.ledger.asOf)
        }
        responseMonths = MonthResponses.of(members, in: context.ledger)
        projectedExpiry = context.forecasts[team]?.expiryWithout ?? 0
        saved = context.forecasts[team]?.saved ?? 0
        comparisons = context.comparisons.compactMap { x in
            x.team(team).map { line in
                ComparisonLine(
                    name: x.name, months: line.months.map { ComparisonLine.MonthPair(month: $0.month, pair: $0.pair) }, total: line.total)
            }
        }
    }
}

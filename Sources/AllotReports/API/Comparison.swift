import AllotLedger

/// The same events replayed under two policy timelines, side by side: per account, team
/// and month, what was granted, refunded, expired, lost and sent unfunded, and the
/// closing balance. Pure: built from two ledgers.
public struct Comparison: Sendable {
    public let name: String
    public let base: Ledger
    public let alternative: Ledger
    /// Every account (UTF-8 order of ids), team, and the whole ledger.
    public let accounts: [Line]
    public let teams: [Line]
    public let all: Line

    /// What one replay shows for a period. `expired` counts credits (positive); `lost`
    /// and `unfunded` count messages, each of which cost or would have cost a credit.
    public struct Figures: Sendable, Hashable, Codable {
        public var granted = 0, refunded = 0, expired = 0, lost = 0, unfunded = 0, closing = 0

        public init(granted: Int = 0, refunded: Int = 0, expired: Int = 0, lost: Int = 0, unfunded: Int = 0, closing: Int = 0) {
            self.granted = granted; self.refunded = refunded; self.expired = expired
            self.lost = lost; self.unfunded = unfunded; self.closing = closing
        }

        init(_ s: Statement) {
            granted = s.totals.allotment + s.totals.bonus + s.totals.grant
            refunded = s.totals.refund
            expired = -s.totals.expire
            lost = s.messages.lost
            unfunded = s.messages.unfunded
            closing = s.closing
        }

        /// Flows add up; closing balances of different accounts add up too.
        static func + (a: Figures, b: Figures) -> Figures {
            Figures(
                granted: a.granted + b.granted, refunded: a.refunded + b.refunded, expired: a.expired + b.expired,
                lost: a.lost + b.lost, unfunded: a.unfunded + b.unfunded, closing: a.closing + b.closing)
        }

        /// The flows of `a` then `b`, closing as `b` left it.
        func then(_ b: Figures) -> Figures {
            var sum = self + b
            sum.closing = b.closing
            return sum
        }

        /// In the order granted, refunded, expired, lost, unfunded, closing.
        public var values: [Int] { [granted, refunded, expired, lost, unfunded, closing] }
    }

    /// One period under both timelines.
    public struct Pair: Sendable, Hashable, Codable {
        public var base: Figures
        public var alternative: Figures
        public var difference: Figures {
            let (a, b) = (alternative.values, base.values)
            return Figures(
                granted: a[0] - b[0], refunded: a[1] - b[1], expired: a[2] - b[2], lost: a[3] - b[3],
                unfunded: a[4] - b[4], closing: a[5] - b[5])
        }
        public var isZero: Bool { base == alternative }
    }

    /// An account, a team or everything: month by month, and over the whole ledger.
    public struct Line: Sendable {
        public var id: String
        public var name: String
        public var team: String?
        public var months: [(month: Month, pair: Pair)]
        public var total: Pair
    }

    public init(name: String, base: Ledger, alternative: Ledger) {
        self.name = name
        self.base = base
        self.alternative = alternative
        let accounts = base.accounts.map(\.account).sorted { UTF8Order.precedes($0.id, $1.id) }
        let lines = accounts.map { a in
            let months = Set(base.statementMonths(of: a.id) + alternative.statementMonths(of: a.id)).sorted()
            var carried = Pair(base: Figures(), alternative: Figures())
            let rows = months.map { m -> (month: Month, pair: Pair) in
                let b = base.statement(of: a.id, for: m).map(Figures.init) ?? Figures(closing: carried.base.closing)
                let x = alternative.statement(of: a.id, for: m).map(Figures.init) ?? Figures(closing: carried.alternative.closing)
                carried = Pair(base: b, alternative: x)
                return (m, carried)
            }
            return Line(id: a.id, name: a.name, team: a.team, months: rows, total: Self.total(rows))
        }
        self.accounts = lines
        var byTeam: [String: [Line]] = [:]
        for l in lines { byTeam[l.team ?? "", default: []].append(l) }
        self.teams = byTeam.keys.sorted(by: UTF8Order.precedes).map { Self.sum(byTeam[$0]!, id: $0, name: $0) }
        self.all = Self.sum(lines, id: "", name: "All seats")
    }

    /// The line of an account or a team by id.
    public func account(_ id: String) -> Line? { accounts.first { $0.id == id } }
    public func team(_ id: String) -> Line? { teams.first { $0.id == id } }

    /// Lines added month by month. A line with no statement in a month (closed, not yet
    /// open) adds nothing to that month's flows, nor its closing balance.
    static func sum(_ lines: [Line], id: String, name: String) -> Line {
        var byMonth: [Month: Pair] = [:]
        for l in lines {
            for (m, p) in l.months {
                let sofar = byMonth[m] ?? Pair(base: Figures(), alternative: Figures())
                byMonth[m] = Pair(base: sofar.base + p.base, alternative: sofar.alternative + p.alternative)
            }
        }
        let rows = byMonth.keys.sorted().map { (month: $0, pair: byMonth[$0]!) }
        var total = Pair(base: Figures(), alternative: Figures())
        for l in lines {
            total = Pair(base: total.base + l.total.base, alternative: total.alternative + l.total.alternative)
        }
        return Line(id: id, name: name, team: nil, months: rows, total: total)
    }

    static func total(_ rows: [(month: Month, pair: Pair)]) -> Pair {
        rows.reduce(Pair(base: Figures(), alternative: Figures())) {
            Pair(base: $0.base.then($1.pair.base), alternative: $0.alternative.then($1.pair.alternative))
        }
    }
}

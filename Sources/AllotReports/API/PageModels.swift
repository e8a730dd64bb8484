import AllotLedger

/// `index.json`: every team in a line; the seats are on the team pages.
public struct IndexModel: PageModel {
    public struct TeamLine: Codable, Sendable, Equatable {
        public var id, slug: String
        public var seats, balance: Int
        /// Credits expiring within the warning horizon.
        public var expiringSoon: Int
        /// Seats with something expiring or an answer window closing within the horizon.
        public var warnedSeats: Int
    }

    /// A `[[compare]]` entry and where its pages are.
    public struct ComparisonLine: Codable, Sendable, Equatable {
        public var name, slug: String
    }

    public var kind = "index"
    public var title: String
    public var asOf: String
    public var seats, balance: Int
    public var teams: [TeamLine]
    public var comparisons: [ComparisonLine]
}

/// One month's numbers on an account page.
public struct MonthLine: Codable, Sendable, Equatable {
    public var month: String
    public var partial: Bool
    public var opening, closing: Int
    public var allotment, bonus, grant, adjust, refund, shareIn, shareOut, send, expire, forfeit: Int
    public var messages: StatementDocument.Messages
}

/// `accounts/<slug>/index.json`.
public struct AccountModel: PageModel {
    public var kind = "account"
    public var account, name, team, slug: String
    public var opened: String
    public var closed: String?
    public var balance: Int
    public var lots: [StatementDocument.LotLine]
    public var months: [MonthLine]

    enum CodingKeys: String, CodingKey { case kind, account, name, team, slug, opened, closed, balance, lots, months }

    /// `closed` is written as null for open seats.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(account, forKey: .account)
        try c.encode(name, forKey: .name)
        try c.encode(team, forKey: .team)
        try c.encode(slug, forKey: .slug)
        try c.encode(opened, forKey: .opened)
        try c.encode(closed, forKey: .closed)
        try c.encode(balance, forKey: .balance)
        try c.encode(lots, forKey: .lots)
        try c.encode(months, forKey: .months)
    }
}

/// `warnings/index.json`: every team with warnings, most urgent first.
public struct WarningsOverviewModel: PageModel {
    public struct TeamWarnings: Codable, Sendable, Equatable {
        public var team, slug: String
        public var warnedSeats, expiringTotal, pendingTotal: Int
        /// The soonest expiry or window closing in the team.
        public var soonest: String?
    }

    public var kind = "warnings-overview"
    public var asOf: String
    public var horizonDays: Int
    public var teams: [TeamWarnings]
}

/// `teams/<slug>/warnings.json`: one team's warnings, seat by seat.
public struct WarningsModel: PageModel {
    public struct Pending: Codable, Sendable, Equatable {
        public var message: String
        public var closes: String
    }

    public struct AccountWarning: Codable, Sendable, Equatable {
        public var account, slug: String
        public var expiring: [StatementDocument.LotLine]
        public var expiringTotal: Int
        public var pending: [Pending]
        public var pendingTotal: Int
    }

    public var kind = "warnings"
    public var team: String
    public var asOf: String
    public var horizonDays: Int
    public var accounts: [AccountWarning]
}

/// `teams/<slug>/index.json`.
public struct TeamModel: PageModel {
    public struct Member: Codable, Sendable, Equatable {
        public var account, name, slug: String
        public var balance: Int
    }

    public struct Share: Codable, Sendable, Equatable {
        public var time, from, to: String
        public var amount: Int
        public var ref: String
        /// The credits as they moved, with the expiries they kept.
        public var moved: [StatementDocument.LotLine]
    }

    /// Credits a member gave and received through shares in one month.
    public struct Flow: Codable, Sendable, Equatable {
        public var month, account: String
        public var given, received: Int
    }

    public var kind = "team"
    public var team, slug: String
    public var members: [Member]
    public var shares: [Share]
    public var flows: [Flow]
}

extension StatementDocument: PageModel {}

import AllotLedger

/// `index.json`: every team in a line; the seats are on the team pages.
package struct IndexModel: PageModel {
    package struct TeamLine: Codable, Sendable, Equatable {
        /// `name` is the config's display name, or the id.
        package var id, name, slug: String
        package var seats, balance: Int
        /// Credits expiring within the warning horizon.
        package var expiringSoon: Int
        /// Seats with something expiring or an answer window closing within the horizon.
        package var warnedSeats: Int
        /// Credits the team lost, over all its months.
        package var lost = CreditLosses()
        /// Response rates of all the team's sends: the sums of its seats' (spec §10).
        package var responses = ResponsesLine(ResponseCounts())
    }

    /// A `[[compare]]` entry and where its pages are.
    package struct ComparisonLine: Codable, Sendable, Equatable {
        package var name, slug: String
    }

    package var kind = "index"
    package var title: String
    package var asOf: String
    package var seats, balance: Int
    package var teams: [TeamLine]
    package var comparisons: [ComparisonLine]
    /// Credits lost by all teams month by month, oldest first, and in total.
    package var losses: [LossLine] = []
    package var lost = CreditLosses()
    /// Response rates of every seat's sends (the sums of the teams'), and month by month,
    /// oldest first (each month the sum of the teams' months).
    package var responses = ResponsesLine(ResponseCounts())
    package var responseMonths: [ResponseMonthLine] = []
}

/// One month's numbers on an account page.
package struct MonthLine: Codable, Sendable, Equatable {
    package var month: String
    package var partial: Bool
    package var opening, closing: Int
    package var allotment, bonus, grant, adjust, refund, shareIn, shareOut, send, expire, forfeit: Int
    package var messages: StatementDocument.Messages
    /// The month's sends' response rates (spec §10).
    package var responses: ResponsesLine
}

/// Response rates over one policy's time in force (spec §10): the comparison the 2015
/// switch invites.
package struct PolicyResponses: Codable, Sendable, Equatable {
    package var policy: String
    package var from: String
    package var responses: ResponsesLine
}

/// `accounts/<slug>/index.json`.
package struct AccountModel: PageModel {
    package var kind = "account"
    package var account, name, team, slug: String
    package var opened: String
    package var closed: String?
    package var balance: Int
    package var lots: [StatementDocument.LotLine]
    package var months: [MonthLine]
    /// Response rates of all the seat's sends, and over each policy's time in force.
    package var responses: ResponsesLine
    package var policyResponses: [PolicyResponses]
    /// The seat at its pace over the warning horizon; null for a seat not open at as-of.
    package var forecast: SeatForecastLine?
    /// Where the seat's credits came from and how they ended (spec §9).
    package var whereCreditsWent: [OutcomeLine]
    /// The seat's messages still waiting at as-of, by when their windows close.
    package var waiting: [WaitingLine]

    /// One origin's credits and how they ended: `CreditOutcomes.Row`.
    package struct OutcomeLine: Codable, Sendable, Equatable {
        package var origin: String
        package var brought, sent, sharedOut, adjusted, expired, forfeited, held: Int

        package init(_ r: CreditOutcomes.Row) {
            origin = r.origin; brought = r.brought; sent = r.sent; sharedOut = r.sharedOut; adjusted = r.adjusted
            expired = r.expired; forfeited = r.forfeited; held = r.held
        }
    }

    /// A message still waiting: when its credit comes back (spec §4). `refundOn` is
    /// `response` (an answer by `closes` brings it back) or `no-response` (it comes back at
    /// `closes` unless answered first).
    package struct WaitingLine: Codable, Sendable, Equatable {
        package var message, event, sent, closes, refundOn: String
    }

    enum CodingKeys: String, CodingKey {
        case kind, account, name, team, slug, opened, closed, balance, lots, months, responses, policyResponses, forecast
        case whereCreditsWent, waiting
    }

    /// `closed` is written as null for open seats.
    package func encode(to encoder: Encoder) throws {
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
        try c.encode(responses, forKey: .responses)
        try c.encode(policyResponses, forKey: .policyResponses)
        try c.encode(forecast, forKey: .forecast)
        try c.encode(whereCreditsWent, forKey: .whereCreditsWent)
        try c.encode(waiting, forKey: .waiting)
    }
}

/// `warnings/index.json`: every team with warnings, most urgent first.
package struct WarningsOverviewModel: PageModel {
    package struct TeamWarnings: Codable, Sendable, Equatable {
        package var team, slug: String
        package var warnedSeats, expiringTotal, pendingTotal: Int
        /// The soonest expiry or window closing in the team.
        package var soonest: String?
    }

    package var kind = "warnings-overview"
    package var asOf: String
    package var horizonDays: Int
    package var teams: [TeamWarnings]
    /// Over every team: credits projected to expire within the horizon at the seats' pace,
    /// and how many of them the suggested shares would save.
    package var projectedExpiry = 0, saved = 0
}

/// `teams/<slug>/warnings.json`: one team's warnings, seat by seat.
package struct WarningsModel: PageModel {
    package struct Pending: Codable, Sendable, Equatable {
        package var message: String
        package var closes: String
    }

    package struct AccountWarning: Codable, Sendable, Equatable {
        package var account, slug: String
        package var expiring: [StatementDocument.LotLine]
        package var expiringTotal: Int
        package var pending: [Pending]
        package var pendingTotal: Int
    }

    package var kind = "warnings"
    package var team: String
    package var asOf: String
    package var horizonDays: Int
    package var accounts: [AccountWarning]
}

/// `teams/<slug>/index.json`.
package struct TeamModel: PageModel {
    package struct Member: Codable, Sendable, Equatable {
        package var account, name, slug: String
        package var balance: Int
    }

    package struct Share: Codable, Sendable, Equatable {
        package var time, from, to: String
        package var amount: Int
        package var ref: String
        /// The credits as they moved, with the expiries they kept.
        package var moved: [StatementDocument.LotLine]
    }

    /// Credits a member gave and received through shares in one month.
    package struct Flow: Codable, Sendable, Equatable {
        package var month, account: String
        package var given, received: Int
    }

    package var kind = "team"
    /// `name` is the config's display name, or `Team <id>`.
    package var team, name, slug: String
    package var members: [Member]
    package var shares: [Share]
    package var flows: [Flow]
    /// Credits lost month by month, oldest first, and in total.
    package var losses: [LossLine] = []
    package var lost = CreditLosses()
    /// Shares refused because the giver's balance was short: nothing moved.
    package var rejectedShares: [RejectedShare] = []
    /// Response rates of all the members' sends (the sums of their own, spec §10), and
    /// month by month from the team's first statement month to its last.
    package var responses = ResponsesLine(ResponseCounts())
    package var responseMonths: [ResponseMonthLine] = []
    /// The seats at their pace over the warning horizon, and the suggested shares.
    package var forecast: TeamForecastModel?
}

extension StatementDocument: PageModel {}

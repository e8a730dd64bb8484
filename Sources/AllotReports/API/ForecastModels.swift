import AllotLedger

/// A seat's forecast in a JSON twin (`TeamModel.forecast`, `AccountModel.forecast`).
package struct SeatForecastLine: Codable, Sendable, Equatable {
    package var account: String
    /// The pace is `recentSends / paceDays` sends a day.
    package var recentSends, paceDays: Int
    package var projectedExpiry: Int
    package var firstExpiry, lastExpiry: String?
    package var shortfall: Int
    package var firstShort: String?

    package init(_ s: SeatForecast) {
        account = s.account; recentSends = s.recentSends; paceDays = s.paceDays; projectedExpiry = s.projectedExpiry
        firstExpiry = s.firstExpiry?.iso8601; lastExpiry = s.lastExpiry?.iso8601; shortfall = s.shortfall
        firstShort = s.firstShort?.iso8601
    }

    enum CodingKeys: String, CodingKey {
        case account, recentSends, paceDays, projectedExpiry, firstExpiry, lastExpiry, shortfall, firstShort
    }

    /// Absent instants are written as null.
    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(account, forKey: .account)
        try c.encode(recentSends, forKey: .recentSends)
        try c.encode(paceDays, forKey: .paceDays)
        try c.encode(projectedExpiry, forKey: .projectedExpiry)
        try c.encode(firstExpiry, forKey: .firstExpiry)
        try c.encode(lastExpiry, forKey: .lastExpiry)
        try c.encode(shortfall, forKey: .shortfall)
        try c.encode(firstShort, forKey: .firstShort)
    }
}

/// A team's forecast and suggested shares in its JSON twin (`TeamModel.forecast`).
package struct TeamForecastModel: Encodable, Sendable, Equatable {
    package var horizonEnd: String
    package var seats: [SeatForecastLine]
    package var shares: [SuggestModel.Share]
    package var projectedExpiry: SuggestModel.Expiry
    package var saved: Int

    package init(_ f: TeamForecast) {
        horizonEnd = f.horizonEnd.iso8601
        seats = f.seats.map(SeatForecastLine.init)
        shares = f.shares.map { SuggestModel.Share(from: $0.from, to: $0.to, amount: $0.amount, expiring: $0.expiring.iso8601) }
        projectedExpiry = SuggestModel.Expiry(without: f.expiryWithout, with: f.expiryWith)
        saved = f.saved
    }
}

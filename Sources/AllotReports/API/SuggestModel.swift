import AllotLedger

/// What `allot suggest --json` prints: each team's suggested shares and the credits they
/// would save (`schema/suggest.schema.json`).
public struct SuggestModel: Encodable, Sendable, Equatable {
    public struct Share: Encodable, Sendable, Equatable {
        public var from, to: String
        public var amount: Int
        /// ISO 8601 in UTC: when the first of the credits moved would expire.
        public var expiring: String
    }

    public struct Expiry: Encodable, Sendable, Equatable {
        public var without, with: Int
    }

    public struct Team: Encodable, Sendable, Equatable {
        public var team: String
        public var shares: [Share]
        public var projectedExpiry: Expiry
        public var saved: Int
    }

    public var asOf: String
    public var teams: [Team]

    public init(asOf: Instant, forecasts: [TeamForecast]) {
        self.asOf = asOf.iso8601
        teams = forecasts.map { f in
            Team(
                team: f.team,
                shares: f.shares.map { Share(from: $0.from, to: $0.to, amount: $0.amount, expiring: $0.expiring.iso8601) },
                projectedExpiry: Expiry(without: f.expiryWithout, with: f.expiryWith), saved: f.saved)
        }
    }
}

/// One seat over the warning horizon at its recent pace: what it would lose and when it
/// would run short, if nothing changes.
public struct SeatForecast: Sendable, Equatable {
    public var account: String
    /// Sends in the pace window (the 28 days before as-of, or since the seat opened) and
    /// the whole days of that window: the pace is `recentSends / paceDays` a day.
    public var recentSends, paceDays: Int
    /// Credits of lots that expire within the horizon before the projected sends reach them.
    public var projectedExpiry: Int
    /// When the first and the last of those credits expire.
    public var firstExpiry, lastExpiry: Instant?
    /// Projected sends within the horizon the seat could not pay for.
    public var shortfall: Int
    /// The first of those sends.
    public var firstShort: Instant?

    public init(
        account: String, recentSends: Int, paceDays: Int, projectedExpiry: Int = 0, firstExpiry: Instant? = nil,
        lastExpiry: Instant? = nil, shortfall: Int = 0, firstShort: Instant? = nil
    ) {
        self.account = account; self.recentSends = recentSends; self.paceDays = paceDays
        self.projectedExpiry = projectedExpiry; self.firstExpiry = firstExpiry; self.lastExpiry = lastExpiry
        self.shortfall = shortfall; self.firstShort = firstShort
    }

    /// Sends a day, fractional.
    public var pace: Double { Double(recentSends) / Double(paceDays) }
}

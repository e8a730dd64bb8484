/// A share the forecast suggests, dated at as-of: `amount` credits from `from` to `to`,
/// taken from the giver's earliest-expiring lots, the first of which expires at `expiring`.
public struct SuggestedShare: Sendable, Equatable {
    public var from, to: String
    public var amount: Int
    public var expiring: Instant

    public init(from: String, to: String, amount: Int, expiring: Instant) {
        self.from = from; self.to = to; self.amount = amount; self.expiring = expiring
    }
}

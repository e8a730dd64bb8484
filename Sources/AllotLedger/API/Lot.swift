/// Credits that share one expiry: what an account holds (spec §2).
public struct Lot: Sendable, Hashable {
    public var amount: Int
    /// nil: never expires.
    public var expires: Instant?
    /// Creation order within the account; breaks ties in consumption order.
    public var sequence: Int

    public init(amount: Int, expires: Instant?, sequence: Int) {
        self.amount = amount; self.expires = expires; self.sequence = sequence
    }

    /// Spec §2: earliest expiry first, no expiry last, then older first.
    public static func consumedBefore(_ a: Lot, _ b: Lot) -> Bool {
        let ea = a.expires ?? .distantFuture, eb = b.expires ?? .distantFuture
        return ea != eb ? ea < eb : a.sequence < b.sequence
    }
}

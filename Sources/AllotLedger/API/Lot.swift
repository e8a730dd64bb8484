/// Credits that share one expiry: what an account holds (spec §2).
public struct Lot: Sendable, Hashable {
    public var amount: Int
    /// nil: never expires.
    public var expires: Instant?
    /// Creation order within the account; breaks ties in consumption order.
    public var sequence: Int
    /// Where its credits came from (spec §9); nil for a lot made outside a replay, such
    /// as several merged for display.
    public var origin: LotOrigin?

    public init(amount: Int, expires: Instant?, sequence: Int, origin: LotOrigin? = nil) {
        self.amount = amount; self.expires = expires; self.sequence = sequence; self.origin = origin
    }

    /// Spec §9's id, unique within the account: `L1`, `L2`, … in creation order.
    public var id: String { "L\(sequence + 1)" }

    /// Spec §2: earliest expiry first, no expiry last, then older first.
    public static func consumedBefore(_ a: Lot, _ b: Lot) -> Bool {
        let ea = a.expires ?? .distantFuture, eb = b.expires ?? .distantFuture
        return ea != eb ? ea < eb : a.sequence < b.sequence
    }

    /// Adjacent lots (in consumption order) with the same expiry as one: how statements
    /// and warnings show them. Each keeps the sequence number of its oldest part.
    public static func mergingSameExpiry(_ lots: [Lot]) -> [Lot] {
        var out: [Lot] = []
        for lot in lots {
            if let last = out.last, last.expires == lot.expires {
                out[out.count - 1].amount += lot.amount
                if last.origin != lot.origin { out[out.count - 1].origin = nil }
            } else {
                out.append(lot)
            }
        }
        return out
    }
}

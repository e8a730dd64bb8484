/// One change to an account's balance, as a statement lists it.
public struct Posting: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case allotment, bonus, grant, adjust, refund, shareIn, shareOut, send, expire, forfeit
        /// A send made with no credit at all: recorded, never debited, never refunded.
        case unfunded
    }

    public var time: Instant
    public var kind: Kind
    /// Signed: credits in are positive, credits out negative.
    public var amount: Int
    /// The account's balance right after this posting.
    public var balance: Int
    /// Allotments and bonuses only: credits not granted because of the cap.
    public var capped: Int
    /// The id of the event it came from; for refunds, the send's. nil for allotments,
    /// bonuses, expiries and forfeits.
    public var ref: String?
    /// The event's note (grants, adjustments, shares), or the bonus's.
    public var note: String?
    /// Spec §9: the lots it created (credits in) or took from, in consumption order
    /// (credits out); the amounts add up to the posting's size.
    public var lots: [LotDraw]

    public init(
        time: Instant, kind: Kind, amount: Int, balance: Int, capped: Int = 0, ref: String? = nil, note: String? = nil,
        lots: [LotDraw] = []
    ) {
        self.time = time; self.kind = kind; self.amount = amount; self.balance = balance
        self.capped = capped; self.ref = ref; self.note = note; self.lots = lots
    }
}

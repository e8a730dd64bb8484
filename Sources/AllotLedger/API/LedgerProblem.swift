/// Something the replay refused or noticed, with the event that caused it.
public struct LedgerProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A share larger than the giver's balance: nothing moved.
        case rejectedShare = "rejected share"
        /// A negative adjustment larger than the balance: nothing moved.
        case rejectedAdjust = "rejected adjustment"
        /// A send with no credit at all: not debited, never refunded.
        case unfundedSend = "unfunded send"
        /// A second response to a message: ignored.
        case duplicateResponse = "duplicate response"
    }

    public var kind: Kind
    public var eventId: String
    public var time: Instant
    public var account: String
    public var detail: String
    /// Rejected shares: the seat the credits were asked for.
    public var to: String? = nil
    /// Rejected shares and adjustments: the credits asked for.
    public var amount: Int? = nil
    /// Rejected shares and adjustments: the balance at the event, which was short of `amount`.
    public var balance: Int? = nil

    public var description: String { "\(time.iso8601) \(kind.rawValue) \(eventId) (\(account)): \(detail)" }

    /// Rejected shares and adjustments change what the ledger holds; the others are notices.
    public var isRejection: Bool { kind == .rejectedShare || kind == .rejectedAdjust }
}

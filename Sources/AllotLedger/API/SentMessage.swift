/// A send and what became of it.
public struct SentMessage: Sendable, Hashable {
    public struct Response: Sendable, Hashable {
        public var time: Instant
        public var kind: LedgerEvent.Kind
        public var eventId: String
    }

    public var eventId: String
    public var message: String
    public var time: Instant
    /// False when the account had no credit: nothing was debited.
    public var funded: Bool
    /// The rule of the policy in force at the send; nil when none was.
    public var refundOn: RefundOn?
    /// The end of the response window or guarantee period (`w` or `g` in spec §4).
    public var closes: Instant?
    /// The first response, if any came before as_of.
    public var response: Response?
    /// When the credit came back, if it did before as_of.
    public var refunded: Instant?

    /// True when the window closed with no response in it (refund_on = response).
    public var isLost: Bool {
        guard funded, refundOn == .response, let w = closes else { return false }
        return !(response.map { $0.time <= w } ?? false)
    }

    /// True when the outcome is still open at `t` (spec §6, `pending`).
    public func isPending(at t: Instant) -> Bool {
        guard funded, refundOn != nil, let w = closes, time < t, w >= t else { return false }
        return !(response.map { $0.time < t } ?? false)
    }
}

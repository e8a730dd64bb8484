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
    /// The seat's closing, when it settled the message still open then (spec §4, *lost at
    /// closing*): its credit can never come back.
    public var lostAtClosing: Instant?

    /// True when the window closed with no response in it (refund_on = response), or the
    /// seat's closing settled it (spec §4).
    public var isLost: Bool { lostAt != nil }

    /// When the message was counted lost (spec §6): at the seat's closing when that
    /// settled it, else at the end of a window that closed with no response in it
    /// (refund_on = response); nil when it was not lost.
    public var lostAt: Instant? {
        if let lostAtClosing { return lostAtClosing }
        guard funded, refundOn == .response, let w = closes else { return nil }
        return response.map { $0.time <= w } ?? false ? nil : w
    }

    /// True when the outcome is still open at `t` (spec §6, `pending`): never after a
    /// closing settled it.
    public func isPending(at t: Instant) -> Bool {
        guard funded, refundOn != nil, let w = closes, time < t, w >= t else { return false }
        if let c = lostAtClosing, c < t { return false }
        return !(response.map { $0.time < t } ?? false)
    }
}

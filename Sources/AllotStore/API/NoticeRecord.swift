import AllotLedger

/// A notice that reached its delivery: which seat, for which as-of, what it said
/// (a hash of the message) and when it went.
public struct NoticeRecord: Sendable, Equatable {
    public var account: String
    public var asOf: Instant
    public var contentHash: String
    public var deliveredAt: Instant

    public init(account: String, asOf: Instant, contentHash: String, deliveredAt: Instant) {
        self.account = account; self.asOf = asOf; self.contentHash = contentHash; self.deliveredAt = deliveredAt
    }
}

import AllotLedger

/// A notice that reached its delivery: which seat, for which as-of, what it said
/// (a hash of the message), when it went, through which channel and from which host and
/// process (nil for notices logged before the store recorded them).
public struct NoticeRecord: Sendable, Equatable {
    public var account: String
    public var asOf: Instant
    public var contentHash: String
    public var deliveredAt: Instant
    public var channel: NoticeChannel?
    public var host: String?
    public var pid: Int32?

    public init(
        account: String, asOf: Instant, contentHash: String, deliveredAt: Instant, channel: NoticeChannel? = nil, host: String? = nil,
        pid: Int32? = nil
    ) {
        self.account = account; self.asOf = asOf; self.contentHash = contentHash; self.deliveredAt = deliveredAt
        self.channel = channel; self.host = host; self.pid = pid
    }
}

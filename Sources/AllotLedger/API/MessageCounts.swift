/// What happened to an account's messages in a period (spec §6, `messages`).
public struct MessageCounts: Sendable, Hashable {
    public var sent = 0, unfunded = 0, accepted = 0, declined = 0, lost = 0, pending = 0

    public init() {}

    /// Counts for the period [start, end) from an account's sends.
    public init(_ messages: [SentMessage], from start: Instant, to end: Instant) {
        for m in messages {
            if start <= m.time && m.time < end {
                sent += 1
                if !m.funded { unfunded += 1 }
            }
            if let r = m.response, start <= r.time && r.time < end {
                if r.kind == .accept { accepted += 1 } else { declined += 1 }
            }
            if m.isLost, let w = m.closes, start <= w && w < end { lost += 1 }
            if m.isPending(at: end) { pending += 1 }
        }
    }
}

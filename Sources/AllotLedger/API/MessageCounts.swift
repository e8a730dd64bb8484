/// What happened to an account's messages in a period (spec §6, `messages`).
public struct MessageCounts: Sendable, Hashable {
    public var sent = 0, unfunded = 0, accepted = 0, declined = 0, lost = 0, pending = 0

    public init() {}

    /// Counts for the period [start, end) from an account's sends.
    public init(_ messages: [SentMessage], from start: Instant, to end: Instant) {
        self.init(messages[...], from: start, to: end)
    }

    /// Counts for the period [start, end) from some of an account's sends: all of them made
    /// before `end` give every count (a response, a loss and a wait come after their send).
    public init(_ messages: ArraySlice<SentMessage>, from start: Instant, to end: Instant) {
        // Through the buffer: each message is read in place, not copied with its strings.
        messages.withUnsafeBufferPointer { buffer in
            for i in buffer.indices {
                if start <= buffer[i].time && buffer[i].time < end {
                    sent += 1
                    if !buffer[i].funded { unfunded += 1 }
                }
                if let r = buffer[i].response, start <= r.time && r.time < end {
                    if r.kind == .accept { accepted += 1 } else { declined += 1 }
                }
                if let l = buffer[i].lostAt, start <= l && l < end { lost += 1 }
                if buffer[i].isPending(at: end) { pending += 1 }
            }
        }
    }
}

/// The policies of a ledger in the order they took over (spec §3).
public struct PolicyTimeline: Sendable {
    public struct Entry: Sendable {
        public var from: Instant
        public var policy: any Policy

        public init(from: Instant, policy: any Policy) { self.from = from; self.policy = policy }
    }

    /// Sorted by `from`, strictly increasing.
    public let entries: [Entry]

    /// nil when two entries start at the same instant or are out of order.
    public init?(_ entries: [Entry]) {
        for (a, b) in zip(entries, entries.dropFirst()) where !(a.from < b.from) { return nil }
        self.entries = entries
    }

    /// The last entry with `from <= t`; nil before the first.
    public func entry(at t: Instant) -> Entry? { index(at: t).map { entries[$0] } }

    public func policy(at t: Instant) -> (any Policy)? { index(at: t).map { entries[$0].policy } }

    private func index(at t: Instant) -> Int? {
        let after = entries.partitionIndex { t < $0.from }
        return after == 0 ? nil : after - 1
    }
}

/// One account after replay: every posting, every send, and its lots at each month end.
public struct AccountLedger: Sendable {
    public var account: Account
    /// In posting order.
    public var postings: [Posting]
    /// In send order.
    public var messages: [SentMessage]
    /// Lots left at as_of, in consumption order.
    public var lots: [Lot]
    /// Lots left at the start of each month (the end of the one before), in consumption order.
    var lotsAtMonthStart: [Month: [Lot]]
    /// The origin of every lot the account ever held, by sequence number (spec §9).
    let origins: [LotOrigin]

    /// Where the lot with this id (`L3`) came from; nil for an id the account never had.
    public func origin(ofLot id: String) -> LotOrigin? {
        guard id.first == "L", let n = Int(id.dropFirst()), n >= 1, n <= origins.count else { return nil }
        return origins[n - 1]
    }

    /// Balance after every posting before `t`.
    public func balance(before t: Instant) -> Int {
        let i = firstPosting(atOrAfter: t)
        return i == 0 ? 0 : postings[i - 1].balance
    }

    public var balance: Int { postings.last?.balance ?? 0 }

    /// Index of the first message sent at or after `t`.
    func firstMessage(atOrAfter t: Instant) -> Int { messages.partitionIndex { !($0.time < t) } }

    /// Index of the first posting at or after `t`.
    func firstPosting(atOrAfter t: Instant) -> Int { postings.partitionIndex { !($0.time < t) } }
}

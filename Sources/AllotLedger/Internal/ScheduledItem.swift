/// The order of postings at one instant (spec §5). Allotments and bonuses share a
/// class in the spec; allotments come first.
enum PostingClass: UInt8, Comparable {
    case expiry = 1, closing, policySwitch, allotment, bonus, grantOrAdjust, refund, share, send

    static func < (a: PostingClass, b: PostingClass) -> Bool { a.rawValue < b.rawValue }

    init(_ kind: LedgerEvent.Kind) {
        switch kind {
        case .grant, .adjust: self = .grantOrAdjust
        case .share: self = .share
        case .send, .accept, .decline: self = .send
        }
    }
}

/// What the replay does at an instant, besides the events themselves.
enum ScheduledAction {
    case expire(account: Int, lot: Int)
    case close(account: Int)
    case policySwitch(entry: Int)
    case allot(account: Int)
    case bonus(account: Int, bonus: Int)
    case refund(account: Int, message: Int)
}

/// Something to happen at an instant, ordered by (time, class, rank, id).
struct ScheduledItem: HeapOrdered {
    var time: Instant
    var cls: PostingClass
    /// Account position, lot sequence or timeline position, by class.
    var rank: Int
    /// The send's event id, for refunds.
    var id: String
    var action: ScheduledAction

    static func comesFirst(_ a: ScheduledItem, _ b: ScheduledItem) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.cls != b.cls { return a.cls < b.cls }
        if a.rank != b.rank { return a.rank < b.rank }
        return UTF8Order.precedes(a.id, b.id)
    }
}

/// The signed sum of each posting kind in a period (spec §6).
public struct StatementTotals: Sendable, Hashable {
    public var allotment = 0, bonus = 0, grant = 0, adjust = 0, refund = 0
    public var shareIn = 0, shareOut = 0, send = 0, expire = 0, forfeit = 0

    public init() {}

    public mutating func add(_ p: Posting) {
        switch p.kind {
        case .allotment: allotment += p.amount
        case .bonus: bonus += p.amount
        case .grant: grant += p.amount
        case .adjust: adjust += p.amount
        case .refund: refund += p.amount
        case .shareIn: shareIn += p.amount
        case .shareOut: shareOut += p.amount
        case .send: send += p.amount
        case .expire: expire += p.amount
        case .forfeit: forfeit += p.amount
        case .unfunded: break
        }
    }

    public var sum: Int { allotment + bonus + grant + adjust + refund + shareIn + shareOut + send + expire + forfeit }
}

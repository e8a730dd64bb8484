import AllotLedger

/// The statement JSON (`kind: "statement"`): the contract reports and users build on.
public struct StatementDocument: Codable, Sendable, Equatable {
    public struct Totals: Codable, Sendable, Equatable {
        public var allotment, bonus, grant, adjust, refund, shareIn, shareOut, send, expire, forfeit: Int
    }

    public struct Messages: Codable, Sendable, Equatable {
        public var sent, unfunded, accepted, declined, lost, pending: Int
    }

    public struct LotLine: Codable, Sendable, Equatable {
        public var amount: Int
        /// ISO-8601 UTC; nil: never expires.
        public var expires: String?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(amount, forKey: .amount)
            try c.encode(expires, forKey: .expires)
        }
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var time: String
        public var kind: String
        public var amount: Int
        public var balance: Int
        /// Allotments and bonuses cut by the cap; absent otherwise.
        public var capped: Int?
        public var ref: String?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(time, forKey: .time)
            try c.encode(kind, forKey: .kind)
            try c.encode(amount, forKey: .amount)
            try c.encode(balance, forKey: .balance)
            try c.encodeIfPresent(capped, forKey: .capped)
            try c.encode(ref, forKey: .ref)
        }
    }

    public var kind = "statement"
    public var account: String
    public var name: String
    public var team: String
    public var month: String
    public var partial: Bool
    public var policy: String?
    public var opening: Int
    public var closing: Int
    public var totals: Totals
    public var capped: Int
    public var messages: Messages
    public var lots: [LotLine]
    public var entries: [Entry]

    public init(_ s: Statement) {
        account = s.account.id
        name = s.account.name
        team = s.account.team
        month = s.month.description
        partial = s.partial
        policy = s.policy
        opening = s.opening
        closing = s.closing
        let t = s.totals
        totals = Totals(
            allotment: t.allotment, bonus: t.bonus, grant: t.grant, adjust: t.adjust, refund: t.refund,
            shareIn: t.shareIn, shareOut: t.shareOut, send: t.send, expire: t.expire, forfeit: t.forfeit)
        capped = s.capped
        let m = s.messages
        messages = Messages(
            sent: m.sent, unfunded: m.unfunded, accepted: m.accepted, declined: m.declined,
            lost: m.lost, pending: m.pending)
        lots = s.lots.map { LotLine(amount: $0.amount, expires: $0.expires?.iso8601) }
        entries = s.entries.map {
            Entry(
                time: $0.time.iso8601, kind: $0.kind.rawValue, amount: $0.amount, balance: $0.balance,
                capped: $0.capped > 0 ? $0.capped : nil, ref: $0.ref)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(account, forKey: .account)
        try c.encode(name, forKey: .name)
        try c.encode(team, forKey: .team)
        try c.encode(month, forKey: .month)
        try c.encode(partial, forKey: .partial)
        try c.encode(policy, forKey: .policy)
        try c.encode(opening, forKey: .opening)
        try c.encode(closing, forKey: .closing)
        try c.encode(totals, forKey: .totals)
        try c.encode(capped, forKey: .capped)
        try c.encode(messages, forKey: .messages)
        try c.encode(lots, forKey: .lots)
        try c.encode(entries, forKey: .entries)
    }
}

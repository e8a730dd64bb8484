import AllotLedger

/// The statement JSON (`kind: "statement"`): the contract reports and users build on.
package struct StatementDocument: Codable, Sendable, Equatable {
    package struct Totals: Codable, Sendable, Equatable {
        package var allotment, bonus, grant, adjust, refund, shareIn, shareOut, send, expire, forfeit: Int
    }

    package struct Messages: Codable, Sendable, Equatable {
        package var sent, unfunded, accepted, declined, lost, pending: Int
    }

    package struct LotLine: Codable, Sendable, Equatable {
        package var amount: Int
        /// ISO-8601 UTC; nil: never expires.
        package var expires: String?

        package func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(amount, forKey: .amount)
            try c.encode(expires, forKey: .expires)
        }
    }

    /// A lot held at the statement's end (spec §9): its id, credits, expiry and origin.
    package struct HeldLot: Codable, Sendable, Equatable {
        package var id: String
        package var amount: Int
        /// ISO-8601 UTC; nil: never expires.
        package var expires: String?
        package var origin: Origin

        package func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(amount, forKey: .amount)
            try c.encode(expires, forKey: .expires)
            try c.encode(origin, forKey: .origin)
        }
    }

    /// Where a lot came from: `kind`, and the event, message, month, giver and giver's lot
    /// where spec §9 gives them.
    package struct Origin: Codable, Sendable, Equatable {
        package var kind: String
        package var time: String?
        package var event: String?
        package var message: String?
        package var month: String?
        package var note: String?
        package var from: String?
        package var fromLot: String?

        package init(_ origin: LotOrigin?) {
            kind = origin?.kind ?? "unknown"
            switch origin {
            case .allotment(let t): time = t.iso8601
            case .bonus(let m, let n): month = m.description; note = n
            case .grant(let e, let n), .adjust(let e, let n): event = e; note = n
            case .refund(let e, let m): event = e; message = m
            case .share(let e, let f, let l): event = e; from = f; fromLot = l
            case nil: break
            }
        }

        package func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encodeIfPresent(time, forKey: .time)
            try c.encodeIfPresent(event, forKey: .event)
            try c.encodeIfPresent(message, forKey: .message)
            try c.encodeIfPresent(month, forKey: .month)
            try c.encodeIfPresent(note, forKey: .note)
            try c.encodeIfPresent(from, forKey: .from)
            try c.encodeIfPresent(fromLot, forKey: .fromLot)
        }
    }

    /// Credits an entry created in a lot or took from one.
    package struct Draw: Codable, Sendable, Equatable {
        package var lot: String
        package var amount: Int
    }

    package struct Entry: Codable, Sendable, Equatable {
        package var time: String
        package var kind: String
        package var amount: Int
        package var balance: Int
        /// Allotments and bonuses cut by the cap; absent otherwise.
        package var capped: Int?
        package var ref: String?
        /// The lots it created, or drew from in consumption order (spec §9).
        package var lots: [Draw]

        package func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(time, forKey: .time)
            try c.encode(kind, forKey: .kind)
            try c.encode(amount, forKey: .amount)
            try c.encode(balance, forKey: .balance)
            try c.encodeIfPresent(capped, forKey: .capped)
            try c.encode(ref, forKey: .ref)
            try c.encode(lots, forKey: .lots)
        }
    }

    /// A message counted lost in the month: when it was sent and lost, and whether the
    /// seat's closing settled it.
    package struct LostMessage: Codable, Sendable, Equatable {
        package var message: String
        package var event: String
        package var sent: String
        package var lostAt: String
        package var atClosing: Bool
    }

    package var kind = "statement"
    package var account: String
    package var name: String
    package var team: String
    package var month: String
    package var partial: Bool
    /// True when no later as-of can change the statement (`Statement.isFinal`); its twin
    /// then carries no `asOf`.
    package var final: Bool
    package var policy: String?
    package var opening: Int
    package var closing: Int
    package var totals: Totals
    package var capped: Int
    package var messages: Messages
    /// The month's sends' response rates (spec §10).
    package var responses: ResponsesLine
    package var lostMessages: [LostMessage]
    package var lots: [HeldLot]
    package var entries: [Entry]

    package init(_ s: Statement) {
        account = s.account.id
        name = s.account.name
        team = s.account.team
        month = s.month.description
        partial = s.partial
        final = s.isFinal
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
        responses = ResponsesLine(s.responses)
        lostMessages = s.lostMessages.map {
            LostMessage(
                message: $0.message, event: $0.eventId, sent: $0.time.iso8601, lostAt: $0.lostAt!.iso8601,
                atClosing: $0.lostAtClosing != nil)
        }
        lots = s.lots.map { HeldLot(id: $0.id, amount: $0.amount, expires: $0.expires?.iso8601, origin: Origin($0.origin)) }
        entries = s.entries.map {
            Entry(
                time: $0.time.iso8601, kind: $0.kind.rawValue, amount: $0.amount, balance: $0.balance,
                capped: $0.capped > 0 ? $0.capped : nil, ref: $0.ref, lots: $0.lots.map { Draw(lot: $0.lot, amount: $0.amount) })
        }
    }

    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(account, forKey: .account)
        try c.encode(name, forKey: .name)
        try c.encode(team, forKey: .team)
        try c.encode(month, forKey: .month)
        try c.encode(partial, forKey: .partial)
        try c.encode(final, forKey: .final)
        try c.encode(policy, forKey: .policy)
        try c.encode(opening, forKey: .opening)
        try c.encode(closing, forKey: .closing)
        try c.encode(totals, forKey: .totals)
        try c.encode(capped, forKey: .capped)
        try c.encode(messages, forKey: .messages)
        try c.encode(responses, forKey: .responses)
        try c.encode(lostMessages, forKey: .lostMessages)
        try c.encode(lots, forKey: .lots)
        try c.encode(entries, forKey: .entries)
    }
}

extension StatementDocument {
    package var isFinal: Bool { final }
}

import AllotLedger

/// A statement line in words a recruiter reads without the contract (spec §9): where the
/// credits that left came from, whom a share went to or came from, what a refund
/// returned and which message a send was.
struct PostingText {
    let account: AccountLedger
    let format: DisplayFormat
    /// Display names of the ledger's seats, by id.
    let names: [String: String]
    let sharesByEvent: [String: ShareRecord]
    private let sendsByEvent: [String: SentMessage]

    init(_ account: AccountLedger, _ c: ReportContext, names: [String: String], sharesByEvent: [String: ShareRecord]) {
        self.account = account
        format = c.format
        self.names = names
        self.sharesByEvent = sharesByEvent
        sendsByEvent = Dictionary(account.messages.map { ($0.eventId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every seat's display name by id, made once for every seat's statements.
    static func names(_ ledger: Ledger) -> [String: String] {
        Dictionary(ledger.accounts.map { ($0.account.id, $0.account.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The whole ledger's shares by event id, made once for every seat's statements.
    static func shares(_ ledger: Ledger) -> [String: ShareRecord] {
        Dictionary(ledger.shares.map { ($0.eventId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func label(_ p: Posting) -> String {
        let sent = p.ref.flatMap { sendsByEvent[$0] }
        let share = p.ref.flatMap { sharesByEvent[$0] }
        switch p.kind {
        case .allotment: return p.time == account.account.opened ? "Opening allotment" : "Monthly allotment"
        case .bonus: return "Bonus"
        case .grant: return "Grant"
        case .adjust: return p.amount < 0 ? "Adjustment" + from(p) : "Adjustment"
        case .refund: return "Refund" + (sent.map { " for \($0.message)" + why($0, at: p.time) } ?? "")
        case .shareIn: return "Shared in" + (share.map { " from \(name($0.from))" } ?? "")
        case .shareOut: return "Shared out" + (share.map { " to \(name($0.to))" } ?? "") + from(p)
        case .send: return "Message sent" + (sent.map { ": \($0.message)" } ?? "")
        case .unfunded: return "Message sent without credit" + (sent.map { ": \($0.message)" } ?? "")
        case .expire: return "Expired" + from(p)
        case .forfeit: return "Forfeited (seat closed)" + from(p)
        }
    }

    /// Why a refund came: the answer's day, or the guarantee period ending unanswered.
    private func why(_ m: SentMessage, at t: Instant) -> String {
        if m.refundOn == .noResponse, let closes = m.closes { return " (no answer by \(day(closes, at: t)))" }
        return m.response.map { " (answered \(day($0.time, at: t)))" } ?? ""
    }

    /// `3 Apr`, or `3 Apr 2014` when the posting at `t` is in another year.
    private func day(_ when: Instant, at t: Instant) -> String {
        let text = format.date(when), year = format.calendar.month(of: when).year
        return format.calendar.month(of: t).year == year ? String(text.dropLast(" \(year)".count)) : text
    }

    /// `: 96 from the January allotment, 29 shared by Cara Li on 20 Jan`, the lots'
    /// origins in the order the credits were taken, like origins together (past five,
    /// the first four and the rest as one).
    private func from(_ p: Posting) -> String {
        var parts: [(phrase: String, amount: Int)] = []
        for draw in p.lots {
            let phrase = account.origin(ofLot: draw.lot).map { self.phrase($0, at: p.time) } ?? "from lot \(draw.lot)"
            if let i = parts.firstIndex(where: { $0.phrase == phrase }) {
                parts[i].amount += draw.amount
            } else {
                parts.append((phrase, draw.amount))
            }
        }
        guard !parts.isEmpty else { return "" }
        let shown = parts.count > 5 ? Array(parts.prefix(4)) : parts
        var text = shown.map { "\($0.amount) \($0.phrase)" }
        if shown.count < parts.count {
            let rest = parts.dropFirst(4)
            text.append("\(rest.reduce(0) { $0 + $1.amount }) from \(rest.count) other sources")
        }
        return ": " + text.joined(separator: ", ")
    }

    private func phrase(_ origin: LotOrigin, at t: Instant) -> String {
        switch origin {
        case .allotment(let when):
            return when == account.account.opened
                ? "from the opening allotment" : "from the \(monthName(format.calendar.month(of: when), at: t)) allotment"
        case .bonus(let month, _): return "from the \(monthName(month, at: t)) bonus"
        case .grant(let event, _): return "from grant \(event)"
        case .adjust(let event, _): return "from adjustment \(event)"
        case .refund: return "from refunds"
        case .share(let event, let giver, _):
            return "shared by \(name(giver))" + (sharesByEvent[event].map { " on \(day($0.time, at: t))" } ?? "")
        }
    }

    /// `January`, or `December 2014` when the posting is in another year.
    private func monthName(_ m: Month, at t: Instant) -> String {
        let name = DisplayFormat.monthNames[m.month - 1]
        return format.calendar.month(of: t).year == m.year ? name : "\(name) \(m.year)"
    }

    private func name(_ id: String) -> String { names[id] ?? id }
}

import AllotLedger
import AllotSupport

/// `accounts/<slug>/<YYYY-MM>`: one monthly statement, its JSON twin the statement JSON.
struct StatementReport: Report {
    var name: String { "statements" }

    struct SummaryRow: Sendable, Encodable {
        var label: String
        var amount: String
    }

    struct EntryRow: Sendable, Encodable {
        var when, label, amount: String
        var balance: Int
        var ref: String?
        var note: String?
        var negative: Bool
    }

    struct View: Sendable, Encodable {
        /// `teamName`: the config's display name, or `Team <id>`.
        var name, id, month, team, teamName, teamHref, accountHref, indexHref: String
        var partial: Bool
        var end: String
        var policy: String?
        var opening, closing, capped: Int
        var hasCapped: Bool
        /// `1 credit`, `5 credits`.
        var cappedText = ""
        /// The header block: `1 Mar 2015 – 31 Mar 2015` (the last day in it), and the time zone.
        var period = "", zone = ""
        var summary: [SummaryRow]
        var entries: [EntryRow]
        var hasEntries: Bool
        var lots: [LotRow]
        var hasLots: Bool
        var pending: [PendingRow]
        var hasPending: Bool
        var lostMessages: [LostRow]
        var hasLostMessages: Bool
        var sent, unfunded, accepted, declined, lost, pendingCount: Int
        var previous: LinkView?
        var next: LinkView?
    }

    func pages(_ c: ReportContext) -> [Page] {
        let shares = PostingText.shares(c.ledger), names = PostingText.names(c.ledger)
        let perAccount = ParallelMap.map(c.ledger.accounts) { (a: AccountLedger) -> [Page] in
            let months = c.ledger.statementMonths(of: a.account.id)
            let text = PostingText(a, c, names: names, sharesByEvent: shares)
            return months.enumerated().compactMap { (i: Int, month: Month) -> Page? in
                guard !c.keptPages.contains(c.statementPath(a.account.id, month)) else { return nil }
                return c.ledger.statement(of: a.account.id, for: month).map {
                    page($0, a, text, previous: i > 0 ? months[i - 1] : nil, next: i + 1 < months.count ? months[i + 1] : nil, c)
                }
            }
        }
        return perAccount.flatMap { $0 }
    }

    func page(_ s: Statement, _ a: AccountLedger, _ text: PostingText, previous: Month?, next: Month?, _ c: ReportContext) -> Page {
        let id = a.account.id
        let path = c.statementPath(id, s.month)
        let t = s.totals
        let summary: [(String, Int)] = [
            ("Allotments", t.allotment), ("Bonuses", t.bonus), ("Grants", t.grant), ("Adjustments", t.adjust),
            ("Refunds", t.refund), ("Shared in", t.shareIn), ("Shared out", t.shareOut), ("Messages sent", t.send),
            ("Expired", t.expire), ("Forfeited", t.forfeit),
        ]
        let entries = s.entries.map { e in
            var label = text.label(e)
            if e.capped > 0 { label += " (\(e.capped) not granted: cap reached)" }
            return EntryRow(
                when: c.format.dateTime(e.time), label: label, amount: c.format.signed(e.amount),
                balance: e.balance, ref: e.ref, note: e.note, negative: e.amount < 0)
        }
        let pending = a.messages.filter { $0.isPending(at: s.end) }
        let lots = Lot.mergingSameExpiry(s.lots)
        let m = s.messages
        let link = { (month: Month) in LinkView(text: c.format.month(month), href: c.href(from: path, to: c.statementPath(id, month))) }
        var view = View(
            name: a.account.name, id: id, month: c.format.month(s.month), team: a.account.team, teamName: c.teamNames.title(a.account.team),
            teamHref: c.href(from: path, to: c.teamPath(a.account.team)), accountHref: c.href(from: path, to: c.accountPath(id)),
            indexHref: c.href(from: path, to: ReportContext.indexPath), partial: s.partial, end: c.format.dateTime(s.end), policy: s.policy,
            opening: s.opening, closing: s.closing,
            capped: s.capped, hasCapped: s.capped > 0,
            summary: summary.filter { $0.1 != 0 }.map { SummaryRow(label: $0.0, amount: c.format.signed($0.1)) },
            entries: entries, hasEntries: !entries.isEmpty, lots: c.lotRows(lots), hasLots: !lots.isEmpty,
            pending: pending.map(c.pendingRow), hasPending: !pending.isEmpty,
            lostMessages: s.lostMessages.map(c.lostRow), hasLostMessages: !s.lostMessages.isEmpty, sent: m.sent, unfunded: m.unfunded,
            accepted: m.accepted, declined: m.declined, lost: m.lost, pendingCount: m.pending,
            previous: previous.map(link), next: next.map(link))
        view.cappedText = c.format.credits(s.capped)
        // A seat's first and last statements cover only its open days.
        let from = max(s.start, a.account.opened), to = min(s.end, a.account.closed ?? s.end)
        view.period = c.format.date(from) + " – " + c.format.actBy(max(to, Instant(millis: from.millis + 1)))
        view.zone = c.format.zoneText
        var tables = [
            DataTable(
                name: "summary", columns: [DataColumn("Item"), DataColumn("Credits")],
                rows: [[.text("Opening balance"), .number(s.opening)]]
                    + summary.filter { $0.1 != 0 }.map { [.text($0.0), .number($0.1)] }
                    + [[.text("Closing balance"), .number(s.closing)]])
        ]
        if !entries.isEmpty {
            tables.append(
                DataTable(
                    name: "postings",
                    columns: [
                        DataColumn("When", instant: true), DataColumn("What"), DataColumn("Credits"), DataColumn("Balance"),
                        DataColumn("Event"),
                    ],
                    rows: zip(s.entries, entries).map { e, row in
                        [
                            c.format.instantCell(e.time), .text(row.label + (e.note.map { " – \($0)" } ?? "")), .number(e.amount),
                            .number(e.balance), e.ref.map(DataCell.text) ?? .empty,
                        ]
                    }))
        }
        if !lots.isEmpty { tables.append(c.lotTable(lots)) }
        if !pending.isEmpty { tables.append(c.pendingTable(pending)) }
        if !s.lostMessages.isEmpty { tables.append(c.lostTable(s.lostMessages)) }
        var page = Page(
            path: path, template: "statement", title: "\(a.account.name) — \(c.format.month(s.month)) statement",
            model: StatementDocument(s), view: view, tables: tables)
        page.namesItsZone = true
        return page
    }
}

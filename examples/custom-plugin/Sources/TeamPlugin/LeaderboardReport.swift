import Allot

/// `leaderboard/index.json`: every seat with its message counts, best first.
public struct LeaderboardModel: PageModel {
    public struct Entry: Codable, Sendable, Equatable {
        /// 1 for the best; seats that tie share a rank and the next rank is skipped (1, 2, 2, 4).
        public var rank: Int
        public var account, name, team, slug: String
        /// Every send before as-of, with or without credit.
        public var sent: Int
        /// Sends the recipient accepted or declined before as-of (late answers too).
        public var answered: Int
        /// Credits that came back before as-of because an answer came in time.
        public var refunded: Int
        public var closed: Bool
    }

    public var kind = "leaderboard"
    public var asOf: String
    public var entries: [Entry]
}

/// One page, `leaderboard/index`: seats ranked by the credits that came back to them
/// (an answered message costs nothing under a `refund_on = response` policy), ties
/// broken by the higher share of messages answered, then by account id.
public struct LeaderboardReport: Report {
    public static let path = "leaderboard/index"

    public init() {}

    public var name: String { "leaderboard" }

    /// What `leaderboard.md` sees. Every value is plain text: the template escapes it.
    struct Row: Sendable, Encodable {
        var rank: Int
        var name, id, team, href: String
        var sent, answered, refunded: Int
        /// `67%`, or `–` for a seat that sent nothing.
        var rate: String
        var closed: Bool
    }

    struct Leader: Sendable, Encodable {
        var name, team: String
        var refunded: Int
    }

    struct View: Sendable, Encodable {
        var asOf, indexHref: String
        var rows: [Row]
        var hasRows: Bool
        var leader: Leader?
        var totalRefunded: Int
    }

    public func pages(_ c: ReportContext) -> [Page] {
        let asOf = c.ledger.asOf
        let tallies = c.ledger.accounts.map { a in
            (account: a.account,
             sent: a.messages.count,
             answered: a.messages.filter { $0.response != nil }.count,
             // Under a `refund_on = no-response` policy (such as `legacy`) a credit comes
             // back for *no* answer; those are not what this board rewards.
             refunded: a.messages.filter { $0.refunded != nil && $0.refundOn == .response }.count)
        }
        // Better: more credits back; then a higher answered / sent (cross-multiplied, so
        // no rounding); a seat that sent nothing counts as 0%.
        func better(_ x: (refunded: Int, answered: Int, sent: Int), than y: (refunded: Int, answered: Int, sent: Int)) -> Bool {
            if x.refunded != y.refunded { return x.refunded > y.refunded }
            return x.answered * max(y.sent, 1) > y.answered * max(x.sent, 1)
        }
        let ordered = tallies.sorted { x, y in
            let kx = (x.refunded, x.answered, x.sent), ky = (y.refunded, y.answered, y.sent)
            if better(kx, than: ky) { return true }
            if better(ky, than: kx) { return false }
            return UTF8Order.precedes(x.account.id, y.account.id)
        }
        var entries: [LeaderboardModel.Entry] = []
        for (i, t) in ordered.enumerated() {
            let previous = i == 0 ? nil : ordered[i - 1]
            let tied = previous.map { p in
                !better((p.refunded, p.answered, p.sent), than: (t.refunded, t.answered, t.sent))
            } ?? false
            entries.append(LeaderboardModel.Entry(
                rank: tied ? entries[i - 1].rank : i + 1,
                account: t.account.id, name: t.account.name, team: t.account.team, slug: c.slugs.account(t.account.id),
                sent: t.sent, answered: t.answered, refunded: t.refunded,
                closed: t.account.closed.map { $0 < asOf } ?? false))
        }
        let model = LeaderboardModel(asOf: asOf.iso8601, entries: entries)

        // Links are relative, so the site works from any folder: `../` once per folder
        // the page is in (`Page.root`), then the target's path and `.html`.
        let root = String(repeating: "../", count: Self.path.split(separator: "/").count - 1)
        let rows = entries.map { e in
            Row(rank: e.rank, name: e.name, id: e.account, team: e.team,
                href: root + c.accountPath(e.account) + ".html",
                sent: e.sent, answered: e.answered, refunded: e.refunded,
                rate: e.sent == 0 ? "–" : "\(e.answered * 100 / e.sent)%", closed: e.closed)
        }
        let view = View(
            asOf: c.format.dateTime(asOf), indexHref: root + ReportContext.indexPath + ".html",
            rows: rows, hasRows: !rows.isEmpty,
            leader: entries.first.flatMap { $0.refunded > 0 ? Leader(name: $0.name, team: $0.team, refunded: $0.refunded) : nil },
            totalRefunded: entries.reduce(0) { $0 + $1.refunded })
        return [Page(path: Self.path, template: "leaderboard", title: "Response leaderboard", model: model, view: view)]
    }
}

/// Allot's reports plus the leaderboard: what to hand `Project.buildSite(reports:)`.
public enum TeamPlugin {
    public static var reports: [any Report] { BuiltInReports.all + [LeaderboardReport()] }
}

import Allot

/// `leaderboard/<team-slug>.json`: one team's seats with their message counts, best first.
public struct LeaderboardModel: PageModel {
    public struct Entry: Codable, Sendable, Equatable {
        /// 1 for the best of the team; seats that tie share a rank and the next rank is
        /// skipped (1, 2, 2, 4).
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
    /// The team's id; every entry is one of its seats.
    public var team: String
    public var asOf: String
    public var entries: [Entry]
}

/// `leaderboard/index.json`: every team with the path of its board.
public struct LeaderboardIndexModel: PageModel {
    public struct Team: Codable, Sendable, Equatable {
        public var team, slug: String
        /// The team's board, from the site root, without extension (`leaderboard/sales`).
        public var path: String
        public var seats: Int
    }

    public var kind = "leaderboard-index"
    public var asOf: String
    public var teams: [Team]
}

/// The response leaderboard, one board per team.
///
/// - `pages` (asked once per team, with that team's ledger): `leaderboard/<team-slug>`,
///   the team's seats ranked by the credits that came back to them (an answered message
///   costs nothing under a `refund_on = response` policy), ties broken by the higher
///   share of messages answered, then by account id.
/// - `sitePages` (asked once, with every team's summary): `leaderboard/index`, every
///   team with a link to its board.
///
/// No page holds more than one team's seats, so none grows with the size of the ledger,
/// and a build needs only one team in memory at a time.
public struct LeaderboardReport: Report {
    /// The page listing every team's board.
    public static let indexPath = "leaderboard/index"

    /// The path of a team's board: `leaderboard/<team-slug>`. Team slugs are unique
    /// lowercase letters, digits and dashes, so boards never collide with each other; the
    /// one slug that would collide with the list, `index`, gets `index_team` (no slug has
    /// an underscore).
    public static func teamPath(_ team: String, slugs: SiteSlugs) -> String {
        let slug = slugs.team(team)
        return "leaderboard/" + (slug == "index" ? "index_team" : slug)
    }

    public init() {}

    public var name: String { "leaderboard" }

    /// What `leaderboard.md` sees. Every value is plain text: the template escapes it.
    struct Row: Sendable, Encodable {
        var rank: Int
        var name, id, href: String
        var sent, answered, refunded: Int
        /// `67%`, or `–` for a seat that sent nothing.
        var rate: String
        var closed: Bool
    }

    struct Leader: Sendable, Encodable {
        var name: String
        var refunded: Int
    }

    struct View: Sendable, Encodable {
        var team, asOf, indexHref, boardsHref, teamHref: String
        var rows: [Row]
        var hasRows: Bool
        var leader: Leader?
        var totalRefunded: Int
    }

    /// What `leaderboard-index.md` sees.
    struct TeamRow: Sendable, Encodable {
        var name, href: String
        var seats: Int
    }

    struct IndexView: Sendable, Encodable {
        var asOf, indexHref: String
        var teams: [TeamRow]
        var hasTeams: Bool
    }

    /// One board per team in the context. A build hands over one team at a time; a
    /// context holding several teams (a test, say) gets a board for each.
    public func pages(_ c: ReportContext) -> [Page] {
        c.teams.map { board(team: $0.id, members: $0.members, c) }
    }

    /// The list of boards, made from the teams' summaries: no ledger, no seats' messages,
    /// just one line per team.
    public func sitePages(_ c: SiteContext) -> [Page] {
        let path = Self.indexPath
        let teams = c.teams.map { t in
            LeaderboardIndexModel.Team(
                team: t.id, slug: c.slugs.team(t.id), path: Self.teamPath(t.id, slugs: c.slugs),
                seats: t.seats.count)
        }
        let model = LeaderboardIndexModel(asOf: c.asOf.iso8601, teams: teams)
        let rows = teams.map { TeamRow(name: $0.team, href: c.href(from: path, to: $0.path), seats: $0.seats) }
        let view = IndexView(
            asOf: c.format.dateTime(c.asOf), indexHref: c.href(from: path, to: ReportContext.indexPath),
            teams: rows, hasTeams: !rows.isEmpty)
        return [Page(path: path, template: "leaderboard-index", title: "Response leaderboards", model: model, view: view)]
    }

    private func board(team: String, members: [AccountLedger], _ c: ReportContext) -> Page {
        let path = Self.teamPath(team, slugs: c.slugs)
        let asOf = c.ledger.asOf
        let tallies = members.map { a in
            (
                account: a.account,
                sent: a.messages.count,
                answered: a.messages.filter { $0.response != nil }.count,
                // Under a `refund_on = no-response` policy (such as `legacy`) a credit comes
                // back for *no* answer; those are not what this board rewards.
                refunded: a.messages.filter { $0.refunded != nil && $0.refundOn == .response }.count
            )
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
            let tied =
                previous.map { p in
                    !better((p.refunded, p.answered, p.sent), than: (t.refunded, t.answered, t.sent))
                } ?? false
            entries.append(
                LeaderboardModel.Entry(
                    rank: tied ? entries[i - 1].rank : i + 1,
                    account: t.account.id, name: t.account.name, team: t.account.team, slug: c.slugs.account(t.account.id),
                    sent: t.sent, answered: t.answered, refunded: t.refunded,
                    closed: t.account.closed.map { $0 < asOf } ?? false))
        }
        let model = LeaderboardModel(team: team, asOf: asOf.iso8601, entries: entries)

        // Links are relative, so the site works from any folder: `c.href` goes up once
        // per folder the page is in, then down to the target, and adds `.html`.
        let rows = entries.map { e in
            Row(
                rank: e.rank, name: e.name, id: e.account, href: c.href(from: path, to: c.accountPath(e.account)),
                sent: e.sent, answered: e.answered, refunded: e.refunded,
                rate: e.sent == 0 ? "–" : "\(e.answered * 100 / e.sent)%", closed: e.closed)
        }
        let view = View(
            team: team, asOf: c.format.dateTime(asOf),
            indexHref: c.href(from: path, to: ReportContext.indexPath),
            boardsHref: c.href(from: path, to: Self.indexPath),
            teamHref: c.href(from: path, to: c.teamPath(team)),
            rows: rows, hasRows: !rows.isEmpty,
            leader: entries.first.flatMap { $0.refunded > 0 ? Leader(name: $0.name, refunded: $0.refunded) : nil },
            totalRefunded: entries.reduce(0) { $0 + $1.refunded })
        return Page(path: path, template: "leaderboard", title: "Response leaderboard: team \(team)", model: model, view: view)
    }
}

/// Allot's reports plus the leaderboard: what to hand `Project.buildSite(reports:)`.
public enum TeamPlugin {
    public static var reports: [any Report] { BuiltInReports.all + [LeaderboardReport()] }
}

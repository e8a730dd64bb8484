import AllotLedger

/// An expiry notice for one seat, before it becomes a message: the seat and what its
/// templates (`notice.md`, `notice-subject.txt`) see.
public struct NoticeDraft: Sendable {
    public var account: Account
    public var slug: String
    public var view: NoticeView

    /// One draft per warned seat (spec §7), most urgent first; seats without an email too,
    /// so the caller can say they were skipped.
    public static func drafts(_ c: ReportContext) -> [NoticeDraft] {
        c.warnings.map { w in
            let slug = c.slugs.account(w.account.id)
            let lastExpiry = w.expiring.compactMap(\.expires).max()
            let lastWindow = w.pending.compactMap(\.closes).max()
            let base = c.siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
            let view = NoticeView(
                name: w.account.name, account: w.account.id, team: w.account.team,
                teamName: c.teamNames.title(w.account.team), title: c.title,
                asOf: c.format.longDate(c.ledger.asOf), horizonDays: c.ledger.settings.warnDays,
                balance: c.ledger[w.account.id]?.balance ?? 0,
                expiringTotal: w.expiringTotal, hasExpiring: !w.expiring.isEmpty,
                expireBy: lastExpiry.map(c.format.longDate) ?? "",
                expiring: c.lotRows(w.expiring, fromAsOf: true).map {
                    NoticeView.Item(
                        amount: $0.amount, credits: c.format.credits($0.amount), date: $0.useBy, daysLeft: $0.daysLeftText)
                },
                pendingTotal: w.pendingTotal, hasPending: !w.pending.isEmpty,
                answerBy: lastWindow.map(c.format.longDate) ?? "",
                pending: w.pending.map {
                    NoticeView.Item(
                        amount: 1, credits: c.format.credits(1),
                        date: $0.closes.map(c.format.dateTime) ?? "", message: $0.message,
                        sent: c.format.dateTime($0.time))
                },
                accountURL: base.map { $0 + c.accountPath(w.account.id) + ".html" },
                balanceText: c.format.credits(c.ledger[w.account.id]?.balance ?? 0), zone: c.format.zoneText,
                teammates: teammates(of: w.account, c),
                expiringVerb: w.expiringTotal == 1 ? "expires" : "expire", pendingVerb: w.pendingTotal == 1 ? "is" : "are",
                expiringSubject: w.expiringTotal == 1 ? "1 InMail credit expires" : "\(w.expiringTotal) InMail credits expire",
                pendingSubject: w.pendingTotal == 1 ? "1 InMail message needs" : "\(w.pendingTotal) InMail messages need",
                expiringHeadline: headline(w.expiring, expireBy: lastExpiry.map(c.format.longDate) ?? "", c))
            return NoticeDraft(account: w.account, slug: slug, view: view)
        }
    }
}

/// What a notice's subject says of the credits expiring: those of the soonest use-by day
/// first, then all of them.
private func headline(_ lots: [Lot], expireBy: String, _ c: ReportContext) -> String {
    let total = lots.reduce(0) { $0 + $1.amount }
    let credits = { (n: Int) in n == 1 ? "1 InMail credit expires" : "\(n) InMail credits expire" }
    guard let soonest = lots.compactMap(\.expires).min() else { return "" }
    let day = c.format.useByDay(soonest)
    let first = lots.filter { $0.expires.map(c.format.useByDay) == day }.reduce(0) { $0 + $1.amount }
    let days = c.format.daysLeft(soonest, from: c.ledger.asOf)
    let when = days <= 1 ? c.format.daysLeftText(days) : "by " + c.format.longDate(soonest)
    if first == total { return days <= 1 ? "\(credits(total)) \(when)" : "\(credits(total)) by \(expireBy)" }
    return "\(credits(first)) \(when), \(total) by \(expireBy)"
}

/// The suggested shares from `account`, as a sentence naming the teammates: `Priya Raman
/// (100 credits) could use 100 of them before they expire: share them now.`
private func teammates(of account: Account, _ c: ReportContext) -> String? {
    let shares = c.forecasts[account.team]?.shares.filter { $0.from == account.id } ?? []
    guard !shares.isEmpty else { return nil }
    let names = shares.map { "\(c.displayName($0.to)) (\(c.format.credits($0.amount)))" }
    let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    let total = shares.reduce(0) { $0 + $1.amount }
    return
        "\(list) \(names.count == 1 ? "is" : "are") projected to run short and could use \(total) of them before they expire: share them now."
}

/// What the notice templates see; also the model of a notice preview page, which has no
/// JSON twin (`PageOutput.notice`).
public struct NoticeView: PageModel {
    public struct Item: Sendable, Encodable {
        public var amount: Int
        /// `1 credit`, `12 credits`.
        public var credits: String
        /// For credits, the use-by day (`29 Jul 2015`); for a message, when its window closes.
        public var date: String
        /// For credits: `in 28 days`, `tomorrow`, `today`.
        public var daysLeft: String?
        public var message: String?
        public var sent: String?
    }

    /// `teamName`: the config's display name, or `Team <id>`.
    public var name, account, team, teamName, title, asOf: String
    public var horizonDays, balance: Int
    public var expiringTotal: Int
    public var hasExpiring: Bool
    /// The last expiry in the horizon, `1 April 2015`.
    public var expireBy: String
    public var expiring: [Item]
    public var pendingTotal: Int
    public var hasPending: Bool
    /// The last window closing in the horizon.
    public var answerBy: String
    public var pending: [Item]
    /// The seat's page on the published site, when `site_url` is set.
    public var accountURL: String?
    /// `1 credit`, `40 credits`.
    public var balanceText: String
    /// The time zone of every date and time in the notice: `New York time (America/New_York)`.
    public var zone: String
    /// The teammates the forecast suggests sharing with, in a sentence; nil when none.
    public var teammates: String?
    /// `expires` or `expire`, `is` or `are`: the verbs after the totals.
    public var expiringVerb, pendingVerb: String
    /// The subject's start: `1 InMail credit expires`, `3 InMail messages need`.
    public var expiringSubject, pendingSubject: String
    /// The subject of a notice with credits expiring, soonest first: `99 InMail credits
    /// expire today, 200 by 30 May 2015`; `200 InMail credits expire by 30 May 2015` when
    /// they share a use-by day.
    public var expiringHeadline: String

    public var kind: String { "notice" }
}

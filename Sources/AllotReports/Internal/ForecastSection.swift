import AllotLedger

/// "Save credits before they expire" on a team page: each open seat's pace, what it would
/// lose and when it would run short over the warning horizon, and the suggested shares.
struct ForecastSection: Sendable, Encodable {
    struct SeatRow: Sendable, Encodable {
        var name, href, pace: String
        var projectedExpiry, shortfall: Int
        /// The day the first unpaid send falls on, or empty.
        var firstShort: String
    }

    struct ShareRow: Sendable, Encodable {
        var from, fromHref, to, toHref: String
        var amount: Int
        /// The use-by day of the first credits moved.
        var useBy: String
    }

    var sentence: String
    var seats: [SeatRow]
    var hasSeats: Bool
    var shares: [ShareRow]
    var hasShares: Bool

    init(_ f: TeamForecast, path: String, _ c: ReportContext) {
        seats = f.seats.map { s in
            SeatRow(
                name: c.displayName(s.account), href: c.href(from: path, to: c.accountPath(s.account)),
                pace: Self.pace(s), projectedExpiry: s.projectedExpiry, shortfall: s.shortfall,
                firstShort: s.firstShort.map(c.format.date) ?? "")
        }
        hasSeats = !seats.isEmpty
        shares = f.shares.map { s in
            ShareRow(
                from: c.displayName(s.from), fromHref: c.href(from: path, to: c.accountPath(s.from)), to: c.displayName(s.to),
                toHref: c.href(from: path, to: c.accountPath(s.to)), amount: s.amount, useBy: c.format.useBy(s.expiring))
        }
        hasShares = !shares.isEmpty
        let expiring = c.ledger.accounts.filter { $0.account.team == f.team }.reduce(0) {
            $0 + (c.warning(for: $1.account.id)?.expiringTotal ?? 0)
        }
        sentence = Self.sentence(f, expiring: expiring, warnDays: c.ledger.settings.warnDays, c.format)
    }

    /// Sends a day to one decimal, rounded half up: `1.5`; `under 0.1` for a seat that sent
    /// too few to show, never a `0.0` for a seat that sent.
    static func pace(_ s: SeatForecast) -> String {
        if isBelowATenth(s) { return "under 0.1" }
        let tenths = tenthsADay(s)
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Whether the seat sent, but fewer than would round to 0.1 a day.
    static func isBelowATenth(_ s: SeatForecast) -> Bool { s.recentSends > 0 && tenthsADay(s) == 0 }

    private static func tenthsADay(_ s: SeatForecast) -> Int { (s.recentSends * 10 * 2 + s.paceDays) / (2 * s.paceDays) }

    /// The forecast in words. `expiring` is what the seats hold that expires within the
    /// horizon (the warnings' figure); the forecast's own figure is the part of it the seats
    /// would not use at their pace, and the sentence says so rather than show two numbers
    /// for one thing.
    static func sentence(_ f: TeamForecast, expiring: Int, warnDays: Int, _ format: DisplayFormat) -> String {
        guard !f.seats.isEmpty else { return "No seat is open, so there is nothing to forecast." }
        let lose = lead(expiring: expiring, unused: f.expiryWithout, span: format.horizon(days: warnDays, end: f.horizonEnd), format)
        guard f.expiryWithout > 0 else { return lose + "." }
        guard f.saved > 0 else {
            let short = f.seats.count { $0.shortfall > 0 }
            guard short > 0 else { return "\(lose), and no teammate would run short to use them." }
            return "\(lose). \(format.counted(short, "seat", "seats")) would run short, but no share made now would save any of them."
        }
        return "\(lose). Sharing as below, now, would save \(f.saved) of them; \(f.expiryWith) would still expire."
    }

    /// What expires within the horizon and how much of it would go unused at the seats' pace:
    /// `624 credits expire in the 30 days to 30 Jul 2015, inclusive; at each seat's pace over
    /// the last 28 days, 579 of them would go unused`.
    static func lead(expiring: Int, unused: Int, span: String, _ format: DisplayFormat) -> String {
        let pace = "at each seat's pace over the last \(TeamForecast.paceDays) days"
        guard unused <= expiring, expiring > 0 else {
            // Credits granted within the horizon can expire in it too when lots live
            // shorter than the horizon: then the forecast's figure stands alone.
            return unused == 0
                ? "At each seat's pace over the last \(TeamForecast.paceDays) days, no credits would expire \(span)"
                : "At each seat's pace over the last \(TeamForecast.paceDays) days, \(format.credits(unused)) would expire \(span)"
        }
        let expire = "\(format.credits(expiring)) \(expiring == 1 ? "expires" : "expire") \(span)"
        if unused == 0 { return "\(expire); \(pace), \(expiring == 1 ? "it" : "all of them") would be used in time" }
        if unused == expiring { return "\(expire); \(pace), \(expiring == 1 ? "it" : "all of them") would go unused" }
        return "\(expire); \(pace), \(unused) of them would go unused"
    }

    /// The seat rows as a table: `forecast`.
    var seatTable: DataTable {
        DataTable(
            name: "forecast",
            columns: ["Seat", "Sends a day", "Projected to expire", "Sends without credit", "First without credit"].map { DataColumn($0) },
            rows: seats.map {
                [.text($0.name), .text($0.pace), .number($0.projectedExpiry), .number($0.shortfall), .text($0.firstShort)]
            })
    }

    /// The suggested shares as a table: `suggested-shares`.
    var shareTable: DataTable {
        DataTable(
            name: "suggested-shares", columns: ["From", "To", "Credits", "Use by"].map { DataColumn($0) },
            rows: shares.map { [.text($0.from), .text($0.to), .number($0.amount), .text($0.useBy)] })
    }
}

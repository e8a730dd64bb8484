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
        sentence = Self.sentence(f, warnDays: c.ledger.settings.warnDays, c.format)
    }

    /// Sends a day to one decimal, rounded half up: `1.5`.
    static func pace(_ s: SeatForecast) -> String {
        let tenths = (s.recentSends * 10 * 2 + s.paceDays) / (2 * s.paceDays)
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func sentence(_ f: TeamForecast, warnDays: Int, _ format: DisplayFormat) -> String {
        let span = "in the next \(format.counted(warnDays, "day", "days")) (to \(format.actBy(f.horizonEnd)))"
        guard !f.seats.isEmpty else { return "No seat is open, so there is nothing to forecast." }
        let pace = "At each seat's pace over the last \(TeamForecast.paceDays) days"
        guard f.expiryWithout > 0 else { return "\(pace), no credits would expire \(span)." }
        let lose = "\(pace), \(format.credits(f.expiryWithout)) would expire \(span)"
        guard f.saved > 0 else { return "\(lose), and no teammate would run short to use them." }
        return "\(lose). Sharing as below, now, would save \(f.saved) of them; \(f.expiryWith) would still expire."
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

import AllotLedger

/// "Credits lost" on a team page and on the index: a sentence saying how many credits
/// went and why, a row per month (newest first, back to the first month with a loss)
/// with the total, and on the index a row per team.
struct LossSection: Sendable, Encodable {
    struct Row: Sendable, Encodable {
        var name: String
        var href: String?
        /// The month as_of cuts short.
        var partial = false
        var expired, forfeited, unanswered, total: Int

        init(_ name: String, _ losses: CreditLosses, href: String? = nil, partial: Bool = false) {
            self.name = name; self.href = href; self.partial = partial
            expired = losses.expired; forfeited = losses.forfeited; unanswered = losses.unanswered; total = losses.total
        }

        var cells: [DataCell] { [.text(name), .number(expired), .number(forfeited), .number(unanswered), .number(total)] }
    }

    var sentence: String
    var hasLosses: Bool
    var months: [Row]
    var total: Row
    /// The index only: every team's total, in the teams' order, and the sum in `allTeams`.
    var teams: [Row] = []
    var allTeams: Row?

    static let figureColumns = ["Expired", "Forfeited at closing", "Lost on unanswered messages", "Total"].map { DataColumn($0) }

    /// `who` names the losers in the sentence: `the team`, `the teams`.
    init(_ months: [MonthLosses], who: String, format: DisplayFormat, asOf: Instant) {
        let total = months.total
        hasLosses = total.total > 0
        let shown = months.drop { $0.losses.total == 0 }
        self.months = shown.reversed().map { m in
            Row(format.month(m.month), m.losses, partial: asOf < format.calendar.startOfMonth(m.month.next))
        }
        self.total = Row("All months", total)
        sentence = Self.sentence(total, since: months.first.map { format.month($0.month) }, who: who, format: format)
        if let first = shown.first, first.month != months.first?.month {
            sentence += " Nothing was lost before \(format.month(first.month))."
        }
    }

    /// `Since October 2014 the team lost 40 credits: 30 expired unused, 8 were forfeited at
    /// closing and 2 went on messages nobody answered in time.`
    static func sentence(_ total: CreditLosses, since: String?, who: String, format: DisplayFormat) -> String {
        let start = since.map { "Since \($0) \(who)" } ?? who.prefix(1).uppercased() + who.dropFirst()
        guard total.total > 0 else {
            return "\(start) lost no credits: none expired, none was forfeited at closing and none went on an unanswered message."
        }
        var parts: [String] = []
        if total.expired > 0 { parts.append("\(total.expired) expired unused") }
        if total.forfeited > 0 { parts.append("\(total.forfeited) \(total.forfeited == 1 ? "was" : "were") forfeited at closing") }
        if total.unanswered > 0 { parts.append("\(total.unanswered) went on messages nobody answered in time") }
        let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        return "\(start) lost \(format.credits(total.total)): \(list)."
    }

    /// The month rows and the total as a table: `loss-months`.
    var monthTable: DataTable {
        DataTable(
            name: "loss-months", columns: [DataColumn("Month")] + Self.figureColumns,
            rows: (months + [total]).map(\.cells))
    }

    /// The team rows and their sum as a table: `loss-teams`.
    var teamTable: DataTable {
        DataTable(
            name: "loss-teams", columns: [DataColumn("Team")] + Self.figureColumns,
            rows: (teams + (allTeams.map { [$0] } ?? [])).map(\.cells))
    }
}

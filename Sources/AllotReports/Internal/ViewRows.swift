import AllotLedger

/// Display rows shared by several templates. Every value is plain text; templates
/// escape it for where it lands.
struct LinkView: Sendable, Encodable {
    var text: String
    var href: String
}

/// Credits to use by one day: `useBy` as shown, and how far off it is on pages about now.
struct LotRow: Sendable, Encodable {
    var amount: Int
    /// `1 credit`, `100 credits`.
    var credits: String
    var useBy: String
    var never: Bool
    /// Whole days from the as-of day; nil on statements of past months.
    var daysLeft: Int?
    /// `in 28 days`, `tomorrow`, `today`.
    var daysLeftText: String?
}

struct PendingRow: Sendable, Encodable {
    var message: String
    var sent: String
    var closes: String
}

/// A message counted lost: when it was sent and lost, and why.
struct LostRow: Sendable, Encodable {
    var message: String
    var sent: String
    var lost: String
    var why: String
}

struct WarningBox: Sendable, Encodable {
    var expiringTotal: Int
    var expiring: [LotRow]
    var pendingTotal: Int
    var pending: [PendingRow]
    /// The team's warnings page, linked from boxes shown elsewhere; nil on that page itself.
    var warningsHref: String?
    var hasExpiring: Bool
    var hasPending: Bool
    /// `1 credit`, `2 messages`.
    var expiringText: String
    var pendingText: String
}

extension ReportContext {
    /// One line per use-by day (refunds come back at any hour, so lots expire at any hour),
    /// with the days left counted from the ledger's as-of when `fromAsOf`.
    func lotRows(_ lots: [Lot], fromAsOf: Bool = false) -> [LotRow] {
        format.lotGroups(lots).map { group in
            let days = fromAsOf ? group.first.map { format.daysLeft($0, from: ledger.asOf) } : nil
            return LotRow(
                amount: group.amount, credits: format.credits(group.amount), useBy: group.first.map(format.useBy) ?? "never",
                never: group.first == nil, daysLeft: days,
                daysLeftText: days.map(format.daysLeftText))
        }
    }

    func lotLines(_ lots: [Lot]) -> [StatementDocument.LotLine] {
        lots.map { StatementDocument.LotLine(amount: $0.amount, expires: $0.expires?.iso8601) }
    }

    func pendingRow(_ m: SentMessage) -> PendingRow {
        PendingRow(message: m.message, sent: format.dateTime(m.time), closes: m.closes.map(format.dateTime) ?? "")
    }

    func lostRow(_ m: SentMessage) -> LostRow {
        LostRow(message: m.message, sent: format.dateTime(m.time), lost: format.dateTime(m.lostAt!), why: Self.whyLost(m))
    }

    static func whyLost(_ m: SentMessage) -> String {
        m.lostAtClosing != nil ? "The seat closed while it waited" : "No answer before its window closed"
    }

    /// A relative link from `page` to another page path (both without extension).
    public func href(from page: String, to target: String) -> String { relativeHref(from: page, to: target) }

    func warningBox(_ w: ExpiryWarning, from page: String) -> WarningBox {
        WarningBox(
            expiringTotal: w.expiringTotal, expiring: lotRows(w.expiring, fromAsOf: true), pendingTotal: w.pendingTotal,
            pending: w.pending.map(pendingRow),
            warningsHref: page == teamWarningsPath(w.account.team) ? nil : href(from: page, to: teamWarningsPath(w.account.team)),
            hasExpiring: !w.expiring.isEmpty, hasPending: !w.pending.isEmpty,
            expiringText: format.credits(w.expiringTotal), pendingText: format.counted(w.pendingTotal, "message", "messages"))
    }

    /// The seat's name, or its id when the ledger has no such seat.
    public func displayName(_ accountId: String) -> String { ledger[accountId]?.account.name ?? accountId }
}

/// A relative link from one page path to another (both without extension).
func relativeHref(from page: String, to target: String) -> String {
    String(repeating: "../", count: page.split(separator: "/").count - 1) + target + ".html"
}

extension ReportContext {
    /// The `lots` rows as a table, a line per use-by day as `lotRows` makes them.
    func lotTable(_ lots: [Lot], fromAsOf: Bool = false) -> DataTable {
        let rows = lotRows(lots, fromAsOf: fromAsOf)
        let days = fromAsOf ? [DataColumn("Days left")] : []
        return DataTable(
            name: "credits", columns: [DataColumn("Credits"), DataColumn("Use by", instant: true)] + days,
            rows: zip(rows, format.lotGroups(lots)).map { row, group in
                [.number(row.amount), group.first.map(format.useByCell) ?? .instant(shown: "never", iso8601: "")]
                    + (fromAsOf ? [row.daysLeft.map(DataCell.number) ?? .empty] : [])
            })
    }

    /// The `pending` rows as a table.
    func lostTable(_ messages: [SentMessage]) -> DataTable {
        DataTable(
            name: "lost",
            columns: [DataColumn("Message"), DataColumn("Sent", instant: true), DataColumn("Lost", instant: true), DataColumn("Why")],
            rows: messages.map {
                [.text($0.message), format.instantCell($0.time), format.instantCell($0.lostAt!), .text(ReportContext.whyLost($0))]
            })
    }

    func pendingTable(_ messages: [SentMessage]) -> DataTable {
        DataTable(
            name: "pending",
            columns: [DataColumn("Message"), DataColumn("Sent", instant: true), DataColumn("Window closes", instant: true)],
            rows: messages.map { [.text($0.message), format.instantCell($0.time), $0.closes.map(format.instantCell) ?? .empty] })
    }
}

extension DisplayFormat {
    /// Lots a line per use-by day: the group's credits and its earliest expiry (nil: never).
    func lotGroups(_ lots: [Lot]) -> [(amount: Int, first: Instant?)] {
        var groups: [(amount: Int, first: Instant?, day: CivilDate?)] = []
        for lot in lots {
            let day = lot.expires.map(useByDay)
            if let last = groups.last, last.day == day, (last.first == nil) == (lot.expires == nil) {
                groups[groups.count - 1].amount += lot.amount
            } else {
                groups.append((lot.amount, lot.expires, day))
            }
        }
        return groups.map { ($0.amount, $0.first) }
    }

    /// The use-by day as shown (`3 Jul 2015, before 19:15`) and in ISO 8601 (`2015-07-03`).
    func useByCell(_ expires: Instant) -> DataCell { .instant(shown: useBy(expires), iso8601: useByDay(expires).isoDate) }
}

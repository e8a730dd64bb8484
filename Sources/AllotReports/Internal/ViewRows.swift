import AllotLedger

/// Display rows shared by several templates. Every value is plain text; templates
/// escape it for where it lands.
struct LinkView: Sendable, Encodable {
    var text: String
    var href: String
}

struct LotRow: Sendable, Encodable {
    var amount: Int
    var expires: String
    var never: Bool
}

struct PendingRow: Sendable, Encodable {
    var message: String
    var sent: String
    var closes: String
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
    /// One line per day shown: lots expiring on the same local day at different times
    /// (refunds come back at any hour) are added up, as the reader cannot tell them apart.
    func lotRows(_ lots: [Lot]) -> [LotRow] {
        var rows: [LotRow] = []
        for lot in lots {
            let row = LotRow(amount: lot.amount, expires: lot.expires.map(format.date) ?? "never", never: lot.expires == nil)
            if let last = rows.last, last.expires == row.expires, last.never == row.never {
                rows[rows.count - 1].amount += row.amount
            } else {
                rows.append(row)
            }
        }
        return rows
    }

    func lotLines(_ lots: [Lot]) -> [StatementDocument.LotLine] {
        lots.map { StatementDocument.LotLine(amount: $0.amount, expires: $0.expires?.iso8601) }
    }

    func pendingRow(_ m: SentMessage) -> PendingRow {
        PendingRow(message: m.message, sent: format.dateTime(m.time), closes: m.closes.map(format.dateTime) ?? "")
    }

    /// A relative link from `page` to another page path (both without extension).
    public func href(from page: String, to target: String) -> String { relativeHref(from: page, to: target) }

    func warningBox(_ w: ExpiryWarning, from page: String) -> WarningBox {
        WarningBox(
            expiringTotal: w.expiringTotal, expiring: lotRows(w.expiring), pendingTotal: w.pendingTotal,
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
    /// The `lots` rows as a table, merged by day as `lotRows` merges them.
    func lotTable(_ lots: [Lot]) -> DataTable {
        DataTable(
            name: "credits", columns: [DataColumn("Credits"), DataColumn("Expire", instant: true)],
            rows: format.lotCells(lots).map { [.number($0.amount), $0.expires] })
    }

    /// The `pending` rows as a table.
    func pendingTable(_ messages: [SentMessage]) -> DataTable {
        DataTable(
            name: "pending",
            columns: [DataColumn("Message"), DataColumn("Sent", instant: true), DataColumn("Window closes", instant: true)],
            rows: messages.map { [.text($0.message), format.instantCell($0.time), $0.closes.map(format.instantCell) ?? .empty] })
    }
}

extension DisplayFormat {
    /// Lots as table cells: one line per local day, the day shown and in ISO 8601, or `never`.
    func lotCells(_ lots: [Lot]) -> [(amount: Int, expires: DataCell)] {
        var rows: [(amount: Int, expires: DataCell)] = []
        for lot in lots {
            let expires = lot.expires.map(dateCell) ?? .instant(shown: "never", iso8601: "")
            if let last = rows.last, last.expires == expires {
                rows[rows.count - 1].amount += lot.amount
            } else {
                rows.append((lot.amount, expires))
            }
        }
        return rows
    }
}

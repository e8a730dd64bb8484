import AllotLedger

/// "Shares rejected" on a team page: the shares whose giver held fewer credits than
/// asked, each rejected whole (spec §4, `share`), newest first, as `allot check` lists them.
struct RejectedShareSection: Sendable, Encodable {
    struct Row: Sendable, Encodable {
        var when, from, fromHref, to, toHref, ref: String
        var amount: Int
        /// The giver's balance at the share; nil when the ledger does not say. (Not `balance`:
        /// a template would find the team's when this is nil.)
        var giverBalance: Int?
    }

    var rows: [Row]
    var hasRows: Bool
    var sentence: String
    /// Oldest first, for the JSON twin.
    var lines: [TeamModel.RejectedShare]
    var table: DataTable

    /// The template sees the rows and the sentence.
    enum CodingKeys: String, CodingKey { case rows, hasRows, sentence }

    /// The rejected shares given by `members`, from the page at `path`.
    init(_ members: Set<String>, path: String, _ c: ReportContext) {
        let problems = c.ledger.problems.filter { p in
            p.kind == .rejectedShare && members.contains(p.account) && p.to != nil && p.amount != nil
        }
        lines = problems.map {
            TeamModel.RejectedShare(
                time: $0.time.iso8601, from: $0.account, to: $0.to!, amount: $0.amount!, balance: $0.balance, ref: $0.eventId)
        }
        rows = problems.reversed().map { p in
            Row(
                when: c.format.dateTime(p.time), from: c.displayName(p.account),
                fromHref: c.href(from: path, to: c.accountPath(p.account)), to: c.displayName(p.to!),
                toHref: c.href(from: path, to: c.accountPath(p.to!)), ref: p.eventId, amount: p.amount!, giverBalance: p.balance)
        }
        hasRows = !rows.isEmpty
        sentence =
            rows.count == 1
            ? "This share asked for more credits than the giver held, so it was rejected whole: no credit moved."
            : "These shares asked for more credits than the giver held, so each was rejected whole: no credit moved."
        table = DataTable(
            name: "rejected",
            columns: [
                DataColumn("When", instant: true), DataColumn("From"), DataColumn("To"), DataColumn("Credits asked"),
                DataColumn("Giver's balance"), DataColumn("Event"),
            ],
            rows: zip(problems.reversed(), rows).map { p, row in
                [
                    c.format.instantCell(p.time), .text(row.from), .text(row.to), .number(row.amount),
                    row.giverBalance.map(DataCell.number) ?? .empty, .text(row.ref),
                ]
            })
    }
}

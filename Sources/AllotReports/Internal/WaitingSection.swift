import AllotLedger

/// A seat's messages still waiting at as-of, each with when its credit comes back: by an
/// answer before its window closes (refund on response), or at the end of its guarantee
/// period unless answered first (refund on no response).
struct WaitingSection: Sendable, Encodable {
    struct Row: Sendable, Encodable {
        var message, sent, closes, creditBack: String
    }

    var rows: [Row]
    var hasRows: Bool
    let messages: [SentMessage]

    private enum CodingKeys: String, CodingKey { case rows, hasRows }

    init(_ account: AccountLedger, asOf: Instant, _ format: DisplayFormat) {
        messages = account.messages.filter { $0.isPending(at: asOf) }.sorted { ($0.closes!, $0.time) < ($1.closes!, $1.time) }
        rows = messages.map {
            Row(message: $0.message, sent: format.dateTime($0.time), closes: format.dateTime($0.closes!), creditBack: Self.creditBack($0))
        }
        hasRows = !rows.isEmpty
    }

    /// `If answered by then` (refund on response), or `Then, unless answered first`.
    static func creditBack(_ m: SentMessage) -> String {
        m.refundOn == .noResponse ? "Then, unless answered first" : "If answered by then"
    }

    func lines() -> [AccountModel.WaitingLine] {
        messages.map {
            AccountModel.WaitingLine(
                message: $0.message, event: $0.eventId, sent: $0.time.iso8601, closes: $0.closes!.iso8601,
                refundOn: ($0.refundOn ?? .response).rawValue)
        }
    }

    /// The rows as a spreadsheet: `waiting`.
    func table(_ format: DisplayFormat) -> DataTable {
        DataTable(
            name: "waiting",
            columns: [
                DataColumn("Message"), DataColumn("Sent", instant: true), DataColumn("Window closes", instant: true),
                DataColumn("Credit back"),
            ],
            rows: zip(messages, rows).map { m, r in
                [.text(m.message), format.instantCell(m.time), format.instantCell(m.closes!), .text(r.creditBack)]
            })
    }
}

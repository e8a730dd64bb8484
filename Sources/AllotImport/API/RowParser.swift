import AllotLedger

/// Turns rows into seats and events, checking each row on its own: required fields,
/// known types, instants and amounts (spec §1, §2, §4).
public struct RowParser: Sendable {
    public let instants: InstantParser

    public init(calendar: LedgerCalendar) { self.instants = InstantParser(calendar: calendar) }

    public func seats(_ table: SourceTable) -> (seats: [Located<Account>], issues: [ImportIssue]) {
        var seats: [Located<Account>] = [], issues: [ImportIssue] = []
        for row in table.rows {
            var rowIssues = Self.nulIssues(row, table.file)
            func issue(_ field: String, _ message: String) {
                rowIssues.append(ImportIssue(file: table.file, line: row.line, field: field, message))
            }
            let id = row.fields["account"] ?? ""
            if id.isEmpty { issue("account", "is required") }
            let team = row.fields["team"] ?? ""
            if team.isEmpty { issue("team", "is required") }
            let opened = instant(row, "opened", required: true, table.file, &rowIssues)
            let closed = instant(row, "closed", required: false, table.file, &rowIssues)
            if let o = opened, let c = closed, !(o < c) {
                issue("closed", "\(row.fields["closed"]!) is not after opened \(row.fields["opened"]!)")
            }
            if rowIssues.isEmpty, let opened {
                let account = Account(id: id, name: row.fields["name"] ?? id, team: team, email: row.fields["email"],
                                      opened: opened, closed: closed)
                seats.append(Located(account, file: table.file, line: row.line))
            }
            issues += rowIssues
        }
        return (seats, issues)
    }

    public func events(_ table: SourceTable) -> (events: [Located<LedgerEvent>], issues: [ImportIssue]) {
        var events: [Located<LedgerEvent>] = [], issues: [ImportIssue] = []
        for row in table.rows {
            var rowIssues = Self.nulIssues(row, table.file)
            func issue(_ field: String, _ message: String) {
                rowIssues.append(ImportIssue(file: table.file, line: row.line, field: field, message))
            }
            let id = row.fields["id"] ?? ""
            if id.isEmpty { issue("id", "is required") }
            let time = instant(row, "time", required: true, table.file, &rowIssues)
            let typeText = row.fields["type"] ?? ""
            let kind = LedgerEvent.Kind(rawValue: typeText)
            if typeText.isEmpty {
                issue("type", "is required")
            } else if kind == nil {
                issue("type", "\"\(typeText)\" is not an event type; use send, accept, decline, share, grant or adjust")
            }
            var amount: Int?
            if let text = row.fields["amount"] {
                amount = Int(text)
                if amount == nil { issue("amount", "\"\(text)\" is not a whole number") }
            }
            if let kind {
                for field in Self.requiredFields(kind) where row.fields[field] == nil {
                    issue(field, "is required for a \(kind.rawValue) event")
                }
                if let amount {
                    switch kind {
                    case .share, .grant: if amount <= 0 { issue("amount", "must be more than 0 for a \(kind.rawValue)") }
                    case .adjust: if amount == 0 { issue("amount", "must not be 0 for an adjust") }
                    default: break
                    }
                }
            }
            if rowIssues.isEmpty, let kind, let time {
                let event = LedgerEvent(id: id, time: time, kind: kind, account: row.fields["account"],
                                        message: row.fields["message"], to: row.fields["to"], amount: amount,
                                        note: row.fields["note"])
                events.append(Located(event, file: table.file, line: row.line))
            }
            issues += rowIssues
        }
        return (events, issues)
    }

    /// A NUL character cannot be stored faithfully (SQLite's text would end there), so
    /// a field holding one is refused rather than cut short.
    static func nulIssues(_ row: SourceRow, _ file: String) -> [ImportIssue] {
        row.fields.keys.sorted().filter { row.fields[$0]!.utf8.contains(0) }.map {
            ImportIssue(file: file, line: row.line, field: $0, "holds a NUL character (byte 0); remove it and import again")
        }
    }

    static func requiredFields(_ kind: LedgerEvent.Kind) -> [String] {
        switch kind {
        case .send: return ["account", "message"]
        case .accept, .decline: return ["message"]
        case .share: return ["account", "to", "amount"]
        case .grant, .adjust: return ["account", "amount"]
        }
    }

    private func instant(_ row: SourceRow, _ field: String, required: Bool, _ file: String,
                         _ issues: inout [ImportIssue]) -> Instant? {
        guard let text = row.fields[field] else {
            if required { issues.append(ImportIssue(file: file, line: row.line, field: field, "is required")) }
            return nil
        }
        switch instants.parse(text) {
        case .success(let t): return t
        case .failure(let f):
            issues.append(ImportIssue(file: file, line: row.line, field: field, f.description))
            return nil
        }
    }
}

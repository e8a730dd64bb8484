import AllotLedger

/// Turns rows into seats and events, checking each row on its own: required fields,
/// known types, instants and amounts (spec §1, §2, §4).
public struct RowParser: Sendable {
    public let instants: InstantParser

    public init(calendar: LedgerCalendar) { self.instants = InstantParser(calendar: calendar) }

    public func seats(_ table: SourceTable) -> (seats: [Located<Account>], issues: [ImportIssue]) {
        guard table.kind == .seats else { return ([], [ImportIssue(file: table.file, line: 1, "holds events, not seats")]) }
        var seats: [Located<Account>] = [], issues: [ImportIssue] = []
        table.forEachRow { row in
            if let seat = seat(row, table.file, &issues) { seats.append(Located(seat, file: table.file, line: row.line)) }
        }
        return (seats, issues)
    }

    public func events(_ table: SourceTable) -> (events: [Located<LedgerEvent>], issues: [ImportIssue]) {
        guard table.kind == .events else { return ([], [ImportIssue(file: table.file, line: 1, "holds seats, not events")]) }
        var events: [Located<LedgerEvent>] = [], issues: [ImportIssue] = []
        table.forEachRow { row in
            if let event = event(row, table.file, &issues) { events.append(Located(event, file: table.file, line: row.line)) }
        }
        return (events, issues)
    }

    // Seat columns, in `SourceKind.seats.columns` order.
    private static let (sAccount, sName, sTeam, sEmail, sOpened, sClosed) = (0, 1, 2, 3, 4, 5)
    // Event columns, in `SourceKind.events.columns` order.
    private static let (eID, eTime, eType, eAccount, eMessage, eTo, eAmount, eNote) = (0, 1, 2, 3, 4, 5, 6, 7)

    /// One seat row, or nil with its problems added to `issues`.
    func seat(_ row: borrowing RowCells, _ file: String, _ issues: inout [ImportIssue]) -> Account? {
        let before = issues.count
        Self.nulIssues(row, .seats, file, &issues)
        func issue(_ field: String, _ message: String) {
            issues.append(ImportIssue(file: file, line: row.line, field: field, message))
        }
        let id = row.string(Self.sAccount) ?? ""
        if id.isEmpty { issue("account", "is required") }
        let team = row.string(Self.sTeam) ?? ""
        if team.isEmpty { issue("team", "is required") }
        let opened = instant(row, Self.sOpened, "opened", required: true, file, &issues)
        let closed = instant(row, Self.sClosed, "closed", required: false, file, &issues)
        if let o = opened, let c = closed, !(o < c) {
            issue("closed", "\(row.string(Self.sClosed)!) is not after opened \(row.string(Self.sOpened)!)")
        }
        guard issues.count == before, let opened else { return nil }
        return Account(
            id: id, name: row.string(Self.sName) ?? id, team: team, email: row.string(Self.sEmail),
            opened: opened, closed: closed)
    }

    /// One event row, or nil with its problems added to `issues`.
    func event(_ row: borrowing RowCells, _ file: String, _ issues: inout [ImportIssue]) -> LedgerEvent? {
        let before = issues.count
        Self.nulIssues(row, .events, file, &issues)
        func issue(_ field: String, _ message: String) {
            issues.append(ImportIssue(file: file, line: row.line, field: field, message))
        }
        let id = row.string(Self.eID) ?? ""
        if id.isEmpty { issue("id", "is required") }
        let time = instant(row, Self.eTime, "time", required: true, file, &issues)
        let kind = row.bytes(Self.eType).flatMap(Self.kind)
        if !row.has(Self.eType) {
            issue("type", "is required")
        } else if kind == nil {
            issue("type", "\"\(row.string(Self.eType)!)\" is not an event type; use send, accept, decline, share, grant or adjust")
        }
        var amount: Int?
        if let bytes = row.bytes(Self.eAmount) {
            amount = Self.integer(bytes).flatMap { LedgerLimits.eventAmount.contains($0) ? $0 : nil }
            if amount == nil {
                let text = row.string(Self.eAmount)!
                issue(
                    "amount",
                    Self.isSignedDigits(bytes)
                        ? "\(text) is outside the amounts an event may have, \(LedgerLimits.text(LedgerLimits.eventAmount))"
                        : "\"\(text)\" is not a whole number")
            }
        }
        if let kind {
            for (field, column) in Self.requiredColumns(kind) where !row.has(column) {
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
        guard issues.count == before, let kind, let time else { return nil }
        return LedgerEvent(
            id: id, time: time, kind: kind, account: row.string(Self.eAccount),
            message: row.string(Self.eMessage), to: row.string(Self.eTo), amount: amount,
            note: row.string(Self.eNote))
    }

    private static func kind(_ b: UnsafeBufferPointer<UInt8>) -> LedgerEvent.Kind? {
        switch (b.count, b.first) {
        case (4, UInt8(ascii: "s")): return b.elementsEqual("send".utf8) ? .send : nil
        case (5, UInt8(ascii: "s")): return b.elementsEqual("share".utf8) ? .share : nil
        case (5, UInt8(ascii: "g")): return b.elementsEqual("grant".utf8) ? .grant : nil
        case (6, UInt8(ascii: "a")):
            return b.elementsEqual("accept".utf8) ? .accept : b.elementsEqual("adjust".utf8) ? .adjust : nil
        case (7, UInt8(ascii: "d")): return b.elementsEqual("decline".utf8) ? .decline : nil
        default: return nil
        }
    }

    /// What `Int(String)` accepts: an optional sign and decimal digits that fit.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, negative = false
        if let first = b.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-"); i = 1
        }
        guard i < b.count else { return nil }
        var value = 0
        while i < b.count {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
            guard !o1, !o2 else { return nil }
            value = s; i += 1
        }
        return value
    }

    /// An optional sign and decimal digits, however many.
    static func isSignedDigits(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let digits = b.first == UInt8(ascii: "+") || b.first == UInt8(ascii: "-") ? b.dropFirst() : b[...]
        return !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// A NUL character cannot be stored faithfully (SQLite's text would end there), so
    /// a field holding one is refused rather than cut short.
    static func nulIssues(_ row: borrowing RowCells, _ kind: SourceKind, _ file: String, _ issues: inout [ImportIssue]) {
        var names: [String] = []
        for c in 0..<kind.columns.count {
            if let b = row.bytes(c), b.contains(0) { names.append(kind.columns[c]) }
        }
        for name in names.sorted() {
            issues.append(
                ImportIssue(file: file, line: row.line, field: name, "holds a NUL character (byte 0); remove it and import again"))
        }
    }

    static func requiredFields(_ kind: LedgerEvent.Kind) -> [String] { requiredColumns(kind).map(\.0) }

    private static func requiredColumns(_ kind: LedgerEvent.Kind) -> [(String, Int)] {
        switch kind {
        case .send: return [("account", eAccount), ("message", eMessage)]
        case .accept, .decline: return [("message", eMessage)]
        case .share: return [("account", eAccount), ("to", eTo), ("amount", eAmount)]
        case .grant, .adjust: return [("account", eAccount), ("amount", eAmount)]
        }
    }

    private func instant(
        _ row: borrowing RowCells, _ column: Int, _ field: String, required: Bool, _ file: String,
        _ issues: inout [ImportIssue]
    ) -> Instant? {
        guard let bytes = row.bytes(column) else {
            if required { issues.append(ImportIssue(file: file, line: row.line, field: field, "is required")) }
            return nil
        }
        switch instants.parse(utf8: bytes) {
        case .success(let t): return t
        case .failure(let f):
            issues.append(ImportIssue(file: file, line: row.line, field: field, f.description))
            return nil
        }
    }
}

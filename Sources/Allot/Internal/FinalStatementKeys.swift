import AllotLedger
import AllotReports
import AllotSupport

/// The key of each final statement of one team (`Statement.isFinal`), worked out from
/// what the statement is made of before anything is replayed: the build's final inputs
/// (templates, config but `as_of`, program), the team's seats and slugs, the account and
/// month, and every event of the team before the month's end plus `response_rate_days`,
/// the last instant its response rates count an answer at. A posting depends on no later
/// event (spec §5), so two builds that give a statement the same key render it alike, and
/// a later build keeps its files instead.
enum FinalStatementKeys {
    /// Keys by statement page path (`path(account, month)`).
    static func make(
        team: String, accounts: [Account], events: [LedgerEvent], settings: LedgerSettings, asOf: Instant, slugs: SiteSlugs,
        inputs: String, path: (String, Month) -> String
    ) -> [String: String] {
        let calendar = settings.calendar
        var finals: [(account: Account, month: Month, until: Instant)] = []
        for a in accounts where a.opened < asOf {
            let last = calendar.month(of: min(a.closed ?? .distantFuture, Instant(millis: asOf.millis - 1)))
            var m = calendar.month(of: a.opened)
            while m <= last {
                let end = calendar.startOfMonth(m.next)
                let settled = calendar.adding(days: settings.responseRateDays, to: end)
                guard end <= asOf, settled <= asOf else { break }
                finals.append((a, m, settled))
                m = m.next
            }
        }
        guard !finals.isEmpty else { return [:] }
        var seats = Bytes()
        seats.add("allot final statement 1")
        seats.add(inputs)
        seats.add(team)
        seats.add(slugs.team(team))
        for a in accounts.sorted(by: { UTF8Order.precedes($0.id, $1.id) }) {
            seats.add(a.id); seats.add(slugs.account(a.id)); seats.add(a.name); seats.add(a.team); seats.add(a.email ?? "\u{0}")
            seats.add("\(a.opened.millis)"); seats.add(a.closed.map { "\($0.millis)" } ?? "open")
        }
        // The events in one order whatever the store's, hashed once; a copy of the hasher at
        // each month's limit gives the digest of the events before it.
        let sorted = events.sorted { $0.time != $1.time ? $0.time < $1.time : UTF8Order.precedes($0.id, $1.id) }
        var hasher = SHA256.Hasher()
        seats.feed(&hasher)
        var prefixes: [Instant: [UInt8]] = [:]
        var next = 0
        for limit in Set(finals.map(\.until)).sorted() {
            var chunk = Bytes()
            while next < sorted.count, sorted[next].time < limit {
                chunk.event(sorted[next])
                next += 1
            }
            chunk.feed(&hasher)
            var copy = hasher
            prefixes[limit] = copy.finalize()
        }
        var keys: [String: String] = [:]
        for f in finals {
            var tail = Bytes()
            tail.add(f.account.id)
            tail.add(f.month.description)
            var h = SHA256.Hasher()
            let prefix = prefixes[f.until]!
            prefix.withUnsafeBufferPointer { h.update($0) }
            tail.feed(&h)
            keys[path(f.account.id, f.month)] = SHA256.hexString(h.finalize())
        }
        return keys
    }

    /// Fields, each with its length first, so no two lists of fields give the same bytes.
    struct Bytes {
        var bytes: [UInt8] = []

        mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func event(_ e: LedgerEvent) {
            add(e.id); add("\(e.time.millis)"); add(e.kind.rawValue); add(e.account ?? "\u{0}"); add(e.message ?? "\u{0}")
            add(e.to ?? "\u{0}"); add(e.amount.map(String.init) ?? "\u{0}"); add(e.note ?? "\u{0}")
        }

        func feed(_ hasher: inout SHA256.Hasher) { bytes.withUnsafeBufferPointer { hasher.update($0) } }
    }
}

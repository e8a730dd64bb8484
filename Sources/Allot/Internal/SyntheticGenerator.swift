import AllotLedger

/// Draws the seats and events of a `SyntheticLedger`.
struct SyntheticGenerator {
    let spec: SyntheticLedger
    var random: SplitMix64
    let calendar = LedgerCalendar(identifier: "America/New_York")!
    var nextEvent = 0
    var nextMessage = 0

    init(_ spec: SyntheticLedger) {
        self.spec = spec
        random = SplitMix64(seed: spec.seed)
    }

    struct Seat { var id: String; var team: String; var opened: Instant; var closed: Instant? }

    struct Row { var time: Instant; var fields: [String] }

    mutating func make() -> (seats: String, events: String) {
        let rangeStart = calendar.startOfMonth(spec.start)
        let rangeEnd = calendar.startOfMonth(spec.start.adding(spec.months))
        let seats = drawSeats(from: rangeStart, to: rangeEnd)
        var seatCSV = CSVText(header: ["account", "name", "team", "email", "opened", "closed"])
        for s in seats {
            let name = personName()
            seatCSV.append([s.id, name, s.team, emailFor(name, s.id), s.opened.iso8601, s.closed?.iso8601 ?? ""])
        }
        var rows: [Row] = []
        let byTeam = Dictionary(grouping: seats, by: \.team)
        for team in byTeam.keys.sorted() {
            let members = byTeam[team]!
            for seat in members { drawActivity(seat, until: rangeEnd, into: &rows) }
            drawShares(members, from: rangeStart, to: rangeEnd, into: &rows)
        }
        rows.sort { $0.time != $1.time ? $0.time < $1.time : UTF8Order.precedes($0.fields[0], $1.fields[0]) }
        var eventCSV = CSVText(header: ["id", "time", "type", "account", "message", "to", "amount", "note"])
        for r in rows { eventCSV.append(r.fields) }
        return (seatCSV.text, eventCSV.text)
    }

    private mutating func drawSeats(from start: Instant, to end: Instant) -> [Seat] {
        var seats: [Seat] = []
        var team = 0
        while seats.count < spec.accounts {
            team += 1
            let size = min(Int.random(in: 2...12, using: &random), spec.accounts - seats.count)
            for _ in 0..<size {
                let n = seats.count + 1
                let id = "seat-" + String(String(n + 100_000).dropFirst())
                let lateMonths = random.chance(0.25) ? Int.random(in: 1...max(1, spec.months / 2), using: &random) : 0
                let opened = randomInstant(in: spec.start.adding(lateMonths))
                var closed: Instant?
                if random.chance(0.04) || n % 16 == 7 {
                    let t = calendar.adding(days: Int.random(in: 30...max(31, spec.months * 20), using: &random), to: opened)
                    if t < end { closed = t }
                }
                seats.append(Seat(id: id, team: "team-" + String(String(team + 1000).dropFirst()), opened: opened, closed: closed))
            }
        }
        return seats
    }

    private mutating func drawActivity(_ seat: Seat, until end: Instant, into rows: inout [Row]) {
        let stop = min(seat.closed ?? end, end)
        var month = calendar.month(of: seat.opened)
        while calendar.startOfMonth(month) < stop {
            let sends = Int.random(in: 20...100, using: &random)
            for _ in 0..<sends {
                let t = randomInstant(in: month)
                guard t >= seat.opened, t < stop else { continue }
                let message = "msg-" + String(nextMessage)
                nextMessage += 1
                rows.append(Row(time: t, fields: [eventId(), t.iso8601, "send", seat.id, message, "", "", ""]))
                guard random.chance(0.36) else { continue }
                let days = random.chance(0.9) ? Int.random(in: 0...89, using: &random) : Int.random(in: 90...120, using: &random)
                let r = Instant(
                    millis: calendar.adding(days: days, to: t).millis + Int64(Int.random(in: 0..<86_400, using: &random)) * 1000)
                guard r < end else { continue }
                let kind = random.chance(0.6) ? "accept" : "decline"
                rows.append(Row(time: r, fields: [eventId(), r.iso8601, kind, "", message, "", "", ""]))
            }
            if random.chance(0.05) {
                let t = randomInstant(in: month)
                if t >= seat.opened, t < stop {
                    rows.append(Row(time: t, fields: [eventId(), t.iso8601, "grant", seat.id, "", "", "50", "purchased pack"]))
                }
            }
            if random.chance(0.02) {
                let t = randomInstant(in: month)
                let amount = random.chance(0.5) ? -Int.random(in: 1...10, using: &random) : Int.random(in: 1...10, using: &random)
                if t >= seat.opened, t < stop {
                    rows.append(Row(time: t, fields: [eventId(), t.iso8601, "adjust", seat.id, "", "", String(amount), "correction"]))
                }
            }
            month = month.next
        }
    }

    private mutating func drawShares(_ members: [Seat], from start: Instant, to end: Instant, into rows: inout [Row]) {
        guard members.count > 1 else { return }
        for _ in 0..<(members.count * spec.months / 4) {
            let giver = members[Int.random(in: 0..<members.count, using: &random)]
            let receiver = members[Int.random(in: 0..<members.count, using: &random)]
            guard giver.id != receiver.id else { continue }
            let t = randomInstant(in: spec.start.adding(Int.random(in: 0..<spec.months, using: &random)))
            let open = { (s: Seat) in s.opened <= t && t < min(s.closed ?? end, end) }
            guard open(giver), open(receiver) else { continue }
            let amount = Int.random(in: 5...40, using: &random)
            rows.append(Row(time: t, fields: [eventId(), t.iso8601, "share", giver.id, "", receiver.id, String(amount), "team share"]))
        }
    }

    /// A working-hours instant in a month (seconds precision).
    private mutating func randomInstant(in month: Month) -> Instant {
        let day = Int.random(in: 0..<CivilDate.daysIn(year: month.year, month: month.month), using: &random)
        let local = LocalDateTime(
            date: month.firstDay.adding(days: day),
            millisOfDay: Int64(Int.random(in: 8 * 3600..<19 * 3600, using: &random)) * 1000)
        return calendar.instant(local)
    }

    private mutating func eventId() -> String {
        nextEvent += 1
        return "ev-" + String(String(nextEvent + 100_000_000).dropFirst())
    }

    private static let first = [
        "Ada", "Ben", "Chloé", "Dev", "Elif", "Femi", "Grace", "Hiro", "Inès", "Jonas", "Kai", "Lena",
        "Mateo", "Nia", "Olu", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vik", "Wen", "Yara", "Zoë",
    ]
    private static let last = [
        "Okafor", "Lindqvist", "Moreau", "Tanaka", "Nowak", "García", "Kowalski", "Haddad", "Ivanova",
        "Murphy", "Schmidt", "Rossi", "Nguyen", "Costa", "Jansen", "Singh", "Park", "Adeyemi",
    ]

    private mutating func personName() -> String {
        Self.first[Int.random(in: 0..<Self.first.count, using: &random)] + " "
            + Self.last[Int.random(in: 0..<Self.last.count, using: &random)]
    }

    private func emailFor(_ name: String, _ id: String) -> String {
        let local = name.lowercased().unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic) }
        return String(String.UnicodeScalarView(local)) + "." + id + "@example.com"
    }
}

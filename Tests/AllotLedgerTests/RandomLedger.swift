import AllotLedger

/// Small ledgers drawn to collide: events on midnights and noons (where allotments,
/// expiries and switches happen), shares and adjustments larger than balances, caps,
/// closings, late and duplicate responses, in several time zones.
struct RandomLedger {
    var random: TestRandom

    init(seed: UInt64) { random = TestRandom(seed: seed) }

    mutating func scenario() -> (scenario: Scenario, asOf: String) {
        var s = Scenario()
        s.timezone = random.pick(["UTC", "America/New_York", "Europe/London", "Australia/Sydney"])
        var inmail: [String: PolicyParameters.Value] = [:]
        if random.chance(0.4) { inmail["cap"] = .integer(random.int(50...300)) }
        if random.chance(0.3) { inmail["allotment_day"] = .text("anniversary") }
        if random.chance(0.3) { inmail["lifetime_days"] = .integer(random.int(20...60)) }
        if random.chance(0.2) { inmail["carry_over_days"] = .integer(random.int(1...40)) }
        var weighted: [String: PolicyParameters.Value] = [:]
        if random.chance(0.4) { weighted["cap"] = .integer(random.int(50...300)) }
        if random.chance(0.5) {
            let low = random.int(0...60)
            weighted["low_rate"] = .integer(low)
            weighted["high_rate"] = .integer(random.int(low...100))
            weighted["lookback_days"] = .integer(random.int(5...120))
            weighted["middle_days"] = .integer(random.int(10...200))
            weighted["high_days"] = random.chance(0.5) ? .text("none") : .integer(random.int(30...400))
        }
        let second = random.chance(0.35) ? ("response-weighted", weighted) : ("inmail-2015", inmail)
        s.policies = [
            ("legacy", "2014-10-01", random.chance(0.3) ? ["allotment": .integer(random.int(0...10))] : [:]),
            ("\(second.0)", "2015-01-01", second.1),
        ]
        if random.chance(0.5) { s.bonuses = [Bonus(month: Month("2015-01")!, amount: random.int(1...150))] }
        s.refundDelayHours = random.pick([0, 0, 24, 48])
        let count = random.int(1...5)
        for i in 0..<count {
            let opened = day(from: -80, to: 90)
            let closed: String? = random.chance(0.25) ? day(from: 100, to: 200) : nil
            s.seat("s\(i)", team: random.chance(0.7) ? "t1" : "t2", opened: opened, closed: closed)
        }
        var messages: [String] = []
        for n in 0..<random.int(0...70) {
            let t = instantText()
            let time = s.instant(t)
            let open = s.seats.filter { $0.isOpen(at: time) }
            guard let a = open.isEmpty ? nil : random.pick(open) else { continue }
            switch random.int(0...9) {
            case 0...3:
                messages.append("m\(n)")
                s.event("e\(n)", t, .send, a.id, message: "m\(n)")
            case 4...5:
                guard let m = messages.isEmpty ? nil : random.pick(messages),
                    let send = s.events.first(where: { $0.message == m && $0.kind == .send })
                else { continue }
                let later = s.calendar.adding(days: random.int(0...100), to: send.time)
                s.events.append(LedgerEvent(id: "e\(n)", time: later, kind: random.chance(0.5) ? .accept : .decline, message: m))
            case 6:
                let mates = open.filter { $0.team == a.team && $0.id != a.id }
                guard let b = mates.isEmpty ? nil : random.pick(mates) else { continue }
                s.event("e\(n)", t, .share, a.id, to: b.id, amount: random.int(1...300))
            case 7:
                s.event("e\(n)", t, .grant, a.id, amount: random.int(1...50))
            default:
                s.event("e\(n)", t, .adjust, a.id, amount: random.chance(0.5) ? random.int(1...40) : -random.int(1...200))
            }
        }
        return (s, day(from: 20, to: 300))
    }

    /// A bare date this many days after 2014-10-01.
    private mutating func day(from: Int, to: Int) -> String {
        CivilDate(year: 2014, month: 10, day: 1).adding(days: random.int(from...to)).isoDate
    }

    /// Midnight or noon UTC on a day in the range, often at month starts.
    private mutating func instantText() -> String {
        let date =
            random.chance(0.2)
            ? CivilDate(year: random.pick([2014, 2015]), month: random.int(1...12), day: 1)
            : CivilDate(year: 2014, month: 10, day: 1).adding(days: random.int(0...300))
        return date.isoDate + random.pick(["T00:00:00Z", "T12:00:00Z", "T05:00:00Z", "T04:00:00Z"])
    }
}

struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

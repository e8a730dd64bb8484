import Foundation
import Testing

@testable import Allot

/// One number in every view: over generated ledgers (closings, shares between seats and
/// the 2015 policy switch among them), every figure the site shows twice is the same
/// figure, read from the JSON twins of the pages that show it.
@Suite(.cleansScratch) struct CrossViewTests {
    typealias Object = [String: Any]

    /// A site of a generated ledger with a what-if entry whose timeline is the main one.
    static func site(seed: UInt64) throws -> String {
        let folder = TestSupport.scratch()
        for file in SyntheticLedger(accounts: 16, months: 9, seed: seed).files() {
            var text = file.text
            if file.name == "allot.toml" { text += ComparisonTests.sameAsMain }
            TestSupport.write(text, to: folder + "/" + file.name)
        }
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: folder + "/site")
        return folder + "/site"
    }

    static func json(_ path: String) throws -> Object {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! Object
    }

    static func int(_ o: Any?, _ keys: String...) -> Int {
        var value = o
        for key in keys { value = (value as? Object)?[key] }
        return value as? Int ?? Int.min
    }

    /// The figures of §6's statement a page may show, by name.
    static let totals = ["allotment", "bonus", "grant", "refund", "send", "shareIn", "shareOut", "expire", "forfeit", "adjust"]
    static let messages = ["sent", "accepted", "declined", "lost", "pending", "unfunded"]
    static let responses = ["sent", "answered", "accepted", "tooRecent"]

    /// What a seat's pages say: its twin and its statements by month.
    struct Seat {
        var page: Object
        var statements: [String: Object]
    }

    @Test(arguments: [UInt64(4), 11, 29])
    func everyFigureShownTwiceIsTheSameFigure(seed: UInt64) throws {
        let counts = try check(Self.site(seed: seed), whatIf: true)
        #expect(counts.closedSeats > 0 && counts.shares > 0, "seed \(seed): the ledger should close a seat and share credits")
    }

    /// The bundled demo, whose index once counted 31 unanswered credits for northwind in
    /// April 2015 where its seats' statements held 28.
    @Test func theDemoShowsEveryFigureOnce() throws {
        let folder = (ComparisonTests.demo() as NSString).deletingLastPathComponent
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: folder + "/site")
        _ = try check(folder + "/site", whatIf: false)
    }

    /// Checks every view of `site` against the others; how many seats closed and shares it saw.
    func check(_ site: String, whatIf: Bool) throws -> (closedSeats: Int, shares: Int) {
        let index = try Self.json(site + "/index.json")
        var seatsByTeam: [String: [Seat]] = [:], teamPages: [String: Object] = [:]
        var closedSeats = 0, shares = 0

        for team in index["teams"] as! [Object] {
            let slug = team["slug"] as! String
            let teamPage = try Self.json(site + "/teams/\(slug)/index.json")
            shares += (teamPage["shares"] as! [Object]).count
            for member in teamPage["members"] as! [Object] {
                let seatSlug = member["slug"] as! String
                let page = try Self.json(site + "/accounts/\(seatSlug)/index.json")
                var statements: [String: Object] = [:]
                for month in page["months"] as! [Object] {
                    let name = month["month"] as! String
                    statements[name] = try Self.json(site + "/accounts/\(seatSlug)/\(name).json")
                }
                if page["closed"] is String { closedSeats += 1 }
                let seat = Seat(page: page, statements: statements)
                try checkSeat(seat, site: site, slug: seatSlug)
                seatsByTeam[team["id"] as! String, default: []].append(seat)
            }
            checkTeam(team, teamPage, seatsByTeam[team["id"] as! String] ?? [])
            teamPages[team["id"] as! String] = teamPage
        }
        checkIndex(index, seatsByTeam)
        checkResponses(index, teamPages, seatsByTeam)
        try checkWarnings(site, index)
        if whatIf { try checkWhatIf(site, seatsByTeam) }
        return (closedSeats, shares)
    }

    /// A seat's page against its statements: each month's row, the balance, the held lots,
    /// and the response counts of all time and of each policy's time against the months'.
    func checkSeat(_ seat: Seat, site: String, slug: String) throws {
        let months = seat.page["months"] as! [Object]
        for row in months {
            let name = row["month"] as! String
            let statement = seat.statements[name]!
            #expect(Self.int(row, "opening") == Self.int(statement, "opening"), "\(slug) \(name) opening")
            #expect(Self.int(row, "closing") == Self.int(statement, "closing"), "\(slug) \(name) closing")
            for key in Self.totals {
                #expect(Self.int(row, key) == Self.int(statement, "totals", key), "\(slug) \(name) \(key)")
            }
            for key in Self.messages {
                #expect(Self.int(row, "messages", key) == Self.int(statement, "messages", key), "\(slug) \(name) messages.\(key)")
            }
            for key in Self.responses {
                #expect(Self.int(row, "responses", key) == Self.int(statement, "responses", key), "\(slug) \(name) responses.\(key)")
            }
            // Opening plus the month's postings is its closing.
            let moved = Self.totals.reduce(0) { $0 + Self.int(statement, "totals", $1) }
            #expect(Self.int(statement, "opening") + moved == Self.int(statement, "closing"), "\(slug) \(name)")
        }
        for (earlier, later) in zip(months, months.dropFirst()) {
            #expect(Self.int(earlier, "closing") == Self.int(later, "opening"), "\(slug) \(later["month"]!)")
        }
        // The balance is the last statement's closing and the sum of the lots held.
        let balance = Self.int(seat.page, "balance")
        if seat.page["closed"] is NSNull, let last = months.last {
            #expect(balance == Self.int(last, "closing"), "\(slug) balance")
        }
        #expect(balance == (seat.page["lots"] as! [Object]).reduce(0) { $0 + Self.int($1, "amount") }, "\(slug) lots")
        // Where the credits went: each origin's credits all end somewhere, and each kind of
        // credit in and out is the statements' sum of that kind.
        let went = seat.page["whereCreditsWent"] as! [Object]
        let ends = ["sent", "sharedOut", "adjusted", "expired", "forfeited", "held"]
        for row in went {
            #expect(Self.int(row, "brought") == ends.reduce(0) { $0 + Self.int(row, $1) }, "\(slug) \(row["origin"]!) adds up")
        }
        func statementSum(_ key: String) -> Int { seat.statements.values.reduce(0) { $0 + Self.int($1, "totals", key) } }
        func wentSum(_ key: String, origin: String? = nil) -> Int {
            went.filter { origin == nil || $0["origin"] as? String == origin }.reduce(0) { $0 + Self.int($1, key) }
        }
        #expect(wentSum("held") == balance, "\(slug) held")
        #expect(wentSum("sent") == -statementSum("send"), "\(slug) sent")
        #expect(wentSum("sharedOut") == -statementSum("shareOut"), "\(slug) shared out")
        #expect(wentSum("expired") == -statementSum("expire"), "\(slug) expired")
        #expect(wentSum("forfeited") == -statementSum("forfeit"), "\(slug) forfeited")
        for (origin, key) in [
            ("allotment", "allotment"), ("bonus", "bonus"), ("grant", "grant"), ("refund", "refund"), ("share", "shareIn"),
        ] {
            #expect(wentSum("brought", origin: origin) == statementSum(key), "\(slug) \(origin) brought")
        }
        // Lost and waiting messages: the lists are as long as the counts.
        for (name, statement) in seat.statements {
            #expect((statement["lostMessages"] as! [Object]).count == Self.int(statement, "messages", "lost"), "\(slug) \(name) lost")
        }
        let pendingNow = months.last.map { Self.int(seat.statements[$0["month"] as! String], "messages", "pending") } ?? 0
        if seat.page["closed"] is NSNull {
            #expect((seat.page["waiting"] as! [Object]).count == pendingNow, "\(slug) waiting")
        }
        // All-time responses are the months' and the policies' sums.
        for key in Self.responses {
            let all = Self.int(seat.page, "responses", key)
            #expect(all == months.reduce(0) { $0 + Self.int($1, "responses", key) }, "\(slug) responses.\(key) by month")
            let byPolicy = (seat.page["policyResponses"] as! [Object]).reduce(0) { $0 + Self.int($1["responses"], key) }
            #expect(all == byPolicy, "\(slug) responses.\(key) by policy")
        }
    }

    /// Credits lost, by kind, as a list of losses or a total says them.
    static func losses(_ statement: Object) -> [String: Int] {
        [
            "expired": -int(statement, "totals", "expire"), "forfeited": -int(statement, "totals", "forfeit"),
            "unanswered": int(statement, "messages", "lost"),
        ]
    }

    static func add(_ a: [String: Int], _ b: [String: Int]) -> [String: Int] { a.merging(b, uniquingKeysWith: +) }

    static func figures(_ o: Any?) -> [String: Int] {
        var out: [String: Int] = [:]
        for key in ["expired", "forfeited", "unanswered"] { out[key] = int(o, key) }
        return out
    }

    /// A team's page and its line on the index against its seats' pages and statements.
    func checkTeam(_ line: Object, _ page: Object, _ seats: [Seat]) {
        let team = line["id"] as! String
        let members = page["members"] as! [Object]
        #expect(Self.int(line, "seats") == members.count, "\(team) seats")
        #expect(Self.int(line, "balance") == seats.reduce(0) { $0 + Self.int($1.page, "balance") }, "\(team) balance")
        for (member, seat) in zip(members, seats) {
            #expect(Self.int(member, "balance") == Self.int(seat.page, "balance"), "\(team) \(member["account"]!)")
        }
        // Losses month by month and in all: the sums of the seats' statements.
        var byMonth: [String: [String: Int]] = [:]
        for seat in seats {
            for (month, statement) in seat.statements { byMonth[month] = Self.add(byMonth[month] ?? [:], Self.losses(statement)) }
        }
        let zero = ["expired": 0, "forfeited": 0, "unanswered": 0]
        for row in page["losses"] as! [Object] {
            let month = row["month"] as! String
            #expect(Self.figures(row) == byMonth[month] ?? zero, "\(team) \(month) losses")
            #expect(Self.int(row, "total") == Self.figures(row).values.reduce(0, +), "\(team) \(month) total")
        }
        let all = byMonth.values.reduce(zero, Self.add)
        #expect(Self.figures(page["lost"]) == all, "\(team) lost")
        #expect(Self.figures(line["lost"]) == all, "\(team) lost on the index")
    }

    /// The index against the teams: seats, balance and losses.
    func checkIndex(_ index: Object, _ seatsByTeam: [String: [Seat]]) {
        let teams = index["teams"] as! [Object]
        #expect(Self.int(index, "seats") == teams.reduce(0) { $0 + Self.int($1, "seats") })
        #expect(Self.int(index, "balance") == teams.reduce(0) { $0 + Self.int($1, "balance") })
        let zero = ["expired": 0, "forfeited": 0, "unanswered": 0]
        #expect(Self.figures(index["lost"]) == teams.map { Self.figures($0["lost"]) }.reduce(zero, Self.add))
        var byMonth: [String: [String: Int]] = [:]
        for seat in seatsByTeam.values.joined() {
            for (month, statement) in seat.statements { byMonth[month] = Self.add(byMonth[month] ?? [:], Self.losses(statement)) }
        }
        for row in index["losses"] as! [Object] {
            #expect(Self.figures(row) == byMonth[row["month"] as! String] ?? zero, "index \(row["month"]!) losses")
        }
    }

    /// Spec §10's counts of a `responses` object, by name.
    static func responseFigures(_ o: Any?) -> [String: Int] {
        var out: [String: Int] = [:]
        for key in responses { out[key] = int(o, key) }
        return out
    }

    /// The rate a `responses` object should carry: answered ÷ sent of its own counts, in
    /// tenths of a percent rounded half up, or nil when nothing counts.
    static func expectedRate(_ o: Any?) -> Int? {
        let sent = int(o, "sent"), answered = int(o, "answered")
        return sent > 0 ? (answered * 2000 + sent) / (sent * 2) : nil
    }

    static func rate(_ o: Any?) -> Int? { ((o as? Object)?["rate"] as? Double).map { Int(($0 * 10).rounded()) } }

    /// Response rates (spec §10): a team's are the sums of its seats', all time and month by
    /// month, the whole ledger's the sums of the teams', the index's line for a team is the
    /// team page's, and every rate is the ratio of its own sums.
    func checkResponses(_ index: Object, _ teamPages: [String: Object], _ seatsByTeam: [String: [Seat]]) {
        let zero = Dictionary(uniqueKeysWithValues: Self.responses.map { ($0, 0) })
        var ledgerByMonth: [String: [String: Int]] = [:]
        for line in index["teams"] as! [Object] {
            let team = line["id"] as! String
            let page = teamPages[team]!, seats = seatsByTeam[team] ?? []
            let all = seats.map { Self.responseFigures($0.page["responses"]) }.reduce(zero, Self.add)
            #expect(Self.responseFigures(page["responses"]) == all, "\(team) responses")
            #expect(Self.rate(page["responses"]) == Self.expectedRate(page["responses"]), "\(team) rate")
            #expect(Self.responseFigures(line["responses"]) == all, "\(team) responses on the index")
            #expect(Self.rate(line["responses"]) == Self.rate(page["responses"]), "\(team) rate on the index")
            // Month by month: each the sum of the seats' statements, from the first statement month to the last.
            var byMonth: [String: [String: Int]] = [:]
            for seat in seats {
                for (month, statement) in seat.statements {
                    byMonth[month] = Self.add(byMonth[month] ?? zero, Self.responseFigures(statement["responses"]))
                }
            }
            let months = page["responseMonths"] as! [Object]
            let names = months.map { $0["month"] as! String }
            #expect(names.first == byMonth.keys.min() && names.last == byMonth.keys.max(), "\(team) response months")
            #expect(names == names.sorted() && Set(names).count == names.count, "\(team) response months in order")
            for row in months {
                let month = row["month"] as! String
                #expect(Self.responseFigures(row["responses"]) == byMonth[month] ?? zero, "\(team) \(month) responses")
                #expect(Self.rate(row["responses"]) == Self.expectedRate(row["responses"]), "\(team) \(month) rate")
                ledgerByMonth[month] = Self.add(ledgerByMonth[month] ?? zero, Self.responseFigures(row["responses"]))
            }
        }
        let teams = (index["teams"] as! [Object]).map { Self.responseFigures($0["responses"]) }
        #expect(Self.responseFigures(index["responses"]) == teams.reduce(zero, Self.add), "index responses")
        #expect(Self.rate(index["responses"]) == Self.expectedRate(index["responses"]), "index rate")
        let months = index["responseMonths"] as! [Object]
        #expect(Set(months.map { $0["month"] as! String }).isSuperset(of: ledgerByMonth.keys), "index response months")
        for row in months {
            let month = row["month"] as! String
            #expect(Self.responseFigures(row["responses"]) == ledgerByMonth[month] ?? zero, "index \(month) responses")
            #expect(Self.rate(row["responses"]) == Self.expectedRate(row["responses"]), "index \(month) rate")
        }
    }

    /// The warnings overview, each team's warnings and forecast, and the index's line for
    /// the team: credits expiring and messages waiting, seats warned, credits projected to
    /// expire and saved.
    func checkWarnings(_ site: String, _ index: Object) throws {
        let overview = try Self.json(site + "/warnings/index.json")
        let listed = Dictionary(uniqueKeysWithValues: (overview["teams"] as! [Object]).map { ($0["team"] as! String, $0) })
        var projected = 0, saved = 0
        for line in index["teams"] as! [Object] {
            let team = line["id"] as! String, slug = line["slug"] as! String
            let forecast = try Self.json(site + "/teams/\(slug)/index.json")["forecast"]
            projected += Self.int(forecast, "projectedExpiry", "without")
            saved += Self.int(forecast, "saved")
            let file = site + "/teams/\(slug)/warnings.json"
            let accounts = FileManager.default.fileExists(atPath: file) ? try Self.json(file)["accounts"] as! [Object] : []
            for a in accounts {
                let lots = (a["expiring"] as! [Object]).reduce(0) { $0 + Self.int($1, "amount") }
                #expect(Self.int(a, "expiringTotal") == lots, "\(team) \(a["account"]!) expiring")
                #expect(Self.int(a, "pendingTotal") == (a["pending"] as! [Object]).count, "\(team) \(a["account"]!) pending")
            }
            let expiring = accounts.reduce(0) { $0 + Self.int($1, "expiringTotal") }
            let pending = accounts.reduce(0) { $0 + Self.int($1, "pendingTotal") }
            #expect(Self.int(line, "expiringSoon") == expiring, "\(team) expiring on the index")
            #expect(Self.int(line, "warnedSeats") == accounts.count, "\(team) seats warned on the index")
            if let row = listed[team] {
                #expect(Self.int(row, "expiringTotal") == expiring, "\(team) expiring on the overview")
                #expect(Self.int(row, "pendingTotal") == pending, "\(team) waiting on the overview")
                #expect(Self.int(row, "warnedSeats") == accounts.count, "\(team) seats warned on the overview")
            } else {
                #expect(accounts.isEmpty, "\(team) has warnings the overview leaves out")
            }
        }
        #expect(Self.int(overview, "projectedExpiry") == projected, "projected expiry on the overview")
        #expect(Self.int(overview, "saved") == saved, "saved on the overview")
    }

    /// The what-if of the main timeline: no difference, and its "as it was" figures are the
    /// site's own, seat by seat and month by month.
    func checkWhatIf(_ site: String, _ seatsByTeam: [String: [Seat]]) throws {
        for seat in seatsByTeam.values.joined() {
            let slug = seat.page["slug"] as! String
            let twin = try Self.json(site + "/what-if/same/accounts/\(slug).json")
            for month in twin["months"] as! [Object] {
                let name = month["month"] as! String
                let figures = month["figures"] as! [String: Object]
                let statement = seat.statements[name]!
                let expected = [
                    "granted": ["allotment", "bonus", "grant"].reduce(0) { $0 + Self.int(statement, "totals", $1) },
                    "refunded": Self.int(statement, "totals", "refund"), "expired": -Self.int(statement, "totals", "expire"),
                    "lost": Self.int(statement, "messages", "lost"), "unfunded": Self.int(statement, "messages", "unfunded"),
                    "closing": Self.int(statement, "closing"),
                ]
                for (figure, value) in expected {
                    #expect(Self.int(figures[figure], "base") == value, "what-if \(slug) \(name) \(figure)")
                    #expect(Self.int(figures[figure], "difference") == 0, "what-if \(slug) \(name) \(figure)")
                }
            }
        }
    }
}

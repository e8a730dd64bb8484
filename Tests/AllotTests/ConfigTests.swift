import Testing

@testable import Allot

@Suite(.cleansScratch) struct ConfigTests {
    func errors(_ text: String) -> [String] {
        do {
            _ = try ProjectConfig.parse(text, file: "allot.toml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func fullConfigReads() throws {
        let config = try ProjectConfig.parse(
            """
            title = "Acme"
            timezone = "Europe/Berlin"
            as_of = 2015-03-31
            warn_days = 14
            refund_delay_hours = 24
            sources = ["a.csv", "b.jsonl"]
            [[policy]]
            name = "legacy"
            from = "2014-01-01"
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01T00:00:00+01:00"
            cap = 400
            allotment_day = "anniversary"
            lifetime_days = "none"
            [[bonus]]
            month = "2015-01"
            amount = 100
            note = "New year"
            """, file: "allot.toml")
        #expect(config.title == "Acme")
        #expect(config.sources == ["a.csv", "b.jsonl"])
        #expect(config.asOf?.iso8601 == "2015-03-31T22:00:00Z")
        #expect(config.settings.calendar.identifier == "Europe/Berlin")
        #expect(config.settings.warnDays == 14)
        #expect(config.settings.refundDelayHours == 24)
        let policy = try #require(config.settings.timeline.entries.last?.policy as? StandardPolicy)
        #expect(policy.cap == 400)
        #expect(policy.allotmentDay == .anniversary)
        #expect(policy.lifetimeDays == nil)
        #expect(config.settings.timeline.entries.last?.from.iso8601 == "2014-12-31T23:00:00Z")
        #expect(config.settings.bonuses == [Bonus(month: Month("2015-01")!, amount: 100, note: "New year")])
    }

    @Test func defaults() throws {
        let config = try ProjectConfig.parse("", file: "allot.toml")
        #expect(config.title == "Allot")
        #expect(config.settings.calendar.identifier == "UTC")
        #expect(config.settings.warnDays == 30)
        #expect(config.settings.refundDelayHours == 0)
        #expect(config.settings.timeline.entries.isEmpty)
        #expect(config.asOf == nil)
    }

    @Test(arguments: [
        ("colour = \"red\"", "allot.toml: colour: is not a config key"),
        ("timezone = \"Mars/Olympus\"", "allot.toml: timezone: \"Mars/Olympus\" is not an IANA time zone"),
        ("warn_days = -1", "allot.toml: warn_days: must be a whole number from 0 to 36,600"),
        ("warn_days = \"soon\"", "allot.toml: warn_days: must be a whole number from 0 to 36,600"),
        ("as_of = \"last tuesday\"", "allot.toml: as_of: \"last tuesday\" is not an instant"),
        ("sources = \"a.csv\"", "allot.toml: sources: must be a list of file paths"),
        (
            "[[policy]]\nname = \"generous\"\nfrom = \"2015-01-01\"",
            "allot.toml: policy[1].name: \"generous\" is not a known policy; the policies are inmail-2015, legacy"
        ),
        ("[[policy]]\nname = \"legacy\"", "allot.toml: policy[1].from: is required"),
        ("[[policy]]\nname = \"legacy\"\nfrom = \"2015-01-01\"\ncapp = 3", "allot.toml: policy[1].capp: is not a parameter of legacy"),
        (
            "[[policy]]\nname = \"legacy\"\nfrom = \"2015-01-01\"\ncap = -3",
            "allot.toml: policy[1].cap: must be a whole number from 0 to 1,000,000,000, or \"none\""
        ),
        (
            "[[policy]]\nname = \"legacy\"\nfrom = \"2015-01-01\"\nallotment_day = \"monday\"",
            "allot.toml: policy[1].allotment_day: must be \"first-of-month\" or \"anniversary\""
        ),
        (
            "[[policy]]\nname = \"legacy\"\nfrom = \"2015-01-01\"\nrefund_on = \"never\"",
            "allot.toml: policy[1].refund_on: must be \"response\" or \"no-response\""
        ),
        (
            "[[policy]]\nname = \"legacy\"\nfrom = \"2015-01-01\"\n[[policy]]\nname = \"inmail-2015\"\nfrom = \"2014-01-01\"",
            "allot.toml: policy: entries must be listed in order"
        ),
        ("[[bonus]]\nmonth = \"January\"\namount = 5", "allot.toml: bonus[1].month: \"January\" is not a month"),
        ("[[bonus]]\nmonth = \"2015-01\"", "allot.toml: bonus[1].amount: is required"),
        ("title = ", "allot.toml:1: is not valid TOML"),
    ])
    func badConfigNamesTheKey(_ text: String, _ expected: String) {
        let found = errors(text)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }
}

/// Found by fuzz/run: a control character in a table header crashed the TOML parser.
@Test func controlCharactersInTheConfigAreRefusedBeforeParsing() throws {
    let text = "title = \"x\"\n[\u{01}\u{13}olicy]]\nname = \"legacy\"\n"
    let failure = try #require(throws: ImportFailure.self) { try ProjectConfig.parse(text, file: "allot.toml") }
    #expect(
        failure.issues.map(\.description) == ["allot.toml:2: has a control character (U+0001) at column 2; TOML does not allow it there"])
    let unicodeKey = try #require(throws: ImportFailure.self) {
        try ProjectConfig.parse("[\u{FFFD}bonus]]\ntitle = \"Crédits ✓\" # é\n", file: "allot.toml")
    }
    #expect(unicodeKey.issues.first?.line == 1)
    #expect(try ProjectConfig.parse("title = \"Crédits ✓ \\\" é\" # é ✓\nwarn_days = 3\n", file: "allot.toml").title == "Crédits ✓ \" é")
}

/// Found by fuzz/run: an unclosed array closed by `}` crashed the TOML parser's value reader.
@Test func bracketsThatCloseNothingOrTheWrongThingAreRefusedBeforeParsing() throws {
    let wrongCloser = try #require(throws: ImportFailure.self) {
        try ProjectConfig.parse("sources = [\"seats.csv\", \n}imezone = \"UTC\"\n", file: "allot.toml")
    }
    #expect(wrongCloser.issues.map(\.description) == ["allot.toml:2: has the character `}` at column 1; TOML does not allow it there"])
    let closesNothing = try #require(throws: ImportFailure.self) { try ProjectConfig.parse("warn_days = 3]\n", file: "allot.toml") }
    #expect(closesNothing.issues.first?.line == 1)
    let brokenInline = try #require(throws: ImportFailure.self) {
        try ProjectConfig.parse("notify = { from = \"a@b.c\"\n}\n", file: "allot.toml")
    }
    #expect(
        brokenInline.issues.map(\.description) == [
            "allot.toml:1: has a line break inside a table header or an inline table {…} at column 26; TOML does not allow it there"
        ])
    let tricky = try ProjectConfig.parse(
        "sources = [\"a]\", '}', \"{b[\"] # ] }\ntitle = \"{x]\"\n[[policy]]\nname = \"legacy\"\nfrom = 2014-10-01\n", file: "allot.toml")
    #expect(tricky.sources == ["a]", "}", "{b["])
    #expect(tricky.title == "{x]")
}

@Test func multiLineArraysAndInlineTablesStillRead() throws {
    let config = try ProjectConfig.parse(
        """
        sources = [
          "seats.csv",  # the roster
          "events.csv",
        ]
        title = 'Literal ✓'
        [[policy]]
        name = "legacy"
        from = 2014-10-01
        """, file: "allot.toml")
    #expect(config.sources == ["seats.csv", "events.csv"])
    #expect(config.title == "Literal ✓")
}

import AllotLedger
import Testing

/// Spec §4 and §6: a seat's closing settles its messages still open.
@Suite struct LostAtClosingTests {
    /// z (inmail-2015, 90-day windows) opens 1 Jan 2015 and closes 10 Feb at noon. m1
    /// (5 Jan) is answered on 20 Jan: refunded, not lost. m2 (6 Jan) is never answered and
    /// m3 (7 Jan) only on 15 Feb, after the closing: both windows end in April, but the
    /// closing means neither credit can come back, so both are lost at closing, counted in
    /// February, and pending at no month's end after it. January ends with both pending;
    /// m3's answer still counts as accepted in February, and refunds nothing.
    @Test func openMessagesAreLostAtClosingInTheClosingMonth() throws {
        var s = Scenario()
        s.seat("z", opened: "2015-01-01", closed: "2015-02-10T12:00:00Z")
        s.event("e1", "2015-01-05T10:00:00Z", .send, "z", message: "m1")
        s.event("e2", "2015-01-06T10:00:00Z", .send, "z", message: "m2")
        s.event("e3", "2015-01-07T10:00:00Z", .send, "z", message: "m3")
        s.event("r1", "2015-01-20T10:00:00Z", .accept, message: "m1")
        s.event("r3", "2015-02-15T10:00:00Z", .accept, message: "m3")
        let ledger = s.replay(asOf: "2015-05-31")
        let january = try #require(ledger.statement(of: "z", for: Month(year: 2015, month: 1)))
        #expect(january.messages.pending == 2)
        #expect(january.messages.lost == 0)
        let february = try #require(ledger.statement(of: "z", for: Month(year: 2015, month: 2)))
        #expect(february.messages.lost == 2)
        #expect(february.messages.pending == 0)
        #expect(february.messages.accepted == 1)
        let messages = try #require(ledger["z"]).messages
        #expect(messages.map(\.lostAt) == [nil, s.instant("2015-02-10T12:00:00Z"), s.instant("2015-02-10T12:00:00Z")])
        #expect(ledger.postings("z").filter { $0.kind == .refund }.map(\.ref) == ["e1"])
        #expect(ledger.statementMonths(of: "z").count == 2)
    }
}

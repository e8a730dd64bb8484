import AllotLedger
import AllotSupport
import Foundation
import Testing

@testable import AllotMail

@Suite(.cleansScratch) struct MailMessageTests {
    @Test func sha256MatchesKnownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array(String(repeating: "a", count: 1000).utf8))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func quotedPrintableKeepsLinesShortAndEncodesWhatItMust() {
        let text = String(repeating: "é=a ", count: 60) + " \nnext line \r\nlast"
        let encoded = QuotedPrintable.encode(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        #expect(!encoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(encoded.contains("=C3=A9=3Da"))
        #expect(!encoded.contains("=_"))
    }

    @Test func displayNamesThatAreNotPlainASCIIAreEncodedWords() {
        #expect(HeaderEncoding.displayName("Maya Chen") == "Maya Chen")
        #expect(HeaderEncoding.displayName("O'Neill, Tom") == "\"O'Neill, Tom\"")
        #expect(HeaderEncoding.displayName("Chloé") == "=?UTF-8?B?Q2hsb8Op?=")
        let long = HeaderEncoding.unstructured(String(repeating: "李", count: 40))
        #expect(long.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") })
    }

    @Test func lineBreaksInDataCannotAddAHeader() {
        let to = MailAddress(name: "Evil\r\nBcc: victim@example.com", address: "evil@example.com")!
        let m = MailMessage(
            from: MailAddress(address: "a@example.com")!, to: to, subject: "Hi\nBcc: x@example.com",
            date: Date(timeIntervalSince1970: 0), text: "t", html: "<p>h</p>")
        let head = String(decoding: m.bytes, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        let headers = head.components(separatedBy: "\r\n").filter { !$0.hasPrefix(" ") }.map { $0.components(separatedBy: ":")[0] }
        #expect(headers == ["From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted", "MIME-Version", "Content-Type"])
        #expect(m.messageID == MailMessage(from: m.from, to: to, subject: m.subject, date: m.date, text: "t", html: "<p>h</p>").messageID)
        #expect(m.messageID != MailMessage(from: m.from, to: to, subject: m.subject, date: m.date, text: "t2", html: "<p>h</p>").messageID)
    }

    @Test func onlyPlainAddressesAreAccepted() {
        #expect(MailAddress(address: "maya@example.com") != nil)
        for bad in ["maya", "maya@", "@example.com", "a b@example.com", "a@example.com\r\nBcc: x@y.z", "<a@b.c>", "a@b", "a@b,c@d.e"] {
            #expect(MailAddress(address: bad) == nil, "\(bad)")
        }
        #expect(MailAddress(parsing: "Credits <credits@example.com>") == MailAddress(name: "Credits", address: "credits@example.com"))
        #expect(MailAddress(parsing: "\"Credits, Inc\" <c@example.com>")?.name == "Credits, Inc")
    }

    @Test func dateHeaderIsRFC5322() {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_435_723_200)) == "Wed, 01 Jul 2015 04:00:00 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        // Leap days, century years and the day before the epoch, checked with Python's email.utils.formatdate.
        let checked: [(TimeInterval, String)] = [
            (1_456_707_599, "Mon, 29 Feb 2016 00:59:59 +0000"), (951_868_800, "Wed, 01 Mar 2000 00:00:00 +0000"),
            (-1, "Wed, 31 Dec 1969 23:59:59 +0000"), (4_107_542_400, "Mon, 01 Mar 2100 00:00:00 +0000"),
            (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 +0000"),
        ]
        for (seconds, header) in checked { #expect(RFC5322Date.format(Date(timeIntervalSince1970: seconds)) == header) }
    }
}

extension MailMessageTests {
    @Test func headersFoldWithinSeventySixOctetsAndUnfoldToTheValue() {
        let subject = "Subject: " + Array(repeating: "credits", count: 30).joined(separator: " ")
        let folded = HeaderEncoding.folded(subject)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == subject)
        #expect(
            HeaderEncoding.folded("Message-ID: <" + String(repeating: "a", count: 80) + ">") == "Message-ID: <"
                + String(repeating: "a", count: 80) + ">")
    }
}

import AllotSupport
import Foundation

/// One notice as an RFC 5322 message: multipart/alternative with a UTF-8 text/plain
/// part and a text/html part, both quoted-printable, CRLF line ends throughout.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var date: Date
    public var text: String
    public var html: String

    public init(from: MailAddress, to: MailAddress, subject: String, date: Date, text: String, html: String) {
        self.from = from; self.to = to; self.subject = subject; self.date = date; self.text = text; self.html = html
    }

    /// A hash of everything the reader sees: the same notice always hashes the same.
    public var contentHash: String {
        SHA256.hex(Array([from.description, to.description, subject, text, html].joined(separator: "\u{0}").utf8))
    }

    /// Derived from the recipient, the date and the content: sending the same notice
    /// again gives the same id, so mail systems can spot the repeat. 96 bits of a hash:
    /// the header stays within 76 characters for a sender domain of up to 37.
    public var messageID: String {
        let seed = [to.address, String(RFC5322Date.millis(date)), contentHash].joined(separator: "\u{0}")
        return "<" + SHA256.hex(Array(seed.utf8)).prefix(24) + "@" + from.domain + ">"
    }

    /// The whole message, ready for sendmail or an .eml file.
    public var bytes: [UInt8] {
        let boundary = "=_allot_" + contentHash.prefix(24)
        let headers = [
            "From: " + HeaderEncoding.mailbox(from),
            "To: " + HeaderEncoding.mailbox(to),
            "Subject: " + HeaderEncoding.unstructured(subject),
            "Date: " + RFC5322Date.format(date),
            "Message-ID: " + messageID,
            // RFC 3834: a machine wrote this; auto-responders should not answer it.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        var lines = headers.map { HeaderEncoding.folded($0) } + ["", "This is a message in two versions: plain text and HTML.", ""]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--" + boundary, "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: quoted-printable",
                "", QuotedPrintable.encode(body),
            ]
        }
        lines += ["--" + boundary + "--", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}

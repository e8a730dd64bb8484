import Testing

@testable import AllotServe

/// How the preview server's front door reads a request's line and headers.
@Suite struct RequestHeadTests {
    func read(_ text: String, inPiecesOf size: Int? = nil) -> RequestHead.Reading {
        let bytes = Array(text.utf8)
        var scanner = RequestHead.Scanner()
        var reading = RequestHead.Reading.needMore
        var end = 0
        repeat {
            end = min(bytes.count, end + (size ?? bytes.count))
            reading = RequestHead.read(Array(bytes[..<end]), &scanner)
        } while reading == .needMore && end < bytes.count
        return reading
    }

    @Test func aRequestIsPassedOnWithItsLineAndLengthAskingToCloseAfterItsAnswer() throws {
        let text = "GET /a.html HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nKeep-Alive: 5\r\ncontent-length:  0\r\n\r\nnext"
        guard case .head(let head, let length) = read(text) else { Issue.record("no head"); return }
        #expect(
            String(decoding: head.forwarded, as: UTF8.self) == "GET /a.html HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        #expect(length == text.utf8.count - 4)
        #expect(head.keepAlive && head.bodyLength == 0)
    }

    @Test func readInPiecesItIsTheSameHead() {
        let text = "\r\nGET / HTTP/1.1\nHost: x\nContent-Length: 3\n\nabc"
        let whole = read(text)
        #expect(whole != .needMore)
        for size in [1, 2, 5, 17] { #expect(read(text, inPiecesOf: size) == whole, "pieces of \(size)") }
        guard case .head(let head, _) = whole else { return }
        #expect(head.bodyLength == 3)
    }

    @Test func aClientThatClosesOrSpeaksHTTP10IsNotKept() {
        for text in ["GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n"] {
            guard case .head(let head, _) = read(text) else { Issue.record("no head: \(text)"); continue }
            #expect(!head.keepAlive, "\(text)")
        }
    }

    @Test func overlongLinesAndHeadsAreRefusedBeforeTheyEnd() {
        let line = "GET /" + String(repeating: "a", count: RequestHead.lineLimit)
        #expect(read(line) == .refused(.lineTooLong), "no need to wait for the line's end")
        let header = "GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: RequestHead.lineLimit)
        #expect(read(header) == .refused(.headTooLarge))
        let many = "GET / HTTP/1.1\r\n" + String(repeating: "X: v\r\n", count: RequestHead.headLimit / 6 + 1)
        #expect(read(many, inPiecesOf: 4096) == .refused(.headTooLarge))
        let justUnder = "GET /" + String(repeating: "a", count: RequestHead.lineLimit - 15) + " HTTP/1.1\r\n\r\n"
        #expect(read(justUnder) != .refused(.lineTooLong))
    }

    @Test func malformedFramingIsRefused() {
        let refusals: [(String, Int)] = [
            ("GET /\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nno colon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411),
            ("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n", 413),
        ]
        for (text, status) in refusals {
            guard case .refused(let refusal) = read(text) else { Issue.record("not refused: \(text)"); continue }
            #expect(refusal.status == status, "\(text)")
        }
    }

    @Test func aRefusalIsAWholeAnswerThatCloses() {
        let text = String(decoding: RequestHead.Refusal.lineTooLong.response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        #expect(parts[0].hasPrefix("HTTP/1.1 414 URI Too Long\r\n") && parts[0].contains("Connection: close"))
        #expect(parts[0].contains("Content-Length: \(parts[1].utf8.count)"))
    }
}

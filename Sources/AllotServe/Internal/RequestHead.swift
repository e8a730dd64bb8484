import Foundation

/// The line and headers of one request, read by the front door with limits, and the bytes
/// it hands on: the request line, the body's length and a request to close the connection
/// after the answer (the front door opens one connection inside per request, and its end
/// marks the end of the answer, whatever the answer's framing). Other headers are checked
/// but not passed on: the preview handler reads none, and FlyingFox's time over a line
/// grows with the square of its length, so only the request line costs it anything.
struct RequestHead: Equatable {
    static let lineLimit = 8_192
    static let headLimit = 16_384
    static let bodyLimit = 1_048_576

    /// The request line and headers as they are to be sent on, ending in a blank line.
    var forwarded: [UInt8]
    var bodyLength: Int
    /// The client asked to keep the connection for another request.
    var keepAlive: Bool

    /// What the bytes read so far make.
    enum Reading: Equatable {
        case needMore
        /// A whole head, taking the first `length` bytes.
        case head(RequestHead, length: Int)
        case refused(Refusal)
    }

    /// An answer that ends the connection, sent instead of passing the request on.
    struct Refusal: Equatable {
        var status: Int
        var reason: String
        var text: String

        var response: [UInt8] {
            let body = Array((text + "\n").utf8)
            let head =
                "HTTP/1.1 \(status) \(reason)\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            return Array(head.utf8) + body
        }

        static let lineTooLong = Refusal(
            status: 414, reason: "URI Too Long", text: "The request line is longer than \(lineLimit) bytes.")
        static let headTooLarge = Refusal(
            status: 431, reason: "Request Header Fields Too Large",
            text: "The request's headers are longer than \(headLimit) bytes, or one of them is longer than \(lineLimit).")
        static let bodyTooLarge = Refusal(
            status: 413, reason: "Content Too Large", text: "The preview server takes no request body over \(bodyLimit) bytes.")
        static let chunkedBody = Refusal(
            status: 411, reason: "Length Required", text: "A request body must come with a Content-Length.")
        static func malformed(_ why: String) -> Refusal { Refusal(status: 400, reason: "Bad Request", text: why) }
    }

    /// Finds the head at the start of `bytes`, looking at each byte once across calls:
    /// `scanner` keeps where the last call stopped.
    static func read(_ bytes: [UInt8], _ scanner: inout Scanner) -> Reading {
        while scanner.position < bytes.count {
            guard let newline = bytes[scanner.position...].firstIndex(of: 0x0A) else {
                scanner.position = bytes.count
                break
            }
            let line = Array(bytes[scanner.lineStart..<newline].dropLast(newline > scanner.lineStart && bytes[newline - 1] == 0x0D ? 1 : 0))
            scanner.position = newline + 1
            scanner.lineStart = newline + 1
            if let refusal = scanner.tooLong(line.count) { return .refused(refusal) }
            if line.isEmpty {
                // Blank lines before a request line are allowed (RFC 9112 §2.2).
                if scanner.lines.isEmpty { continue }
                return make(from: scanner.lines, length: newline + 1)
            }
            scanner.lines.append(line)
            if newline + 1 > headLimit { return .refused(.headTooLarge) }
        }
        if let refusal = scanner.tooLong(bytes.count - scanner.lineStart) { return .refused(refusal) }
        if bytes.count > headLimit + 2 { return .refused(.headTooLarge) }
        return .needMore
    }

    /// Where reading stopped, and the lines read so far.
    struct Scanner {
        var position = 0
        var lineStart = 0
        var lines: [[UInt8]] = []

        func tooLong(_ count: Int) -> Refusal? {
            guard count > lineLimit else { return nil }
            return lines.isEmpty ? .lineTooLong : .headTooLarge
        }
    }

    private static func make(from lines: [[UInt8]], length: Int) -> Reading {
        let requestLine = lines[0].split(separator: 0x20, omittingEmptySubsequences: true)
        guard requestLine.count == 3 else {
            return .refused(.malformed("The request line is not a method, a target and a version."))
        }
        let version = String(decoding: requestLine[2], as: UTF8.self)
        var forwarded = lines[0] + [0x0D, 0x0A]
        var bodyLength: Int?
        var closes = version != "HTTP/1.1"
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: 0x3A), line.first != 0x20, line.first != 0x09 else {
                return .refused(.malformed("A header line is not a name, a colon and a value."))
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            switch name {
            case "connection":
                if value.lowercased().split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "close" }) {
                    closes = true
                }
            case "transfer-encoding":
                return .refused(.chunkedBody)
            case "content-length":
                guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), value.utf8.count <= 12, let given = Int(value),
                    bodyLength == nil || bodyLength == given
                else { return .refused(.malformed("The Content-Length header is not one whole number of bytes.")) }
                guard given <= bodyLimit else { return .refused(.bodyTooLarge) }
                bodyLength = given
            default:
                break
            }
        }
        if let bodyLength { forwarded += Array("Content-Length: \(bodyLength)\r\n".utf8) }
        forwarded += Array("Connection: close\r\n\r\n".utf8)
        return .head(RequestHead(forwarded: forwarded, bodyLength: bodyLength ?? 0, keepAlive: !closes), length: length)
    }
}

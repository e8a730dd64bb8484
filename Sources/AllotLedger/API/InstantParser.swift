/// Reads instants as spec §1 writes them: an ISO-8601 timestamp with an offset
/// (`2015-01-05T14:03:00Z`, `2015-01-05T09:03:00-05:00`) or a bare date, which means
/// local midnight of that day in the ledger's zone.
public struct InstantParser: Sendable {
    public let calendar: LedgerCalendar

    public init(calendar: LedgerCalendar) { self.calendar = calendar }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case missingOffset(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .malformed(let text):
                return "\"\(text)\" is not an instant; write 2015-01-05T14:03:00Z, 2015-01-05T09:03:00-05:00 or 2015-01-05"
            case .missingOffset(let text):
                return "\"\(text)\" has a time but no offset; add Z or an offset such as -05:00"
            case .outOfRange(let text):
                return
                    "\"\(text)\" is outside the instants a ledger holds (1970-01-01T00:00:00Z up to 2200-01-01T00:00:00Z); an export's \"no date\" marker such as 9999-12-31 means: leave the field empty"
            }
        }
    }

    /// A bare date read as the *end* of that day (`as_of`), otherwise as `parse` does.
    public func parseEnd(_ text: String) -> Result<Instant, Failure> {
        if let date = Self.bareDate(Array(text.utf8)) {
            let end = calendar.startOfDay(date.adding(days: 1))
            return LedgerLimits.instants.contains(end) ? .success(end) : .failure(.outOfRange(text))
        }
        return parse(text)
    }

    public func parse(_ text: String) -> Result<Instant, Failure> {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` over UTF-8 bytes; the text is only made into a `String` for a failure.
    public func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Result<Instant, Failure> {
        switch Self.parse(b, calendar) {
        case .success(let t) where LedgerLimits.instants.contains(t): return .success(t)
        case .success: return .failure(.outOfRange(String(decoding: b, as: UTF8.self)))
        case .failure(.malformed): return .failure(.malformed(String(decoding: b, as: UTF8.self)))
        case .failure(.missingOffset): return .failure(.missingOffset(String(decoding: b, as: UTF8.self)))
        }
    }

    private enum Problem: Error { case malformed, missingOffset }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, _ calendar: LedgerCalendar) -> Result<Instant, Problem> {
        if b.count == 10, let date = date(b) { return .success(calendar.startOfDay(date)) }
        guard b.count >= 16, let date = date(b), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
            let hour = number(b, 11, 2), b[13] == UInt8(ascii: ":"), let minute = number(b, 14, 2),
            hour < 24, minute < 60
        else { return .failure(.malformed) }
        var i = 16, second = 0, millis = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = number(b, i + 1, 2), s < 60 else { return .failure(.malformed) }
            second = s; i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                var digits = 0; i += 1
                while i < b.count, isDigit(b[i]) {
                    if digits < 3 { millis = millis * 10 + Int(b[i] - 48) }
                    digits += 1; i += 1
                }
                guard digits > 0 else { return .failure(.malformed) }
                if digits < 3 { for _ in digits..<3 { millis *= 10 } }
            }
        }
        let wall = Int64(date.daysSinceEpoch) * 86_400_000 + Int64(hour * 3600 + minute * 60 + second) * 1000 + Int64(millis)
        guard i < b.count else { return .failure(.missingOffset) }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            return i + 1 == b.count ? .success(Instant(millis: wall)) : .failure(.malformed)
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let oh = number(b, i + 1, 2), oh < 24
        else { return .failure(.malformed) }
        var j = i + 3
        if j < b.count, b[j] == UInt8(ascii: ":") { j += 1 }
        guard j + 2 == b.count, let om = number(b, j, 2), om < 60 else { return .failure(.malformed) }
        let offset = Int64(oh * 3600 + om * 60) * 1000 * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        return .success(Instant(millis: wall - offset))
    }

    static func bareDate(_ b: [UInt8]) -> CivilDate? { b.count == 10 ? b.withUnsafeBufferPointer { date($0) } : nil }

    private static func date(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count >= 10, let y = number(b, 0, 4), b[4] == UInt8(ascii: "-"), let m = number(b, 5, 2),
            b[7] == UInt8(ascii: "-"), let d = number(b, 8, 2)
        else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        return date.isValid ? date : nil
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var n = 0
        for k in start..<(start + count) {
            guard isDigit(b[k]) else { return nil }
            n = n * 10 + Int(b[k] - 48)
        }
        return n
    }
}

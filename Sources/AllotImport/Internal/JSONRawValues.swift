import Foundation

/// The text of each top-level value of a one-line JSON object, by its key: a number is
/// then read by the same rule as a CSV cell (`5.0` is not a whole number there either),
/// and a string the decoder refused can be told from a value of another type.
enum JSONRawValues {
    static func scan(_ b: ArraySlice<UInt8>) -> [String: ArraySlice<UInt8>] {
        var out: [String: ArraySlice<UInt8>] = [:]
        var i = skipSpace(b, b.startIndex)
        guard i < b.endIndex, b[i] == UInt8(ascii: "{") else { return out }
        i += 1
        while true {
            i = skipSpace(b, i)
            guard i < b.endIndex, b[i] == UInt8(ascii: "\""), let keyEnd = stringEnd(b, i) else { return out }
            let key = (try? JSONDecoder().decode(String.self, from: Data(b[i..<keyEnd]))) ?? ""
            i = skipSpace(b, keyEnd)
            guard i < b.endIndex, b[i] == UInt8(ascii: ":") else { return out }
            let start = skipSpace(b, i + 1)
            guard let end = valueEnd(b, start) else { return out }
            out[key] = b[start..<end]
            i = skipSpace(b, end)
            guard i < b.endIndex, b[i] == UInt8(ascii: ",") else { return out }
            i += 1
        }
    }

    private static func skipSpace(_ b: ArraySlice<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < b.endIndex, [0x20, 0x09, 0x0D, 0x0A].contains(b[i]) { i += 1 }
        return i
    }

    /// Just past the closing quote of the string that opens at `start`.
    private static func stringEnd(_ b: ArraySlice<UInt8>, _ start: Int) -> Int? {
        var i = start + 1
        while i < b.endIndex {
            if b[i] == UInt8(ascii: "\\") { i += 2; continue }
            if b[i] == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        return nil
    }

    /// Just past the value that starts at `start`: a string, an object or array (to its
    /// matching bracket), or a bare token.
    private static func valueEnd(_ b: ArraySlice<UInt8>, _ start: Int) -> Int? {
        guard start < b.endIndex else { return nil }
        if b[start] == UInt8(ascii: "\"") { return stringEnd(b, start) }
        var depth = 0, i = start
        while i < b.endIndex {
            switch b[i] {
            case UInt8(ascii: "\""): guard let e = stringEnd(b, i) else { return nil }; i = e; continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i }
                depth -= 1
                if depth == 0 { return i + 1 }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A: if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return depth == 0 ? i : nil
    }
}

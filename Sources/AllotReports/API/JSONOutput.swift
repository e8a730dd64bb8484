import Foundation

/// The one JSON style of every report: pretty, keys sorted, stable byte for byte.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        if var bytes = try? JSONBytesWriter.encode(value) {
            bytes.append(0x0A)
            return Data(bytes)
        }
        return try foundationEncode(value)
    }

    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Foundation's `JSONEncoder`, which the direct writer matches byte for byte and
    /// falls back to for anything it does not handle (and for errors, so they are Foundation's).
    static func foundationEncode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}

/// Encodes a value to the bytes `JSONEncoder` gives with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` on this platform (swift-foundation's writer: two-space
/// indent, `"key" : value`, keys in UTF-8 order, empty containers as `[\n\n  ]`), without
/// Foundation's intermediate values. It handles strings, integers, booleans, nil and
/// keyed and unkeyed containers; anything else (floating point, dates, data, URLs,
/// decimals, super encoders, a value that encodes nothing) throws `Unsupported`, and
/// `JSONOutput` then uses `JSONEncoder` itself.
enum JSONBytesWriter {
    struct Unsupported: Error {}

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let state = State()
        let root = try state.value(of: value)
        guard !state.unsupported else { throw Unsupported() }
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        var orders = KeyOrders()
        write(root, indent: 0, orders: &orders, into: &out)
        return out
    }

    // MARK: The tree

    enum Value {
        case literal(StaticString)
        case int(Int)
        case number(String)
        case string(String)
        case object(Object)
        case array(Array)
        /// Not filled (yet): a value that encodes nothing.
        case empty
    }

    final class Object {
        var keys: [String] = []
        var values: [Value] = []
        /// The `CodingKey` type it was encoded with: objects of one type mostly share their keys.
        let keyType: ObjectIdentifier

        init(keyType: ObjectIdentifier) { self.keyType = keyType }

        func set(_ key: String, _ value: Value) {
            // A key encoded twice keeps its last value, as with JSONEncoder.
            if let i = keys.lastIndex(of: key) { values[i] = value } else { keys.append(key); values.append(value) }
        }
    }

    final class Array {
        var items: [Value] = []
    }

    /// Where one value is put by the `Encoder` it was given.
    final class Slot {
        var value: Value = .empty
    }

    final class State {
        var unsupported = false
        /// Nesting, limited as JSONEncoder limits it (and so that a type that encodes itself
        /// through a single-value container, as an unknown number type may, ends).
        var depth = 0

        func value<T: Encodable>(of value: T) throws -> Value {
            // Exact types first (a metadata comparison; a cast that fails is slow).
            if T.self == String.self { return .string(value as! String) }
            if T.self == Int.self { return .int(value as! Int) }
            if T.self == Bool.self { return .literal(value as! Bool ? "true" : "false") }
            if T.self == Double.self || T.self == Float.self || T.self == Date.self || T.self == Data.self
                || T.self == URL.self || T.self == Decimal.self
            {
                throw Unsupported()
            }
            if let number = Self.integerText(value) { return .number(number) }
            if T.self == OneDecimal.self { return .number((value as! OneDecimal).json) }
            do {
                depth += 1
                defer { depth -= 1 }
                guard depth < 512 else { throw Unsupported() }
                let slot = Slot()
                try value.encode(to: Writer(state: self, slot: slot))
                if case .empty = slot.value { throw Unsupported() }
                return slot.value
            }
        }

        /// The decimal text of the other fixed-width integers, nil for anything else.
        static func integerText<T>(_ value: T) -> String? {
            if T.self == Int64.self { return String(value as! Int64) }
            if T.self == Int32.self { return String(value as! Int32) }
            if T.self == Int16.self { return String(value as! Int16) }
            if T.self == Int8.self { return String(value as! Int8) }
            if T.self == UInt.self { return String(value as! UInt) }
            if T.self == UInt64.self { return String(value as! UInt64) }
            if T.self == UInt32.self { return String(value as! UInt32) }
            if T.self == UInt16.self { return String(value as! UInt16) }
            if T.self == UInt8.self { return String(value as! UInt8) }
            return nil
        }
    }

    // MARK: Encoder

    struct Writer: Encoder {
        let state: State
        let slot: Slot
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object(let object) = slot.value {
                return KeyedEncodingContainer(Keyed<Key>(state: state, object: object))
            }
            if case .empty = slot.value {} else { state.unsupported = true }
            let object = Object(keyType: ObjectIdentifier(Key.self))
            slot.value = .object(object)
            return KeyedEncodingContainer(Keyed<Key>(state: state, object: object))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .array(let array) = slot.value { return Unkeyed(state: state, array: array) }
            if case .empty = slot.value {} else { state.unsupported = true }
            let array = Array()
            slot.value = .array(array)
            return Unkeyed(state: state, array: array)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(state: state, slot: slot) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let state: State
        let object: Object
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { object.set(key.stringValue, .literal("null")) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            object.set(key.stringValue, try state.value(of: value))
        }
        // The scalar overloads synthesized `encode(to:)` calls, taken directly rather than
        // through the generic path.
        mutating func encode(_ value: String, forKey key: Key) throws { object.set(key.stringValue, .string(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { object.set(key.stringValue, .int(value)) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(key.stringValue, .literal(value ? "true" : "false")) }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            let nested = Object(keyType: ObjectIdentifier(N.self))
            object.set(key.stringValue, .object(nested))
            return KeyedEncodingContainer(Keyed<N>(state: state, object: nested))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let nested = Array()
            object.set(key.stringValue, .array(nested))
            return Unkeyed(state: state, array: nested)
        }
        mutating func superEncoder() -> Encoder {
            state.unsupported = true
            return Writer(state: state, slot: Slot())
        }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            state.unsupported = true
            return Writer(state: state, slot: Slot())
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let state: State
        let array: Array
        var codingPath: [CodingKey] { [] }
        var count: Int { array.items.count }

        mutating func encodeNil() throws { array.items.append(.literal("null")) }
        mutating func encode<T: Encodable>(_ value: T) throws { array.items.append(try state.value(of: value)) }
        mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
        mutating func encode(_ value: Int) throws { array.items.append(.int(value)) }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> {
            let nested = Object(keyType: ObjectIdentifier(N.self))
            array.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<N>(state: state, object: nested))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let nested = Array()
            array.items.append(.array(nested))
            return Unkeyed(state: state, array: nested)
        }
        mutating func superEncoder() -> Encoder {
            state.unsupported = true
            return Writer(state: state, slot: Slot())
        }
    }

    struct Single: SingleValueEncodingContainer {
        let state: State
        let slot: Slot
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil() throws { put(.literal("null")) }
        mutating func encode<T: Encodable>(_ value: T) throws { put(try state.value(of: value)) }

        private func put(_ value: Value) {
            // A second value through one single-value container is an error in JSONEncoder.
            if case .empty = slot.value {} else { state.unsupported = true }
            slot.value = value
        }
    }

    // MARK: Writing

    /// The sorted order of the last key list seen per `CodingKey` type, so that the rows of
    /// a table are not each sorted again.
    struct KeyOrders {
        private var last: [ObjectIdentifier: (keys: [String], order: [Int])] = [:]

        mutating func order(of object: Object) -> [Int] {
            if let cached = last[object.keyType], cached.keys == object.keys { return cached.order }
            let keys = object.keys
            let order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
            last[object.keyType] = (keys, order)
            return order
        }
    }

    static func write(_ value: Value, indent: Int, orders: inout KeyOrders, into out: inout [UInt8]) {
        switch value {
        case .literal(let s): s.withUTF8Buffer { out.append(contentsOf: $0) }
        case .int(let n): writeInt(n, into: &out)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): writeString(s, into: &out)
        case .empty: break
        case .array(let array):
            out.append(UInt8(ascii: "["))
            out.append(0x0A)
            for (i, item) in array.items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")); out.append(0x0A) }
                writeIndent(indent + 1, into: &out)
                write(item, indent: indent + 1, orders: &orders, into: &out)
            }
            out.append(0x0A)
            writeIndent(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            out.append(0x0A)
            for (n, i) in orders.order(of: object).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")); out.append(0x0A) }
                writeIndent(indent + 1, into: &out)
                writeString(object.keys[i], into: &out)
                out.append(UInt8(ascii: " ")); out.append(UInt8(ascii: ":")); out.append(UInt8(ascii: " "))
                write(object.values[i], indent: indent + 1, orders: &orders, into: &out)
            }
            out.append(0x0A)
            writeIndent(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Decimal digits without making a String first: most values in the twins are integers.
    static func writeInt(_ n: Int, into out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    static func writeIndent(_ level: Int, into out: inout [UInt8]) {
        for _ in 0..<(2 * level) { out.append(UInt8(ascii: " ")) }
    }

    private static let hex: [UInt8] = Swift.Array("0123456789abcdef".utf8)

    /// Quoted, with `"` `\` and control characters escaped as JSONEncoder does (`/` and
    /// everything from 0x7F up stay as they are).
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { input in
            var mark = 0
            for (i, b) in input.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                out.append(contentsOf: input[mark..<i])
                mark = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: input[mark...])
        }
        out.append(UInt8(ascii: "\""))
    }
}

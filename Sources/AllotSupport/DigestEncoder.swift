/// An `Encoder` that feeds what a value encodes into SHA-256, without building it: the
/// digest of a page's data, to tell whether a page would come out as it did before. Every
/// value is written with a tag and its length, and every value encoded into a container
/// is closed by an end mark, so two different values of one type never write the same
/// bytes. (A dictionary encodes in an order that may differ between runs: its digest may
/// then differ, which costs a render, never a stale page.)
package struct DigestEncoder {
    private let sink = Sink()

    package init() {}

    /// Adds `value` to the digest.
    package func add<T: Encodable>(_ value: T) throws {
        try value.encode(to: ValueEncoder(sink: sink))
        sink.mark(0x45)  // E
    }

    /// Adds a string to the digest.
    package func add(_ text: String) { sink.string(text) }

    /// The digest so far, in lowercase hex.
    package func hex() -> String {
        var hasher = sink.finished
        return SHA256.hexString(hasher.finalize())
    }

    final class Sink {
        private var hasher = SHA256.Hasher()
        private var buffer: [UInt8] = []

        init() { buffer.reserveCapacity(4096) }

        func mark(_ tag: UInt8) {
            buffer.append(tag)
            if buffer.count >= 4096 { flush() }
        }

        func int(_ value: Int64) {
            buffer.append(0x69)  // i
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
            if buffer.count >= 4096 { flush() }
        }

        func string(_ text: String) {
            buffer.append(0x73)  // s
            var text = text
            text.withUTF8 { utf8 in
                withUnsafeBytes(of: Int64(utf8.count).littleEndian) { buffer.append(contentsOf: $0) }
                buffer.append(contentsOf: utf8)
            }
            if buffer.count >= 4096 { flush() }
        }

        private func flush() {
            buffer.withUnsafeBufferPointer { hasher.update($0) }
            buffer.removeAll(keepingCapacity: true)
        }

        /// Feeds what is buffered; the hasher then holds everything added.
        var finished: SHA256.Hasher {
            flush()
            return hasher
        }
    }

    struct ValueEncoder: Encoder {
        let sink: Sink
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            sink.mark(0x4B)  // K
            return KeyedEncodingContainer(Keyed<Key>(sink: sink))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            sink.mark(0x55)  // U
            return Unkeyed(sink: sink)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(sink: sink) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        var codingPath: [any CodingKey] = []

        mutating func encodeNil(forKey key: Key) throws {
            sink.string(key.stringValue)
            sink.mark(0x6E)  // n
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            sink.string(key.stringValue)
            var single = Single(sink: sink)
            try single.encode(value)
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            sink.string(key.stringValue)
            sink.mark(0x4B)
            return KeyedEncodingContainer(Keyed<N>(sink: sink))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            sink.string(key.stringValue)
            sink.mark(0x55)
            return Unkeyed(sink: sink)
        }

        mutating func superEncoder() -> any Encoder { ValueEncoder(sink: sink) }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            sink.string(key.stringValue)
            return ValueEncoder(sink: sink)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let sink: Sink
        var codingPath: [any CodingKey] = []
        var count = 0

        mutating func encodeNil() throws {
            count += 1
            sink.mark(0x6E)
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            var single = Single(sink: sink)
            try single.encode(value)
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type) -> KeyedEncodingContainer<N> {
            count += 1
            sink.mark(0x4B)
            return KeyedEncodingContainer(Keyed<N>(sink: sink))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            sink.mark(0x55)
            return Unkeyed(sink: sink)
        }

        mutating func superEncoder() -> any Encoder { ValueEncoder(sink: sink) }
    }

    struct Single: SingleValueEncodingContainer {
        let sink: Sink
        var codingPath: [any CodingKey] = []

        mutating func encodeNil() throws { sink.mark(0x6E) }
        mutating func encode(_ value: Bool) throws { sink.mark(value ? 0x74 : 0x66) }
        mutating func encode(_ value: String) throws { sink.string(value) }
        mutating func encode(_ value: Int) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Double) throws {
            sink.mark(0x64)  // d
            sink.int(Int64(bitPattern: value.bitPattern))
        }
        mutating func encode(_ value: Float) throws { try encode(Double(value)) }
        mutating func encode(_ value: Int8) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Int16) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Int32) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Int64) throws { sink.int(value) }
        mutating func encode(_ value: UInt) throws { sink.int(Int64(bitPattern: UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: UInt16) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: UInt32) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: UInt64) throws { sink.int(Int64(bitPattern: value)) }

        /// Strings and integers directly; anything else through its own `encode(to:)`,
        /// closed by an end mark.
        mutating func encode<T: Encodable>(_ value: T) throws {
            switch value {
            case let v as String: sink.string(v)
            case let v as Int: sink.int(Int64(v))
            case let v as Bool: sink.mark(v ? 0x74 : 0x66)
            default:
                try value.encode(to: ValueEncoder(sink: sink))
                sink.mark(0x45)
            }
        }
    }
}

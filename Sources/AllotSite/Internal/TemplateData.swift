/// A view as plain dictionaries, arrays and scalars, made once through its `Encodable`
/// conformance: swift-mustache would otherwise reflect a struct anew for every tag that
/// reads it, and reflection is slow. Optionals that are nil are left out, as
/// synthesized encoding does.
enum TemplateData {
    static func convert(_ value: some Encodable) -> Any {
        let box = Box()
        do {
            try TreeEncoder.encode(value, into: box)
        } catch {
            return [String: Any]()
        }
        return box.resolved ?? [String: Any]()
    }
}

/// One encoded value: a keyed container, a list, or a scalar.
private final class Box {
    var keyed: [String: Box]?
    var list: [Box]?
    var scalar: Any?

    var resolved: Any? {
        if let keyed { return keyed.compactMapValues(\.resolved) }
        if let list { return list.compactMap(\.resolved) }
        return scalar
    }

    func child(_ key: String) -> Box {
        let child = Box()
        if keyed == nil { keyed = [:] }
        keyed![key] = child
        return child
    }

    func appended() -> Box {
        let child = Box()
        if list == nil { list = [] }
        list!.append(child)
        return child
    }
}

private struct TreeEncoder: Encoder {
    let box: Box
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(into box: Box) { self.box = box }

    static func encode(_ value: some Encodable, into box: Box) throws {
        switch value {
        case let s as String: box.scalar = s
        case let n as Int: box.scalar = n
        case let b as Bool: box.scalar = b
        case let d as Double: box.scalar = d
        default: try value.encode(to: TreeEncoder(into: box))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if box.keyed == nil { box.keyed = [:] }
        return KeyedEncodingContainer(Keyed<Key>(box: box))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if box.list == nil { box.list = [] }
        return Unkeyed(box: box)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(box: box) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box
        var codingPath: [CodingKey] = []

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try TreeEncoder.encode(value, into: box.child(key.stringValue))
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            let child = box.child(key.stringValue)
            child.keyed = [:]
            return KeyedEncodingContainer(Keyed<N>(box: child))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = box.child(key.stringValue)
            child.list = []
            return Unkeyed(box: child)
        }
        mutating func superEncoder() -> Encoder { TreeEncoder(into: box) }
        mutating func superEncoder(forKey key: Key) -> Encoder { TreeEncoder(into: box.child(key.stringValue)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: Box
        var codingPath: [CodingKey] = []
        var count: Int { box.list?.count ?? 0 }

        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws { try TreeEncoder.encode(value, into: box.appended()) }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> {
            let child = box.appended()
            child.keyed = [:]
            return KeyedEncodingContainer(Keyed<N>(box: child))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = box.appended()
            child.list = []
            return Unkeyed(box: child)
        }
        mutating func superEncoder() -> Encoder { TreeEncoder(into: box) }
    }

    struct Single: SingleValueEncodingContainer {
        let box: Box
        var codingPath: [CodingKey] = []
        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws { try TreeEncoder.encode(value, into: box) }
    }
}

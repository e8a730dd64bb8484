import Mustache

/// A view as template data, made once through its `Encodable` conformance: swift-mustache
/// would otherwise reflect a struct anew for every tag that reads it, and reflection is
/// slow. Keyed containers become `TemplateObject`s and unkeyed ones `TemplateList`s,
/// held with strings, integers, booleans and doubles as `TemplateValue`s, which the
/// compiled renderer reads without casts. Optionals that are nil are left out,
/// as synthesized encoding does, so a tag naming one looks further up the context stack.
///
/// The few `Encoder` uses the direct path does not take (super encoders, a container of
/// another kind requested where a value already is) make the whole view go through
/// `DictionaryData`, the plain dictionaries and arrays swift-mustache reads the same way.
enum TemplateData {
    /// Throws what the view's `encode(to:)` throws.
    static func convert(_ value: some Encodable) throws -> Any {
        let state = NodeEncoder.State()
        let result = try state.value(of: value)
        if state.unsupported { return try DictionaryData.convert(value) }
        return result?.any ?? TemplateObject()
    }
}

/// One value of template data. The compiled renderer switches over it; swift-mustache
/// sees `any`, the plain value.
enum TemplateValue {
    case string(String)
    case int(Int)
    case bool(Bool)
    case double(Double)
    case object(TemplateObject)
    case list(TemplateList)

    var any: Any {
        switch self {
        case .string(let v): v
        case .int(let v): v
        case .bool(let v): v
        case .double(let v): v
        case .object(let v): v
        case .list(let v): v
        }
    }
}

/// A keyed container: what a struct of the view becomes. Fields are kept in the order
/// they were encoded, and a name is found by comparing it with each key: views have a
/// handful of fields with short names, so that beats hashing the name. A later field of
/// the same name wins, as in a dictionary.
final class TemplateObject: MustacheParent, MustacheTransformable, CustomStringConvertible {
    private var entries: [(key: String, value: TemplateValue)] = []
    /// For the rare object with many fields (an encoded dictionary): made while the
    /// fields are set, never on a look-up, so that pages rendered at once on several
    /// threads may read one object (a look-up that built it raced, and crashed a build).
    private var index: [String: Int]?

    init() { entries.reserveCapacity(8) }

    init(strings: KeyValuePairs<String, String>) {
        entries = strings.map { ($0.key, .string($0.value)) }
    }

    func set(_ value: TemplateValue, forKey key: String) {
        entries.append((key, value))
        if index != nil {
            index![key] = entries.count - 1
        } else if entries.count > Self.scanned {
            index = Dictionary(zip(entries.map(\.key), entries.indices), uniquingKeysWith: { $1 })
        }
    }

    /// Up to this many fields, a look-up compares the name with each key.
    private static let scanned = 16

    func value(named name: String) -> TemplateValue? {
        if let index { return index[name].map { entries[$0].value } }
        var i = entries.count - 1
        while i >= 0 {
            if entries[i].key == name { return entries[i].value }
            i -= 1
        }
        return nil
    }

    func child(named name: String) -> Any? { value(named: name)?.any }

    /// The fields as a dictionary, for a dictionary's transforms.
    var fields: [String: Any] { Dictionary(entries.map { ($0.key, $0.value.any) }, uniquingKeysWith: { $1 }) }
    /// A dictionary's transforms (`count`, `empty`, …), as before.
    func transform(_ name: String) -> Any? { fields.transform(name) }
    /// Like a dictionary's description, in the order the fields were encoded, so a tag
    /// naming a whole object shows the same text every time.
    var description: String {
        let kept = entries.indices.filter { i in !entries[(i + 1)...].contains { $0.key == entries[i].key } }
        guard !kept.isEmpty else { return "[:]" }
        var text = "["
        for (n, i) in kept.enumerated() {
            if n > 0 { text += ", " }
            debugPrint(entries[i].key, terminator: "", to: &text)
            text += ": "
            debugPrint(entries[i].value.any, terminator: "", to: &text)
        }
        return text + "]"
    }
}

/// An unkeyed container: what an array of the view becomes. A section over it repeats
/// for each item; like an array it has no named children and an array's transforms.
final class TemplateList: MustacheSequence, MustacheParent, MustacheTransformable, CustomStringConvertible {
    var items: [TemplateValue] = []

    init(_ items: [TemplateValue] = []) { self.items = items }

    func makeIterator() -> IndexingIterator<[Any]> { items.map(\.any).makeIterator() }
    var underestimatedCount: Int { items.count }
    func child(named name: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { items.map(\.any).transform(name) }
    var description: String { items.map(\.any).description }
}

private enum NodeEncoder {
    final class State {
        /// Set when the view uses the Encoder in a way only `DictionaryData` follows.
        var unsupported = false

        /// The value's template data, or nil when it encodes nothing (a nil optional).
        func value<T: Encodable>(of value: T) throws -> TemplateValue? {
            // Exact types first (a metadata comparison; a cast that fails is slow).
            if T.self == String.self { return .string(value as! String) }
            if T.self == Int.self { return .int(value as! Int) }
            if T.self == Bool.self { return .bool(value as! Bool) }
            if T.self == Double.self { return .double(value as! Double) }
            let slot = Slot()
            try value.encode(to: Writer(state: self, slot: slot))
            return slot.value
        }
    }

    /// Where the `Encoder` a value was given puts it.
    final class Slot {
        var value: TemplateValue?
        init(_ value: TemplateValue? = nil) { self.value = value }
    }

    struct Writer: Encoder {
        let state: State
        let slot: Slot
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        init(state: State, slot: Slot) { self.state = state; self.slot = slot }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object(let object)? = slot.value { return KeyedEncodingContainer(Keyed<Key>(state: state, object: object)) }
            if slot.value != nil { state.unsupported = true }
            let object = TemplateObject()
            slot.value = .object(object)
            return KeyedEncodingContainer(Keyed<Key>(state: state, object: object))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .list(let list)? = slot.value { return Unkeyed(state: state, list: list) }
            if slot.value != nil { state.unsupported = true }
            let list = TemplateList()
            slot.value = .list(list)
            return Unkeyed(state: state, list: list)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(state: state, slot: slot) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let state: State
        let object: TemplateObject
        var codingPath: [CodingKey] = []

        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if let field = try state.value(of: value) { object.set(field, forKey: key.stringValue) }
        }
        // The scalar overloads synthesized `encode(to:)` calls, taken directly rather than
        // through the generic path.
        mutating func encode(_ value: String, forKey key: Key) throws { object.set(.string(value), forKey: key.stringValue) }
        mutating func encode(_ value: Int, forKey key: Key) throws { object.set(.int(value), forKey: key.stringValue) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { object.set(.bool(value), forKey: key.stringValue) }
        mutating func encode(_ value: Double, forKey key: Key) throws { object.set(.double(value), forKey: key.stringValue) }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            let nested = TemplateObject()
            object.set(.object(nested), forKey: key.stringValue)
            return KeyedEncodingContainer(Keyed<N>(state: state, object: nested))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let nested = TemplateList()
            object.set(.list(nested), forKey: key.stringValue)
            return Unkeyed(state: state, list: nested)
        }
        mutating func superEncoder() -> Encoder {
            state.unsupported = true
            return Writer(state: state, slot: Slot(.object(object)))
        }
        mutating func superEncoder(forKey key: Key) -> Encoder {
            state.unsupported = true
            return Writer(state: state, slot: Slot())
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let state: State
        let list: TemplateList
        var codingPath: [CodingKey] = []
        var count: Int { list.items.count }

        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {
            if let item = try state.value(of: value) { list.items.append(item) }
        }
        mutating func encode(_ value: String) throws { list.items.append(.string(value)) }
        mutating func encode(_ value: Int) throws { list.items.append(.int(value)) }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> {
            let nested = TemplateObject()
            list.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<N>(state: state, object: nested))
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let nested = TemplateList()
            list.items.append(.list(nested))
            return Unkeyed(state: state, list: nested)
        }
        mutating func superEncoder() -> Encoder {
            state.unsupported = true
            return Writer(state: state, slot: Slot(.list(list)))
        }
    }

    struct Single: SingleValueEncodingContainer {
        let state: State
        let slot: Slot
        var codingPath: [CodingKey] = []

        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {
            if slot.value != nil { state.unsupported = true }
            slot.value = try state.value(of: value)
        }
    }
}

/// The first way views became template data, kept for the `Encoder` uses the direct path
/// leaves to it: plain dictionaries, arrays and scalars, through a tree of boxes.
enum DictionaryData {
    static func convert(_ value: some Encodable) throws -> Any {
        let box = Box()
        try TreeEncoder.encode(value, into: box)
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

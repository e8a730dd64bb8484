/// A fast 64-bit FNV-1a hash over a canonical serialisation of template data: equal
/// views give equal fingerprints, so an unchanged page need not be rendered again.
struct Fingerprint {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
        add(CollectionOfOne(0xFF))
    }

    /// Dictionaries by sorted key, arrays in order, scalars by type and text. A
    /// `TemplateObject` counts as the dictionary of its fields and a `TemplateList` as the
    /// array of its items, so a view has one fingerprint however it was converted.
    /// Dispatches on the exact type first: a cast that fails is slow.
    mutating func add(data: Any) {
        let type = ObjectIdentifier(Swift.type(of: data))
        if type == ObjectIdentifier(String.self) {
            add("s"); add(data as! String)
        } else if type == ObjectIdentifier(Int.self) {
            add("i"); add(String(data as! Int))
        } else if type == ObjectIdentifier(Bool.self) {
            add(data as! Bool ? "T" : "F")
        } else if type == ObjectIdentifier(TemplateObject.self) {
            let o = data as! TemplateObject
            add("{")
            for key in o.fields.keys.sorted() { add(key); add(data: o.fields[key]!) }
            add("}")
        } else if type == ObjectIdentifier(TemplateList.self) {
            add("[")
            for item in (data as! TemplateList).items { add(data: item) }
            add("]")
        } else {
            addSlowly(data: data)
        }
    }

    private mutating func addSlowly(data: Any) {
        switch data {
        case let s as String: add("s"); add(s)
        case let n as Int: add("i"); add(String(n))
        case let b as Bool: add(b ? "T" : "F")
        case let d as Double: add("d"); add(String(d))
        case let a as [Any]:
            add("[")
            for item in a { add(data: item) }
            add("]")
        case let o as [String: Any]:
            add("{")
            for key in o.keys.sorted() { add(key); add(data: o[key]!) }
            add("}")
        default: add("?"); add(String(describing: data))
        }
    }
}

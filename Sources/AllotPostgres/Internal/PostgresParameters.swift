import AllotStore

/// Arguments as libpq takes them: text, each ending in a NUL byte, all in one buffer;
/// NULL as no pointer at all.
struct PostgresParameters {
    private var bytes: [UInt8] = [0]
    private var offsets: [Int?] = []

    var count: Int { offsets.count }

    mutating func append(_ value: SQLValue) throws {
        switch value {
        case .null: offsets.append(nil)
        case .integer(let n): add(String(n))
        case .real(let x): add("\(x)")
        case .text(let text):
            guard !text.utf8.contains(0) else {
                throw PostgresError.statement(
                    state: "22021", message: "a text value holds the NUL character, which PostgreSQL cannot store")
            }
            add(text)
        }
    }

    private mutating func add(_ text: String) {
        offsets.append(bytes.count)
        bytes.append(contentsOf: text.utf8)
        bytes.append(0)
    }

    /// Value `index` as the server reads it; nil for NULL.
    func text(at index: Int) -> String? {
        guard let start = offsets[index] else { return nil }
        let end = bytes[start...].firstIndex(of: 0)!
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func withPointers<T>(_ body: ([UnsafePointer<CChar>?]) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            return try body(offsets.map { $0.map { base + $0 } })
        }
    }
}

import Foundation

/// Values as JSON Lines: one JSON object a line, keys sorted, so equal values give equal
/// bytes. The form of the build's own records (`.allot-teams`, shard records).
enum JSONLines {
    static func encode<T: Encodable>(_ values: [T]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var data = Data()
        for value in values {
            data.append(try encoder.encode(value))
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    /// The values `encode` wrote; nil when any line does not read as one.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) -> [T]? {
        let decoder = JSONDecoder()
        var out: [T] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let value = try? decoder.decode(T.self, from: Data(line)) else { return nil }
            out.append(value)
        }
        return out
    }
}

import AllotSupport
import Foundation

/// Values as JSON Lines: one JSON object a line, keys sorted, so equal values give equal
/// bytes. The form of the build's own records (`.allot-teams`, shard records). Lines are
/// encoded and decoded on every core: a medium site's team records are 16 MB, read at
/// the start of a build and written at its end, while no other work runs.
enum JSONLines {
    static func encode<T: Encodable & Sendable>(_ values: [T]) throws -> Data {
        joined(try ParallelMap.map(values) { try line($0) })
    }

    /// One value's line, without its line break.
    static func line<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }

    /// Lines, each followed by a line break.
    static func joined(_ lines: [Data]) -> Data {
        var data = Data()
        data.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for line in lines {
            data.append(line)
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    /// The values `encode` wrote; nil when any line does not read as one.
    static func decode<T: Decodable & Sendable>(_ type: T.Type, from data: Data) -> [T]? {
        decodeLines(type, from: data)?.map(\.value)
    }

    /// The values `encode` wrote, each with its line; nil when any line does not read as one.
    static func decodeLines<T: Decodable & Sendable>(_ type: T.Type, from data: Data) -> [(value: T, line: Data)]? {
        let lines = data.split(separator: UInt8(ascii: "\n")).map { Data($0) }
        let values = ParallelMap.map(lines) { line in try? JSONDecoder().decode(T.self, from: line) }
        var out: [(value: T, line: Data)] = []
        out.reserveCapacity(values.count)
        for (value, line) in zip(values, lines) {
            guard let value else { return nil }
            out.append((value, line))
        }
        return out
    }
}

import Allot
import Foundation

/// Paths in this example package and small helpers for writing ledgers by hand.
enum Support {
    /// `examples/custom-plugin/`, found from this file so tests run from any folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A new empty folder under the system's temporary folder.
    static func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "team-plugin-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func instant(_ text: String, _ calendar: LedgerCalendar = .utc) throws -> Instant {
        try InstantParser(calendar: calendar).parse(text).get()
    }

    /// A bare date read like `as_of`: the end of that day.
    static func end(_ text: String, _ calendar: LedgerCalendar = .utc) throws -> Instant {
        try InstantParser(calendar: calendar).parseEnd(text).get()
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}

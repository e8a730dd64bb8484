import AllotLedger
import Foundation

/// A folder of notices as .eml files, one per seat and as-of: `FOLDER/<as-of>/<seat>.eml`.
/// Either a preview of what would be sent, or the delivery itself when something else
/// sends its files on.
public struct NoticeOutbox: Sendable {
    public var folder: String

    public init(folder: String) { self.folder = folder }

    public func path(of notice: Notice, asOf: Instant) -> String {
        folder + "/" + asOf.iso8601.replacingOccurrences(of: ":", with: "") + "/" + notice.slug + ".eml"
    }

    /// Writes the notice (whole or not at all) and returns its path.
    @discardableResult
    public func write(_ notice: Notice, asOf: Instant) throws -> String {
        let path = path(of: notice, asOf: asOf)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(notice.message.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }
}

import Foundation

/// One output file: its path relative to the site root and its bytes, or a page whose
/// view is unchanged since the last build, kept as it is on disk.
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var bytes: Data
    /// True when the file on disk is already right and `bytes` is empty.
    public var kept: Bool
    /// For pages: what the page was rendered from, so the next build can tell.
    public var fingerprint: UInt64?

    public init(path: String, bytes: Data, kept: Bool = false, fingerprint: UInt64? = nil) {
        self.path = path; self.bytes = bytes; self.kept = kept; self.fingerprint = fingerprint
    }
}

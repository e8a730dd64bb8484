import Foundation

/// One output file: its path relative to the site root and its bytes.
public struct RenderedFile: Sendable, Equatable {
    public var path: String
    public var bytes: Data

    public init(path: String, bytes: Data) {
        self.path = path; self.bytes = bytes
    }
}

import Foundation

/// What the preview server tells open pages: which build they show, and the last error.
public actor PreviewState {
    public private(set) var version = 0
    public private(set) var error: String?

    public init() {}

    public func built() { version += 1; error = nil }
    public func failed(_ message: String) { error = message; version += 1 }

    private struct Status: Encodable { var version: Int; var error: String? }

    var statusJSON: Data {
        (try? JSONEncoder().encode(Status(version: version, error: error))) ?? Data("{}".utf8)
    }
}

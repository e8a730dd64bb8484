/// A source file as last imported: when its size and modification time are unchanged it
/// is not read again, and when its content hash is unchanged it is not parsed again.
public struct SourceRecord: Sendable, Equatable {
    public var path: String
    public var size: Int
    public var modified: Double
    public var sha256: String

    public init(path: String, size: Int, modified: Double, sha256: String) {
        self.path = path; self.size = size; self.modified = modified; self.sha256 = sha256
    }
}

/// What a build recorded of a final page (`PageModel.isFinal`): its key (a digest of all
/// it is made from) and the files it wrote, so a later build can keep them.
public struct PageRecord: Codable, Sendable, Equatable {
    public var key: String
    public var files: [String]

    public init(key: String, files: [String]) {
        self.key = key; self.files = files
    }
}

/// A team's pages after `SiteBuilder.files(_:finalKeys:kept:)`: the files rendered, every
/// file's path (rendered or kept from the last build) in UTF-8 order, how many were kept,
/// and the record of every final page.
public struct TeamFiles: Sendable {
    public var written: [RenderedFile] = []
    public var paths: [String] = []
    public var kept = 0
    public var pages: [String: PageRecord] = [:]

    public init() {}
}

import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CommonMark to HTML through the system's libcmark. Raw HTML in the input is kept
/// (templates are trusted); data values must be escaped before they reach here.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func html(_ markdown: String) -> String {
        let options = CMARK_OPT_UNSAFE | CMARK_OPT_NOBREAKS
        guard let output = cmark_markdown_to_html(markdown, markdown.utf8.count, options) else { return "" }
        defer { free(output) }
        return String(cString: output)
    }

    /// The libcmark version this binary runs with, e.g. "0.30.2".
    public static var libraryVersion: String { String(cString: cmark_version_string()) }
}

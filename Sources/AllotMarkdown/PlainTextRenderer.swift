import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CommonMark as readable plain text, for the text part of an email: paragraphs wrapped
/// at `width` characters, list items as `- `, emphasis as its words, a link as its text
/// and the address in angle brackets (once, when the text is the address). Escapes are
/// undone by the parser, so data reads as it was written.
public struct PlainTextRenderer: Sendable {
    public let width: Int

    public init(width: Int = 72) { self.width = width }

    public func text(_ markdown: String) -> String {
        guard let document = cmark_parse_document(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT) else { return markdown }
        defer { cmark_node_free(document) }
        var blocks: [String] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            blocks.append(block(node, indent: ""))
            child = cmark_node_next(node)
        }
        return blocks.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    private func block(_ node: OpaquePointer, indent: String) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            return wrap(inline(node), first: indent, rest: indent)
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            var number = Int(cmark_node_get_list_start(node))
            var items: [String] = []
            var item = cmark_node_first_child(node)
            while let current = item {
                let marker = ordered ? "\(number). " : "- "
                number += 1
                items.append(listItem(current, marker: indent + marker, indent: indent + String(repeating: " ", count: marker.count)))
                item = cmark_node_next(current)
            }
            return items.joined(separator: "\n")
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            return literal(node).split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
        case CMARK_NODE_THEMATIC_BREAK:
            return indent + String(repeating: "-", count: 20)
        case CMARK_NODE_BLOCK_QUOTE:
            return children(node).map { block($0, indent: indent + "> ") }.joined(separator: "\n")
        default:
            return wrap(inline(node), first: indent, rest: indent)
        }
    }

    private func listItem(_ item: OpaquePointer, marker: String, indent: String) -> String {
        var parts: [String] = []
        for (i, node) in children(item).enumerated() {
            if i == 0 && cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                parts.append(wrap(inline(node), first: marker, rest: indent))
            } else {
                parts.append(block(node, indent: indent))
            }
        }
        return parts.joined(separator: "\n")
    }

    private func inline(_ node: OpaquePointer) -> String {
        var out = ""
        for child in children(node) {
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += literal(child)
            case CMARK_NODE_SOFTBREAK: out += " "
            case CMARK_NODE_LINEBREAK: out += "\n"
            case CMARK_NODE_HTML_INLINE: break
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let text = inline(child)
                let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
                out += text == url || url.isEmpty ? text : text + " <" + url + ">"
            default: out += inline(child)
            }
        }
        return out
    }

    /// Words filled into lines of at most `width` characters; a word longer than that
    /// (an address) gets a line of its own.
    private func wrap(_ text: String, first: String, rest: String) -> String {
        var lines: [String] = []
        for hardLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = lines.isEmpty ? first : rest
            var lineHasWord = false
            for word in hardLine.split(separator: " ") {
                if lineHasWord && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = rest
                    lineHasWord = false
                }
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            out.append(current)
            child = cmark_node_next(current)
        }
        return out
    }
}

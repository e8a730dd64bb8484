/// A template's tags as read before swift-mustache parses it, for what its parser does not
/// say well or at all: a tag never closed, a section closed by another name or never
/// closed, each with the line and column where it opened; sections nested so deep that
/// parsing or rendering them would overflow the stack (swift-mustache recurses once per
/// section); and the partials the template includes, for checks across templates.
struct TemplateSyntax {
    /// How deep sections may nest, partials included (a partial counts as one level).
    static let deepest = 100

    struct Problem: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// A `{{> name}}` (or `{{<name}}`) tag, with the sections open around it.
    struct Inclusion {
        var name: String
        /// The tag as an error shows it.
        var written: String
        var line: Int
        var column: Int
        var depth: Int
    }

    private(set) var inclusions: [Inclusion] = []
    /// The deepest its own sections nest.
    private(set) var depth = 0

    private struct Opened {
        var name: String
        var line: Int
        var column: Int
    }

    init(_ text: String) throws(Problem) {
        let chars = Array(text)
        var open = Array("{{"), close = Array("}}")
        var sections: [Opened] = []
        var i = 0, line = 1, column = 1
        func advance(to end: Int) {
            while i < end {
                if chars[i].isNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                i += 1
            }
        }
        while i < chars.count {
            guard Self.matches(open, in: chars, at: i) else {
                advance(to: i + 1)
                continue
            }
            let (tagLine, tagColumn) = (line, column)
            let start = i + open.count
            let triple = open == Array("{{") && start < chars.count && chars[start] == "{"
            let closer = triple ? close + ["}"] : close
            let kind = start < chars.count ? chars[start] : " "
            guard let end = Self.find(closer, in: chars, from: start),
                kind == "!" || Self.find(open, in: Array(chars[start..<end]), from: 0) == nil
            else {
                throw Problem(
                    line: tagLine, column: tagColumn,
                    message: "the tag opened here is never closed with \(String(closer))")
            }
            let body = String(chars[start..<end])
            advance(to: end + closer.count)
            let name = String(body.dropFirst()).trimmingWhitespace
            switch kind {
            case "#", "^", "$", "<":
                // `{{<parent}}` includes its parent as `{{>parent}}` does.
                if kind == "<" && !name.hasPrefix("*") {
                    inclusions.append(
                        Inclusion(name: name, written: "{{<\(name)}}", line: tagLine, column: tagColumn, depth: sections.count))
                }
                sections.append(Opened(name: name, line: tagLine, column: tagColumn))
                depth = max(depth, sections.count)
                guard sections.count <= Self.deepest else {
                    throw Problem(
                        line: tagLine, column: tagColumn,
                        message: "sections are nested more than \(Self.deepest) deep here; no page needs that many")
                }
            case "/":
                guard let inner = sections.popLast() else {
                    throw Problem(
                        line: tagLine, column: tagColumn,
                        message: "{{/\(name)}} closes a section that was never opened")
                }
                guard inner.name == name else {
                    throw Problem(
                        line: tagLine, column: tagColumn,
                        message:
                            "{{/\(name)}} closes \"\(name)\", but the section open here is \"\(inner.name)\", opened at line \(inner.line), column \(inner.column)"
                    )
                }
            case ">":
                if !name.hasPrefix("*") {
                    inclusions.append(
                        Inclusion(name: name, written: "{{> \(name)}}", line: tagLine, column: tagColumn, depth: sections.count))
                }
            case "=":
                let parts = body.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                guard body.count > 2, body.last == "=", parts.count == 2 else {
                    throw Problem(
                        line: tagLine, column: tagColumn,
                        message: "a tag that changes the delimiters is written {{=<% %>=}}: two delimiters between = signs")
                }
                open = Array(parts[0])
                close = Array(parts[1])
            default:
                break
            }
        }
        if let unclosed = sections.last {
            throw Problem(
                line: unclosed.line, column: unclosed.column,
                message: "the section \"\(unclosed.name)\" opened here is never closed with {{/\(unclosed.name)}}")
        }
    }

    private static func matches(_ pattern: [Character], in chars: [Character], at index: Int) -> Bool {
        guard !pattern.isEmpty, index + pattern.count <= chars.count else { return false }
        for (offset, char) in pattern.enumerated() where chars[index + offset] != char { return false }
        return true
    }

    private static func find(_ pattern: [Character], in chars: [Character], from index: Int) -> Int? {
        var at = index
        while at + pattern.count <= chars.count {
            if matches(pattern, in: chars, at: at) { return at }
            at += 1
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

import Foundation

/// One JSON object per line, with the same field names as the CSV columns. Strings and
/// numbers are taken as text (a number as written, so the CSV rules judge it); null or ""
/// is an absent field.
enum JSONLinesTableReader {
    static func read(_ text: String, file: String) throws(ImportFailure) -> SourceTable {
        var rows: [SourceRow] = [], issues: [ImportIssue] = []
        var kind: SourceKind?
        var lineNumber = 0
        let decoder = JSONDecoder()
        // Split on bytes: "\r\n" is a single Character, so a Character split would miss it.
        for rawLine in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let object = try? decoder.decode([String: JSONCell].self, from: Data(line)) else {
                issues.append(ImportIssue(file: file, line: lineNumber, "is not a JSON object"))
                continue
            }
            if kind == nil {
                switch SourceReader.kind(of: object.keys.sorted(), file: file, line: lineNumber) {
                case .success(let k): kind = k
                case .failure(let issue): throw ImportFailure([issue])
                }
            }
            var fields: [String: String] = [:]
            var raw: [String: ArraySlice<UInt8>]?
            for key in object.keys.sorted() {
                guard kind!.columns.contains(key) else {
                    issues.append(
                        ImportIssue(
                            file: file, line: lineNumber, field: key,
                            "is not a field of a \(kind!.rawValue) file; the fields are \(kind!.columns.joined(separator: ","))"))
                    continue
                }
                switch object[key]! {
                case .text(let value): if !value.isEmpty { fields[key] = value }
                case .null: break
                case .number:
                    // Its text, so that `5.0` or `1e3` meets the rule a CSV cell meets.
                    raw = raw ?? JSONRawValues.scan(line)
                    fields[key] = raw?[key].map { String(decoding: $0, as: UTF8.self) } ?? ""
                case .other:
                    raw = raw ?? JSONRawValues.scan(line)
                    let isString = raw?[key]?.first == UInt8(ascii: "\"")
                    issues.append(
                        ImportIssue(
                            file: file, line: lineNumber, field: key,
                            isString
                                ? "holds an escape that is no character (a lone UTF-16 surrogate such as \\ud800); write the character itself or a surrogate pair"
                                : "must be a string or a whole number"))
                }
            }
            rows.append(SourceRow(line: lineNumber, fields: fields))
        }
        guard issues.isEmpty else { throw ImportFailure(issues) }
        guard let kind else { throw ImportFailure([ImportIssue(file: file, line: 0, "holds no JSON objects")]) }
        return SourceTable(file: file, kind: kind, rows: rows)
    }
}

/// A JSON value as an input field sees it; a number's text is taken from the line.
private enum JSONCell: Decodable {
    case text(String), number, null, other

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .text(s)
        } else if (try? c.decode(Bool.self)) != nil {
            self = .other
        } else if (try? c.decode(Double.self)) != nil {
            self = .number
        } else {
            self = .other
        }
    }
}

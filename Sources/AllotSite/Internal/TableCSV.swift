import AllotReports
import Foundation

/// A page's table as an RFC 4180 file: UTF-8, CRLF line ends, a header row, numbers as
/// plain numbers. Text a spreadsheet would run as a formula (it begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, which Excel and LibreOffice read as
/// "this is text" (OWASP's advice on CSV injection); numbers, negative ones too, do not.
///
/// Written as bytes here rather than through CSV.swift's `CSVWriter`, which writes one
/// byte at a time through an `OutputStream` and looks for quotes through `NSString`: on a
/// cold build that was more than half of the time (bench/RESULTS.md). The tests read every
/// file back with CSV.swift's reader.
enum TableCSV {
    static func data(_ table: DataTable) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (table.rows.count + 1))
        for (i, header) in table.headers.enumerated() {
            if i > 0 { out.append(comma) }
            appendText(header, to: &out)
        }
        out += lineEnd
        for row in table.rows {
            for (i, (column, cell)) in zip(table.columns, row).enumerated() {
                if i > 0 { out.append(comma) }
                append(cell, instant: column.isInstant, to: &out)
            }
            out += lineEnd
        }
        return Data(out)
    }

    /// One cell: two fields in a time column (as shown, and ISO 8601), one otherwise.
    private static func append(_ cell: DataCell, instant: Bool, to out: inout [UInt8]) {
        switch cell {
        case .number(let n): out += String(n).utf8
        case .text(let s): appendText(s, to: &out)
        case .instant(let shown, _): appendText(shown, to: &out)
        case .empty: break
        }
        if instant {
            out.append(comma)
            if case .instant(_, let iso) = cell { appendText(iso, to: &out) }
        }
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    private static let lineEnd: [UInt8] = [13, 10]
    private static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13]

    /// Text as a spreadsheet shows it, never as a formula; quoted when it holds a quote, a
    /// comma or a line break, its quotes doubled.
    private static func appendText(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            let guarded = bytes.first.map(formulaStarts.contains) ?? false
            let quoted = bytes.contains { $0 == quote || $0 == comma || $0 == 13 || $0 == 10 }
            if quoted { out.append(quote) }
            if guarded { out.append(UInt8(ascii: "'")) }
            if quoted {
                for byte in bytes {
                    if byte == quote { out.append(quote) }
                    out.append(byte)
                }
                out.append(quote)
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }
}

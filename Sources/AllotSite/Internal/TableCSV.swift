import AllotReports
import AllotSupport
import CSV
import Foundation

/// A page's table as an RFC 4180 file: UTF-8, CRLF line ends, a header row, numbers as
/// plain numbers. Text a spreadsheet would run as a formula (it begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, which Excel and LibreOffice read as
/// "this is text" (OWASP's advice on CSV injection); numbers, negative ones too, do not.
enum TableCSV {
    static func data(_ table: DataTable) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        defer { stream.close() }
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: table.headers.map(text))
        for row in table.rows {
            var fields: [String] = []
            for (column, cell) in zip(table.columns, row) {
                fields += self.fields(cell, instant: column.isInstant)
            }
            try writer.write(row: fields)
        }
        guard var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw AllotError("could not be written: the CSV writer gave no bytes", path: table.name)
        }
        // The writer ends rows but the last; RFC 4180 allows either, and tools like the break.
        data.append(contentsOf: [13, 10])
        return data
    }

    private static func fields(_ cell: DataCell, instant: Bool) -> [String] {
        let written: [String] =
            switch cell {
            case .number(let n): [String(n)]
            case .text(let s): [text(s)]
            case .instant(let shown, let iso): [text(shown), text(iso)]
            case .empty: [""]
            }
        if instant { return written.count == 2 ? written : [written[0], ""] }
        return [written[0]]
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Text as a spreadsheet shows it, never as a formula.
    static func text(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, formulaStarts.contains(first) else { return s }
        return "'" + s
    }
}

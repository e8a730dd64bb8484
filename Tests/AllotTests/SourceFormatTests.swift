import AllotImport
import Foundation
import Testing

@testable import Allot

/// CSV and JSON Lines read the same records; line numbers survive quoting and CRLF.
@Suite(.cleansScratch) struct SourceFormatTests {
    func table(_ text: String, _ bytes: [UInt8] = []) throws -> SourceTable {
        try SourceReader.read(bytes + Array(text.utf8), file: "f")
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let t = try table("account,name,team,opened\r\nann,Ann,red,2015-01-01\r\n", [0xEF, 0xBB, 0xBF])
        #expect(t.kind == .seats)
        #expect(t.rows == [SourceRow(line: 2, fields: ["account": "ann", "name": "Ann", "team": "red", "opened": "2015-01-01"])])
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaksAndLinesStayRight() throws {
        let text =
            "id,time,type,account,message,to,amount,note\n"
            + "a,2015-01-01T00:00:00Z,grant,x,,,5,\"two\nlines, \"\"quoted\"\"\"\n"
            + "b,2015-01-01T00:00:00Z,grant,x,,,5,plain\n"
        let t = try table(text)
        #expect(t.rows.map(\.line) == [2, 4])
        #expect(t.rows[0].fields["note"] == "two\nlines, \"quoted\"")
    }

    @Test func blankLinesAreSkippedAndEmptyCellsAreAbsent() throws {
        let t = try table("account,name,team,email,opened,closed\n\nann,,red,,2015-01-01,\n")
        #expect(t.rows == [SourceRow(line: 3, fields: ["account": "ann", "team": "red", "opened": "2015-01-01"])])
    }

    @Test func jsonLinesReadLikeCSV() throws {
        let csv = try table("id,time,type,account,message,to,amount,note\ne1,2015-01-01T00:00:00Z,grant,x,,,5,a note\n")
        let jsonl = try table(
            "{\"id\": \"e1\", \"time\": \"2015-01-01T00:00:00Z\", \"type\": \"grant\", \"account\": \"x\", \"amount\": 5, \"note\": \"a note\", \"to\": null}\n"
        )
        #expect(csv.kind == jsonl.kind)
        #expect(csv.rows.map(\.fields) == jsonl.rows.map(\.fields))
    }

    @Test func jsonLinesErrorsNameLineAndField() throws {
        let text =
            "{\"id\": \"e1\", \"time\": \"2015-01-01T00:00:00Z\", \"type\": \"grant\"}\n\nnot json\n{\"id\": \"e2\", \"amount\": true, \"time\": \"x\", \"type\": \"send\"}\n{\"id\": \"e3\", \"colour\": \"red\", \"time\": \"x\", \"type\": \"send\"}\n"
        let failure = try #require(throws: ImportFailure.self) { try table(text) }
        #expect(
            failure.issues.map(\.description) == [
                "f:3: is not a JSON object",
                "f:4: amount: must be a string or a whole number",
                "f:5: colour: is not a field of a events file; the fields are id,time,type,account,message,to,amount,note",
            ])
    }

    @Test func unknownAndMissingColumnsAreNamed() throws {
        let unknown = try #require(throws: ImportFailure.self) { try table("account,name,team,opened,colour\n") }
        #expect(
            unknown.issues.map(\.description) == [
                "f:1: colour: is not a column of a seats file; the columns are account,name,team,email,opened,closed"
            ])
        let missing = try #require(throws: ImportFailure.self) { try table("id,type,account\n") }
        #expect(missing.issues.map(\.description) == ["f:1: time: column is missing from this events file"])
    }

    @Test func emptyFileIsAnError() throws {
        let failure = try #require(throws: ImportFailure.self) { try table("  \n") }
        #expect(failure.issues.map(\.description) == ["f: is empty; expected a header row or JSON lines"])
    }
}

@Test func jsonLinesWithCRLFLineEndsReadLineByLine() throws {
    let text =
        "{\"account\": \"a\", \"team\": \"t\", \"opened\": \"2015-01-01\"}\r\n{\"account\": \"b\", \"team\": \"t\", \"opened\": \"2015-01-01\"}\r\n"
    let t = try SourceReader.read(Array(text.utf8), file: "f")
    #expect(t.rows.map(\.line) == [1, 2])
    #expect(t.rows.map { $0.fields["account"] } == ["a", "b"])
}

@Test func csvTextQuotesFieldsHoldingCRLF() {
    #expect(CSVText.field("a\r\nb") == "\"a\r\nb\"")
    #expect(CSVText.field("plain") == "plain")
}

@Test func fieldsHoldingNULAreRefusedNotCutShort() throws {
    let table = try SourceReader.read(Array("account,name,team,opened\nann,An\u{0}n,red,2015-01-01\n".utf8), file: "f")
    let parsed = RowParser(calendar: .utc).seats(table)
    #expect(parsed.seats.isEmpty)
    #expect(parsed.issues.map(\.description) == ["f:2: name: holds a NUL character (byte 0); remove it and import again"])
}

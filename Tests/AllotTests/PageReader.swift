import AllotSupport
import Foundation
import Testing

extension ProcessHeavyTests {
    /// A reader fetching pages from a web server round and round while a test switches
    /// releases (Fixtures/web/reader.py), and what it saw.
    final class PageReader {
        private let process: ChildProcess
        private let work: String

        /// Reads `paths` from 127.0.0.1:`port`, for at most `seconds` (under ThreadSanitizer
        /// and the whole suite, a local publish test once outlasted 120 s); `work` holds its
        /// files.
        init(port: UInt16, paths: [String], work: String, seconds: Int = 900) throws {
            self.work = work
            process = try ChildProcess(
                "/usr/bin/env", ["python3", TestSupport.fixture("web/reader.py"), String(port), work + "/stop", work + "/rounds"] + paths,
                keepOutput: true, environment: ["READER_SECONDS": String(seconds)])
        }

        /// Waits until the reader has read every path again from a round it began after the
        /// call (two more rounds done), rather than for a fixed time: then it has read the
        /// release switched to before, however slow it or the machine is.
        func readEveryPathAgain() async throws {
            func rounds() -> Int { (try? String(contentsOfFile: work + "/rounds", encoding: .utf8)).flatMap { Int($0) } ?? 0 }
            let target = rounds() + 2
            let deadline = Date().addingTimeInterval(300)
            while rounds() < target {
                try #require(process.isRunning, "the reader stopped before the publishes were done")
                try #require(Date() < deadline, "the reader did no whole round of reads in 300 s")
                try await Task.sleep(for: .milliseconds(1))
            }
        }

        /// Stops it; each distinct answer it had (path, status, sha256), then its summary
        /// (requests, errors).
        func finish() async throws -> (answers: [[String: Any]], summary: [String: Any]) {
            _ = FileManager.default.createFile(atPath: work + "/stop", contents: Data())
            let lines = try await process.ended().output.split(separator: 0x0A).map {
                try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any]
            }
            return (Array(lines.dropLast()), lines.last ?? [:])
        }

        func kill() { process.kill() }

        /// Expects every answer to be a whole file of one of the releases in `releases`.
        static func expectOnlyWholePages(_ answers: [[String: Any]], from releases: String) throws {
            var known = Set<String>()
            for id in try FileManager.default.contentsOfDirectory(atPath: releases) {
                for (path, bytes) in TestSupport.files(under: releases + "/" + id) { known.insert("/" + path + " " + SHA256.hex(bytes)) }
            }
            for answer in answers {
                #expect(answer["status"] as? Int == 200, "\(answer)")
                #expect(known.contains("\(answer["path"]!) \(answer["sha256"]!)"), "a page no release holds: \(answer)")
            }
        }
    }
}

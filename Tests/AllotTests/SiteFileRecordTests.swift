import Foundation
import Testing

/// A build never trusts its records over the files, through the real binary: a page
/// changed on disk after a build (written over in place, or replaced by a rename as a
/// second build writing at once did) is written again by the next build, even one with
/// nothing else to do.
@Suite(.cleansScratch) struct SiteFileRecordTests {
    @Test func aPageChangedOnDiskAfterABuildIsWrittenAgain() async throws {
        let config = ComparisonTests.demo()
        let site = TestSupport.scratch() + "/site"
        func build() async throws -> ChildProcess.Ended { try await TestSupport.allot(["build", "--config", config, "--out", site]) }
        #expect(try await build().status == 0)
        let clean = TestSupport.entries(under: site)
        let pages = clean.keys.filter { $0.hasPrefix("accounts/") && $0.hasSuffix("/index.json") }.sorted()
        try #require(pages.count >= 2)
        // Same length, so a check of sizes alone would miss it.
        let edited = site + "/" + pages[0]
        let bytes = try Data(contentsOf: URL(fileURLWithPath: edited))
        try Data(repeating: UInt8(ascii: "x"), count: bytes.count).write(to: URL(fileURLWithPath: edited))
        try FileManager.default.copyItem(atPath: site + "/" + pages[1], toPath: site + "/other")
        #expect(rename(site + "/other", site + "/" + pages[0].replacingOccurrences(of: "index.json", with: "index.html")) == 0)
        let again = try await build()
        #expect(again.status == 0, "\(again.errorText)")
        #expect(again.outputText.contains(": 2 files written"), "\(again.outputText)")
        #expect(TestSupport.differences(clean, TestSupport.entries(under: site)) == [])
        let third = try await build()
        #expect(third.outputText.contains(": 0 files written"), "\(third.outputText)")
    }
}

import Foundation
import Testing

/// Every input the fuzzers kept (fuzz/corpus) and every crash they found
/// (Fixtures/fuzz-crashes) replayed through the fuzz targets, built normally.
@Suite(.cleansScratch) struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func replay(_ target: String, _ folders: [String]) async throws {
        let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent(target).path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "\(target) was not built")
        let files = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
        }
        #expect(!files.isEmpty)
        for chunk in stride(from: 0, to: files.count, by: 200).map({ Array(files[$0..<min(files.count, $0 + 200)]) }) {
            let replayed = try await ChildProcess(binary, chunk).ended()
            #expect(replayed.status == 0, "\(target) failed on one of \(chunk.first!) … \(chunk.last!)")
        }
    }

    @Test func importerCorpus() async throws { try await replay("FuzzImport", [Self.root + "/fuzz/corpus/FuzzImport"]) }

    @Test func configCorpusAndCrashes() async throws {
        try await replay("FuzzConfig", [Self.root + "/fuzz/corpus/FuzzConfig", Self.root + "/Tests/AllotTests/Fixtures/fuzz-crashes"])
    }

    /// With two inputs that once failed the check itself (it read tags by Character, and a
    /// combining mark joins the `>` before it; an empty name has no emphasis).
    @Test func escapeCorpus() async throws {
        try await replay(
            "FuzzEscape", [Self.root + "/fuzz/corpus/FuzzEscape", Self.root + "/Tests/AllotTests/Fixtures/fuzz-crashes-escape"])
    }
}

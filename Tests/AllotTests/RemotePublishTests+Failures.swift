import Foundation
import Testing

extension ProcessHeavyTests.RemotePublishTests {
    /// `folder` as a publish left it: `current` pointing at release r1, which holds one page.
    func publishedBefore(_ folder: String) throws {
        TestSupport.write("r1", to: folder + "/releases/r1/index.html")
        try FileManager.default.createSymbolicLink(atPath: folder + "/current", withDestinationPath: "releases/r1")
    }

    /// The real binary fails with `error: ` and one plain sentence holding `words`, and
    /// `folder` is as `publishedBefore` left it.
    func expectNothingSwitched(
        _ arguments: [String], environment: [String: String] = [:], in folder: String, saying words: [String]
    ) async throws {
        let (status, err) = try await AllotBinary.run(["publish"] + arguments, environment: environment)
        #expect(status == 1)
        #expect(err.hasPrefix("error: ") && err.hasSuffix("\n") && !err.dropLast().contains("\n"), "\(err)")
        for word in words { #expect(err.contains(word), "\(err)") }
        for dump in ["Error:", "AllotError", "NSError", "Domain=", "Code="] { #expect(!err.contains(dump), "\(err)") }
        #expect(current(folder) == "releases/r1")
        #expect(releases(folder) == ["r1"])
        #expect(TestSupport.files(under: folder + "/releases") == ["r1/index.html": Data("r1".utf8)])
    }

    @Test func aRefusedLoginSaysSoBeforeTheBuildAndSwitchesNothing() async throws {
        let server = try await ProcessHeavyTests.SSHServer()
        defer { server.stop() }
        let ledger = Ledger(), folder = TestSupport.scratch() + "/www"
        try publishedBefore(folder)
        let stranger = try await ProcessHeavyTests.SSHServer.key(in: TestSupport.scratch(), named: "stranger")
        try await expectNothingSwitched(
            ["--config", ledger.config, "--out", ledger.site, "--to", server.address(folder), "--ssh", server.ssh(key: stranger)],
            in: folder,
            saying: [
                "error: cannot log in to \(server.user)@127.0.0.1 over ssh: ", "Permission denied",
                "; check the address, the key and --ssh",
            ])
        #expect(!FileManager.default.fileExists(atPath: ledger.site), "the site was built")
    }

    @Test func anSSHCommandThatCannotBeFoundIsNamedBeforeTheBuild() async throws {
        let server = try await ProcessHeavyTests.SSHServer()
        defer { server.stop() }
        let ledger = Ledger(), folder = TestSupport.scratch() + "/www"
        try publishedBefore(folder)
        try await expectNothingSwitched(
            ["--config", ledger.config, "--out", ledger.site, "--to", server.address(folder), "--ssh", "allot-test-no-ssh -i key"],
            in: folder,
            saying: [
                "error: the ssh command \"allot-test-no-ssh -i key\" cannot be run: allot-test-no-ssh: not found; install openssh-client or pass --ssh\n"
            ])
        #expect(!FileManager.default.fileExists(atPath: ledger.site), "the site was built")
    }

    /// rsync is looked up on PATH, which here holds ssh and nothing else.
    @Test func rsyncMissingHereIsSaid() async throws {
        let server = try await ProcessHeavyTests.SSHServer()
        defer { server.stop() }
        let ledger = Ledger(), folder = TestSupport.scratch() + "/www", bin = TestSupport.scratch()
        try publishedBefore(folder)
        try FileManager.default.createSymbolicLink(atPath: bin + "/ssh", withDestinationPath: "/usr/bin/ssh")
        try await expectNothingSwitched(
            ["--config", ledger.config, "--out", ledger.site, "--to", server.address(folder), "--ssh", server.ssh()],
            environment: ["PATH": bin], in: folder,
            saying: ["error: rsync is not installed here; install it (apt-get install rsync)\n"])
    }

    @Test func aFolderThatCannotBeCreatedIsNamedAndNothingIsMade() async throws {
        let server = try await ProcessHeavyTests.SSHServer()
        defer { server.stop() }
        let ledger = Ledger(), work = TestSupport.scratch()
        TestSupport.write("a file", to: work + "/taken")
        let (status, err) = try await AllotBinary.run([
            "publish", "--config", ledger.config, "--out", ledger.site, "--to", server.address(work + "/taken/www"), "--ssh", server.ssh(),
        ])
        #expect(status == 1)
        #expect(
            err.hasPrefix("error: cannot create \(work)/taken/www/releases on \(server.user)@127.0.0.1: mkdir: ")
                && err.hasSuffix(": Not a directory\n"), "\(err)")
        #expect(TestSupport.files(under: work) == ["taken": Data("a file".utf8)])
    }
}

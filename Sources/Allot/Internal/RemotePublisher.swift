import AllotSupport
import Foundation

/// Publishes to a folder on another host as `Publisher` does to a local one: the release
/// is copied with rsync over SSH into `releases/<id>.partial/` (files the previous release
/// holds unchanged are hard-linked to it, `--link-dest`), renamed whole, and `current` is
/// switched with one rename on the host. Keys, ports and jump hosts come from the user's
/// own ssh setup; `ssh` is the command line to run (like rsync's `-e`).
struct RemotePublisher: ReleaseHost {
    let user: String?
    let host: String
    let port: Int?
    let path: String
    let ssh: String

    var destination: String { (user.map { $0 + "@" } ?? "") + host }
    private var releases: String { path + "/releases" }

    /// The ssh command with its options: never prompt (a scheduled run has nobody to answer).
    private var sshCommand: String { ssh + (port.map { " -p \($0)" } ?? "") + " -o BatchMode=yes" }

    func current() throws -> String? {
        let target = try run("readlink \(quoted(path + "/current")) || true").trimmingCharacters(in: .whitespacesAndNewlines)
        return target.isEmpty ? nil : (target as NSString).lastPathComponent
    }

    func publish(site: String, files: [String], id: String) throws -> ReleaseChange {
        let previous = try prepare()
        let target = releases + "/" + id
        if try run("test -d \(quoted(target)) && echo yes || true").hasPrefix("yes") == false {
            try copy(site: site, files: files, into: target + ".partial", linkingTo: previous)
            try run("mv \(quoted(target + ".partial")) \(quoted(target))", doing: "finish release \(id)")
        }
        try switchCurrent(to: id)
        return try compare(previous, id)
    }

    func rollback() throws -> ReleaseChange {
        guard let now = try current(), let index = try list().firstIndex(of: now) else {
            throw AllotError("nothing is published in \(path) on \(destination)")
        }
        guard index > 0 else { throw AllotError("\(now) is the oldest release kept on \(destination); there is nothing to roll back to") }
        let before = try list()[index - 1]
        try switchCurrent(to: before)
        return try compare(now, before)
    }

    func prune(keep: Int) throws -> [String] {
        let current = try current()
        let doomed = try list().dropLast(max(0, keep)).filter { $0 != current }
        for id in doomed { try run("rm -rf \(quoted(releases + "/" + id))", doing: "remove release \(id)") }
        return Array(doomed)
    }

    /// Makes the releases folder; returns the current release.
    private func prepare() throws -> String? {
        try run("mkdir -p \(quoted(releases))", doing: "create \(releases)")
        return try current()
    }

    private func list() throws -> [String] {
        try run("ls -1 \(quoted(releases)) 2>/dev/null || true").split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".partial") }.sorted()
    }

    private func copy(site: String, files: [String], into folder: String, linkingTo previous: String?) throws {
        let list = NSTemporaryDirectory() + "allot-release-files-" + UUID().uuidString
        try Data((files.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: list))
        defer { try? FileManager.default.removeItem(atPath: list) }
        var arguments = ["-a", "-s", "--files-from=" + list, "-e", sshCommand]
        if let previous { arguments.append("--link-dest=../" + previous) }
        arguments += [site + "/", destination + ":" + folder + "/"]
        let result = try Self.execute("rsync", arguments, missing: "rsync is not installed here; install it (apt-get install rsync)")
        guard result.status == 0 else {
            _ = try? run("rm -rf \(quoted(folder))")
            throw failure(result, doing: "copy the release into \(folder)")
        }
    }

    /// A symlink made beside `current`, then renamed over it: one rename on the host.
    private func switchCurrent(to id: String) throws {
        let temporary = path + "/.current-" + id
        try run(
            "ln -sfn \(quoted("releases/" + id)) \(quoted(temporary)) && mv -T \(quoted(temporary)) \(quoted(path + "/current"))",
            doing: "switch current to \(id)")
    }

    /// What changed between two releases, from the files' SHA-256 on the host.
    private func compare(_ old: String?, _ new: String) throws -> ReleaseChange {
        var change = ReleaseChange(release: new, previous: old)
        let newFiles = try hashes(new), oldFiles = try old.map(hashes) ?? [:]
        for (file, hash) in newFiles.sorted(by: { $0.key < $1.key }) {
            if let before = oldFiles[file] { if before != hash { change.changed.append(file) } } else { change.added.append(file) }
        }
        change.removed = oldFiles.keys.filter { newFiles[$0] == nil }.sorted()
        return change
    }

    private func hashes(_ release: String) throws -> [String: String] {
        let output = try run("cd \(quoted(releases + "/" + release)) && find . -type f -print0 | xargs -0 -r sha256sum")
        var out: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            out[String(parts[1].drop { $0 == " " || $0 == "*" }.dropFirst(2))] = String(parts[0])
        }
        return out
    }

    /// Runs a shell command on the host; its standard output.
    @discardableResult
    private func run(_ command: String, doing what: String? = nil) throws -> String {
        let result = try Self.execute(
            "/bin/sh", ["-c", sshCommand + " " + quoted(destination) + " " + quoted(command)],
            missing: "/bin/sh cannot be run")
        guard result.status == 0 else { throw failure(result, doing: what ?? "run a command") }
        return result.output
    }

    private func failure(_ result: (status: Int32, output: String, errors: String), doing what: String) -> AllotError {
        let said =
            result.errors.split(whereSeparator: \.isNewline).last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .")) } ?? ""
        switch result.status {
        case 127 where said.contains("rsync"):
            return AllotError("rsync is not installed on \(host); install it there (apt-get install rsync)")
        case 126, 127:
            return AllotError(
                "the ssh command \"\(ssh)\" cannot be run: \(Self.withoutShellPrefix(said)); install openssh-client or pass --ssh")
        case 255: return AllotError("cannot log in to \(destination) over ssh: \(said); check the address, the key and --ssh")
        default: return AllotError("cannot \(what) on \(destination): \(said.isEmpty ? "exit status \(result.status)" : said)")
        }
    }

    /// What the shell said of a command it cannot run, without its own `sh: 1: ` before it.
    private static func withoutShellPrefix(_ said: String) -> String {
        let parts = said.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, parts[0].hasSuffix("sh"), Int(parts[1].trimmingCharacters(in: .whitespaces)) != nil else { return said }
        return parts[2].trimmingCharacters(in: .whitespaces)
    }

    /// Runs `program` to its end; `missing` is said when it cannot be started.
    private static func execute(_ program: String, _ arguments: [String], missing: String) throws -> (
        status: Int32, output: String, errors: String
    ) {
        guard let ended = try SpawnedProgram.run(program, arguments) else { throw AllotError(missing) }
        return (ended.status, String(decoding: ended.output, as: UTF8.self), String(decoding: ended.errors, as: UTF8.self))
    }

    private func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

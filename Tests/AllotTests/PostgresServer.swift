import Foundation
import Testing

/// A PostgreSQL server of the tests' own: started once per test process, from Debian's
/// `postgresql` package, on a Unix socket in a temporary folder (no TCP port), with each
/// test in a database of its own. `initdb` and `pg_ctl` refuse to run as root, so as root
/// they run as the `postgres` user. A watchdog stops the server and removes the folder
/// when the test process has ended, however it ended.
struct PostgresServer: Sendable {
    /// The socket's folder; the cluster is in `data` inside it.
    let folder: String
    let bin: String

    /// The server, started by the first test that asks.
    static let shared = Task { try await start() }

    /// A login that must give a password (`allot-test-password`), beside the trusted `postgres`.
    static let passwordUser = "ann"

    /// A new empty database, as the URI a store takes.
    func database() async throws -> String {
        let name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await run(bin + "/createdb", ["-h", folder, "-U", "postgres", name])
        return uri(name)
    }

    func uri(_ database: String, user: String = "postgres") -> String {
        "postgresql://\(user)@/\(database)?host=\(folder)"
    }

    /// Runs SQL in a database as `postgres`; what it selected, one row a line.
    @discardableResult
    func psql(_ database: String, _ sql: String) async throws -> String {
        try await run(bin + "/psql", ["-h", folder, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt", "-d", database, "-c", sql])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func start() async throws -> PostgresServer {
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = installed.compactMap(Int.init).max() else {
            throw AllotTestError("PostgreSQL is not installed; scripts/install-dependencies --for-tests installs it (Debian: postgresql)")
        }
        // In /tmp, not $TMPDIR: the postgres user must reach the folder, and a socket's
        // path must stay short.
        let server = PostgresServer(
            folder: "/tmp/allot-pg-" + UUID().uuidString.prefix(8), bin: "/usr/lib/postgresql/\(version)/bin")
        try FileManager.default.createDirectory(atPath: server.folder, withIntermediateDirectories: true)
        if getuid() == 0 { try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: server.folder) }
        let data = server.folder + "/data"
        try await server.run(
            server.bin + "/initdb", ["-D", data, "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"], asServerUser: true)
        try "local all postgres trust\nlocal all all scram-sha-256\n".write(
            toFile: data + "/pg_hba.conf", atomically: false, encoding: .utf8)
        try server.watchTestProcess()
        let settings =
            "-c listen_addresses='' -c unix_socket_directories='\(server.folder)' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        let log = server.folder + "/log"
        let start = Self.asServerUser(server.bin + "/pg_ctl", ["-D", data, "-l", log, "-w", "-o", settings, "start"])
        guard try await ChildProcess("/usr/bin/env", Self.withoutInheritedDescriptors(start)).ended().status == 0 else {
            throw AllotTestError("PostgreSQL did not start: " + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "no log"))
        }
        try await server.psql("postgres", "CREATE ROLE \(passwordUser) LOGIN PASSWORD 'allot-test-password'")
        return server
    }

    /// Stops the server and removes its folder once this process has ended.
    private func watchTestProcess() throws {
        let stop = Self.asServerUser(bin + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "stop"]).map { "'\($0)'" }.joined(
            separator: " ")
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop); rm -rf '\(folder)'"
        _ = try ChildProcess("/bin/sh", ["-c", script])
    }

    /// Runs a program to its end (as `postgres` when `asServerUser` and this process is
    /// root): what it wrote. Throws what it said when it fails.
    @discardableResult
    private func run(_ program: String, _ arguments: [String], asServerUser: Bool = false) async throws -> String {
        let command = asServerUser ? Self.asServerUser(program, arguments) : [program] + arguments
        let ended = try await ChildProcess(command[0], Array(command.dropFirst()), keepOutput: true, keepErrors: true).ended()
        guard ended.status == 0 else { throw AllotTestError("\(program) failed: \(ended.errorText)") }
        return ended.outputText
    }

    /// Arguments for /usr/bin/env that run `command` with no descriptors but the standard
    /// three. Foundation sees a program end when every holder of a socket it gave the
    /// program has closed it, and the server pg_ctl starts would hold pg_ctl's as long as
    /// it runs; closed at once, Foundation waits for pg_ctl itself instead.
    private static func withoutInheritedDescriptors(_ command: [String]) -> [String] {
        ["python3", "-c", "import os, sys; os.closerange(3, 65536); os.execv(sys.argv[1], sys.argv[1:])"] + command
    }

    /// The command line that runs a program as `postgres` when this process is root.
    private static func asServerUser(_ program: String, _ arguments: [String]) -> [String] {
        (getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + [program] + arguments
    }
}

/// A failure of the tests' own machinery, in a sentence.
struct AllotTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

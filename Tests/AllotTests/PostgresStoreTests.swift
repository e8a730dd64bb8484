import AllotStore
import Foundation
import Testing

@testable import Allot
@testable import AllotPostgres

extension ProcessHeavyTests {
    /// The store in PostgreSQL (the import suites run against it too): the same site as
    /// from SQLite, the schema's versions, writers waiting for each other, and failures
    /// said as sentences that name the store but never its password.
    @Suite(.cleansScratch) struct PostgresStoreTests {
        @Test func aSiteBuiltFromPostgreSQLIsByteForByteTheSiteBuiltFromSQLite() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let config = ComparisonTests.demo(), folder = (config as NSString).deletingLastPathComponent
            let uri = try await PostgresServer.shared.value.database()
            let sqlite = try await AllotBinary.run(["build", "--config", config, "--out", folder + "/sqlite"])
            let postgres = try await AllotBinary.run(["build", "--config", config, "--store", uri, "--out", folder + "/postgres"])
            #expect(sqlite.status == 0, "\(sqlite.err)")
            #expect(postgres.status == 0, "\(postgres.err)")
            let fromSQLite = TestSupport.files(under: folder + "/sqlite"), fromPostgres = TestSupport.files(under: folder + "/postgres")
            #expect(fromSQLite.count > 400)
            #expect(fromPostgres.keys.sorted() == fromSQLite.keys.sorted())
            #expect(fromPostgres.filter { fromSQLite[$0.key] != $0.value }.keys.sorted() == [])
            let again = try await TestSupport.allot(["build", "--config", config, "--store", uri, "--out", folder + "/postgres"])
            #expect(again.outputText.contains("0 files written"), "\(again.outputText)")
        }

        @Test func theConfigsStoreNamesADatabaseOrAFileBesideTheConfig() async throws {
            let config = ComparisonTests.demo(), folder = (config as NSString).deletingLastPathComponent
            let uri = try await PostgresServer.shared.value.database()
            let text = try String(contentsOfFile: config, encoding: .utf8)
            TestSupport.write("store = \"\(uri)\"\n" + text, to: config)
            let project = try Project(configPath: config)
            try project.importSources()
            #expect(project.store.location == uri)
            #expect(try LedgerStore(postgres: uri).counts().events > 0)
            #expect(!FileManager.default.fileExists(atPath: folder + "/.allot"))
            TestSupport.write("store = \"data/ledger.sqlite\"\n" + text, to: config)
            #expect(try Project(configPath: config).store.location == folder + "/data/ledger.sqlite")
        }

        @Test func noticesAreSentOncePerAsOf() async throws {
            let project = try Project(configPath: ComparisonTests.demo(), storePath: try await PostgresServer.shared.value.database())
            try project.importSources()
            let batch = try project.notices(), outbox = TestSupport.scratch()
            let first = try NoticeDelivery(outbox: outbox).deliver(batch, store: project.store) { Instant(millis: 1) }
            let second = try NoticeDelivery(outbox: outbox).deliver(batch, store: project.store) { Instant(millis: 2) }
            #expect(!first.sent.isEmpty)
            #expect(second.sent.isEmpty)
            #expect(second.alreadySent.count == first.sent.count)
        }

        @Test func theSchemaHasAVersionIsMigratedAndANewerOneIsRefused() async throws {
            let server = try await PostgresServer.shared.value
            let known = PostgresSchema.migrations.count
            #expect(known == 3)
            let uri = try await server.database(), name = String(uri.split(separator: "/")[2].prefix { $0 != "?" })
            _ = try LedgerStore(postgres: uri)
            #expect(try await server.psql(name, "SELECT max(version) FROM allot_schema_version") == "\(known)")
            _ = try LedgerStore(postgres: uri)

            // A store of the first version (before sharded builds) with a ledger in it is
            // migrated when opened, its rows kept.
            let old = try await server.database(), oldName = String(old.split(separator: "/")[2].prefix { $0 != "?" })
            try await server.psql(
                oldName,
                "CREATE TABLE allot_schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now()); "
                    + PostgresSchema.migrations[0] + " INSERT INTO allot_schema_version (version) VALUES (1); "
                    + "INSERT INTO account (id, name, team, opened) VALUES ('a1', 'Ann', 't1', 0);")
            let migrated = try LedgerStore(postgres: old)
            #expect(try await server.psql(oldName, "SELECT max(version) FROM allot_schema_version") == "\(known)")
            #expect(try migrated.accounts().map(\.id) == ["a1"])
            #expect(try migrated.shardRecords(count: 3).isEmpty)
            #expect(
                try migrated.slugs { _, ids, _ in Dictionary(uniqueKeysWithValues: ids.map { ($0, "s-" + $0) }) }.seats == ["a1": "s-a1"])

            try await server.psql(name, "INSERT INTO allot_schema_version (version) VALUES (7)")
            let refused = try #require(throws: AllotError.self) { try LedgerStore(postgres: uri) }
            #expect(
                refused.message
                    == "the store \(uri) has schema version 7, newer than this version of Allot knows (\(known)); use a newer Allot")
        }

        @Test func failuresNameTheStoreAndNeverItsPassword() async throws {
            let server = try await PostgresServer.shared.value
            func failure(_ uri: String) -> String {
                do {
                    _ = try LedgerStore(postgres: uri)
                    return "opened"
                } catch {
                    return "\(error)"
                }
            }
            #expect(
                failure(server.uri("nowhere"))
                    == "the store \(server.uri("nowhere")) cannot be opened: the database \"nowhere\" does not exist; create it (createdb) or name another database"
            )
            let wrong = "postgresql://\(PostgresServer.passwordUser):not-the-password@/postgres?host=\(server.folder)"
            #expect(
                failure(wrong)
                    == "the store postgresql://\(PostgresServer.passwordUser):***@/postgres?host=\(server.folder) cannot be opened: authentication failed (password authentication failed for user \"\(PostgresServer.passwordUser)\"); check the user and password (in the URI, PGPASSWORD or ~/.pgpass)"
            )
            let nowhere = failure("postgresql://postgres@/allot?host=/nonexistent&password=not-the-password")
            #expect(
                nowhere.hasPrefix("the store postgresql://postgres@/allot?host=/nonexistent&password=*** cannot be reached: "), "\(nowhere)"
            )
            #expect(nowhere.hasSuffix("; is the server running, and is the URI right?"), "\(nowhere)")
            let granted = "postgresql://\(PostgresServer.passwordUser):allot-test-password@/postgres?host=\(server.folder)"
            #expect(
                failure(granted).hasPrefix(
                    "the store postgresql://\(PostgresServer.passwordUser):***@/postgres?host=\(server.folder) cannot be written: "))
            for text in [failure(wrong), nowhere, failure(granted)] {
                #expect(!text.contains("not-the-password") && !text.contains("allot-test-password"))
            }
        }

        /// Through the binary: an SSL key's password, an unknown key that holds a password,
        /// and a password with an unencoded "@" never show, whole or in part.
        @Test func noPartOfAnySecretInTheURIIsEverPrinted() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let server = try await PostgresServer.shared.value
            let config = ComparisonTests.demo(), folder = (config as NSString).deletingLastPathComponent
            let user = PostgresServer.passwordUser
            let uris = [
                "postgresql:///nowhere?host=\(server.folder)&sslpassword=topsecret1",
                "postgresql:///postgres?host=\(server.folder)&PASSWORD=topsecret2",
                "postgresql://\(user):top@secret3@localhost/postgres",
                "postgresql://\(user):topsecret4/x@localhost/postgres",
            ]
            for uri in uris {
                let run = try await AllotBinary.run(["import", "--config", config, "--store", uri, folder + "/seats.csv"])
                #expect(run.status == 1, "\(run.err)")
                #expect(run.err.hasPrefix("error: the store postgresql://"), "\(run.err)")
                for fragment in ["topsecret", "secret3", "top@", "/x@"] { #expect(!run.err.contains(fragment), "\(run.err)") }
            }
        }

        /// A writer holding the store (here psql, holding Allot's advisory lock) makes an
        /// import wait `ALLOT_BUSY_TIMEOUT` seconds, then fail saying so, having changed nothing.
        @Test func anImportGivesUpOnAWriterPastTheTimeoutAndSaysWhy() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let server = try await PostgresServer.shared.value
            let uri = try await server.database(), name = String(uri.split(separator: "/")[2].prefix { $0 != "?" })
            let config = ComparisonTests.demo(), folder = (config as NSString).deletingLastPathComponent
            #expect(try await AllotBinary.run(["import", "--config", config, "--store", uri, folder + "/seats.csv"]).status == 0)
            let holder = try ChildProcess(
                server.bin + "/psql",
                [
                    "-h", server.folder, "-U", "postgres", "-d", name, "-c",
                    "SELECT pg_advisory_lock(\(PostgresBackend.writeLock)), pg_sleep(60)",
                ])
            let held =
                "FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            while try await server.psql(name, "SELECT count(*) \(held)") != "1" {
                try await Task.sleep(for: .milliseconds(50))
            }
            let result = try await AllotBinary.run(
                ["import", "--config", config, "--store", uri, folder + "/events.csv"], environment: ["ALLOT_BUSY_TIMEOUT": "1"])
            try await server.psql(name, "SELECT pg_terminate_backend(pid) \(held)")
            _ = await holder.ended()
            #expect(result.status == 1)
            #expect(
                result.err
                    == "error: the store \(uri) is locked by another process (an import or build still running?) and stayed locked for 1 s; try again when it has finished\n"
            )
            #expect(try LedgerStore(postgres: uri).counts().events == 0)
        }
    }
}

import Testing

@testable import AllotPostgres

/// How a store location is told to be a PostgreSQL URI, named in messages without its
/// password, and how the store's SQL reaches PostgreSQL.
@Suite struct PostgresURITests {
    @Test func aURINamesADatabaseAndAnythingElseAFile() {
        #expect(PostgresURI.names("postgresql:///allot?host=/run/postgresql"))
        #expect(PostgresURI.names("postgres://db/allot"))
        #expect(!PostgresURI.names("postgresql.sqlite"))
        #expect(!PostgresURI.names(".allot/ledger.sqlite"))
    }

    @Test func passwordsAreRedacted() {
        #expect(PostgresURI.redacted("postgresql://ann:s3cret@db:5432/allot") == "postgresql://ann:***@db:5432/allot")
        #expect(
            PostgresURI.redacted("postgresql://ann:a@db/allot?password=a&sslmode=require")
                == "postgresql://ann:***@db/allot?password=***&sslmode=require")
        #expect(PostgresURI.redacted("postgresql://ann@db/allot") == "postgresql://ann@db/allot")
        #expect(PostgresURI.redacted("postgresql:///allot?host=/run/postgresql") == "postgresql:///allot?host=/run/postgresql")
        #expect(
            PostgresURI.redacting("invalid percent-encoded token: \"s%zz\"", of: "postgresql://ann:s%zz@db/allot")
                == "invalid percent-encoded token: \"***\"")
    }

    @Test func everyParameterButTheKnownPlainOnesIsASecret() {
        #expect(
            PostgresURI.redacted("postgresql://db/allot?sslpassword=k3y&PASSWORD=pw&sslmode=require&host=/run/postgresql&port=5432")
                == "postgresql://db/allot?sslpassword=***&PASSWORD=***&sslmode=require&host=/run/postgresql&port=5432")
        #expect(
            PostgresURI.redacted("postgresql://db/allot?pass%77ord=pw&passwd=pw2&s3cret")
                == "postgresql://db/allot?pass%77ord=***&passwd=***&***")
        #expect(
            PostgresURI.redacting("could not read key \"k3y\" or \"sAcret\"", of: "postgresql://db/allot?sslpassword=k3y&password=s%41cret")
                == "could not read key \"***\" or \"***\"")
    }

    @Test func aURILibpqWouldMisreadShowsNothingBeforeItsLastAt() {
        for uri in ["postgresql://ann:p@ss@db/allot", "postgresql://ann:pa/ss@db/allot", "postgresql://ann:pa?ss@db/allot"] {
            #expect(PostgresURI.misreading(uri) != nil, "\(uri)")
            #expect(PostgresURI.redacted(uri).hasPrefix("postgresql://***@"), "\(uri)")
            #expect(!PostgresURI.redacted(uri).contains("ss"), "\(uri)")
        }
        #expect(PostgresURI.redacted("postgresql://ann:p@ss@db/allot?password=x") == "postgresql://***@db/allot?password=***")
        for uri in [
            "postgresql://ann:p%40ss@db/allot", "postgresql:///allot?host=/run&user=ann@corp", "postgresql://ann@db/allot?options=a@b",
        ] {
            #expect(PostgresURI.misreading(uri) == nil, "\(uri)")
        }
    }

    @Test func placeholdersBecomeNumberedParameters() {
        #expect(PostgresPlaceholders.translate("SELECT ? FROM t WHERE a = ? AND b = '?'") == "SELECT $1 FROM t WHERE a = $2 AND b = '?'")
        #expect(
            PostgresPlaceholders.translate("DELETE FROM t WHERE id = ?1 AND x = ?12 OR \"?\" = ?1")
                == "DELETE FROM t WHERE id = $1 AND x = $12 OR \"?\" = $1")
    }
}

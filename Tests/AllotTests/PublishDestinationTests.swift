import Foundation
import Testing

@testable import Allot

/// `allot publish --to` read as rsync reads a destination: a local folder, or a folder
/// on another host over SSH.
struct PublishDestinationTests {
    @Test func destinationsAreReadAsRsyncReadsThem() throws {
        #expect(try PublishDestination(parsing: "/srv/www") == .folder("/srv/www"))
        #expect(try PublishDestination(parsing: "www/credits") == .folder("www/credits"))
        #expect(try PublishDestination(parsing: "./a:b") == .folder("./a:b"))
        #expect(
            try PublishDestination(parsing: "ssh://deploy@web1:2222/srv/www")
                == .remote(user: "deploy", host: "web1", port: 2222, path: "/srv/www"))
        #expect(try PublishDestination(parsing: "ssh://web1/srv/www") == .remote(user: nil, host: "web1", port: nil, path: "/srv/www"))
        #expect(
            try PublishDestination(parsing: "deploy@web1:/srv/www")
                == .remote(user: "deploy", host: "web1", port: nil, path: "/srv/www"))
        #expect(throws: AllotError.self) { try PublishDestination(parsing: "ssh://web1") }
        #expect(throws: AllotError.self) { try PublishDestination(parsing: "ssh://web1:99999/srv") }
    }
}

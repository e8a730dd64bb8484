import Testing

@testable import AllotSite

/// Only relative paths inside the site may be written or removed.
@Suite(.cleansScratch) struct SiteWriterPathTests {
    @Test(arguments: ["index.html", "a/b.json", "accounts/x/2015-01.html", "...", "a/.b", "a..b/c"])
    func pathsInsideTheSiteAreSafe(_ path: String) { #expect(SiteWriter.isSafe(path)) }

    @Test(arguments: ["", "/", "/etc/passwd", "a/", "a//b", ".", "..", "a/../b", "a/./b", "../x", "a/..", "a\\b", "a\u{0}b"])
    func otherPathsAreNot(_ path: String) { #expect(!SiteWriter.isSafe(path)) }
}

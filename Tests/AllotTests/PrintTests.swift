import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// A statement printed from Chromium reads as a statement: a header block with seat,
    /// team, period and time zone, numbered pages, and no navigation, breadcrumbs or links.
    @Suite(.cleansScratch) struct PrintTests {
        @Test func aStatementPrintsWithItsHeaderAndPageNumbersAndNoNavigation() async throws {
            let chromium = "/usr/bin/chromium", pdftotext = "/usr/bin/pdftotext"
            try #require(
                FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: pdftotext),
                "scripts/install-dependencies --for-tests installs chromium and poppler-utils")
            let config = ComparisonTests.demo()
            let folder = (config as NSString).deletingLastPathComponent
            _ = try Project(configPath: config).buildSite(into: folder + "/site")
            let pdf = folder + "/statement.pdf"
            let printed = try await ChildProcess(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(folder)/profile",
                    "--print-to-pdf=\(pdf)", "file://\(folder)/site/accounts/maya/2015-03.html",
                ]
            ).ended()
            #expect(printed.status == 0)
            let text = try await ChildProcess(pdftotext, ["-layout", pdf, "-"], keepOutput: true).ended().outputText
            let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            #expect(pages.count >= 2, "\(text)")
            for (i, page) in pages.enumerated() {
                #expect(page.contains("Page \(i + 1) of \(pages.count)"), "page \(i + 1): \(page)")
            }
            let first = pages.first ?? ""
            for field in ["Maya Chen (maya)", "Northwind Talent", "1 Mar 2015 – 31 Mar 2015", "New York time (America/New_York)"] {
                #expect(first.contains(field), "\(field) is not in the header block: \(first)")
            }
            // The site's navigation, the breadcrumbs (Seats and teams › …), the CSV links and the month links.
            for chrome in ["Seats and teams", "Expiry warnings", "CSV", "April 2015 →", "← February 2015"] {
                #expect(!text.contains(chrome), "\(chrome) is printed")
            }
        }
    }
}

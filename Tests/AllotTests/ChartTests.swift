import Foundation
import Testing

@testable import Allot
@testable import AllotReports

/// The balance chart's scale, and a closed seat's line and forfeit mark.
@Suite(.cleansScratch) struct ChartTests {
    /// Chart coordinates are printed from whole tenths; they read as `Double`'s own
    /// shortest text of the value rounded to a tenth, on both sides of zero.
    @Test func coordinatesPrintAsTheValueRoundedToATenth() {
        var random = SplitMix64(seed: 7)
        let samples =
            [0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.95, -0.95, 56, 174.44, 174.45, -3.25, 999_999.96]
            + (0..<5_000).map { _ in Double.random(in: -2_000...2_000, using: &random) }
        for x in samples {
            let r = (x * 10).rounded() / 10
            let expected = r == r.rounded() ? String(Int(r)) : String(r)
            #expect(SVGText.number(x) == expected, "\(x)")
        }
    }

    @Test func ticksAreRoundSteps() {
        #expect(ChartFrame(height: 220, maxValue: 478).ticks == [0, 100, 200, 300, 400, 500])
        #expect(ChartFrame(height: 220, maxValue: 0).ticks == [0, 2, 4, 6, 8, 10])
        #expect(ChartFrame(height: 220, maxValue: 1_234).ticks == [0, 500, 1_000, 1_500])
        #expect(ChartFrame(height: 180, maxValue: 60, maxSteps: 4).ticks == [0, 20, 40, 60])
        for value in [1, 7, 10, 99, 101, 478, 999, 5_001, 123_456] {
            let frame = ChartFrame(height: 220, maxValue: value)
            #expect(frame.ticks.count <= 6 && frame.maxValue >= value, "\(value)")
            #expect([1, 2, 5].contains(Int(String(String(frame.step).first!))!), "\(value)")
        }
    }

    /// Bob closes on 10 March 2015 holding credits: the line drops to 0 at the closing and
    /// the forfeit is a red dot on 0.
    @Test func closedSeatDropsToZeroWithForfeitMarked() throws {
        let folder = TestSupport.copyOfFixture("transition")
        let site = folder + "/site"
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: site)
        let html = try String(contentsOfFile: site + "/accounts/bob/index.html", encoding: .utf8)
        let zero = SVGText.number(ChartFrame(height: 220, maxValue: 1).y(0))
        let points = try #require(html.firstMatch(of: /<polyline class="balance" points="([^"]*)"/)).1
        let last = try #require(points.split(separator: " ").last)
        #expect(last.hasSuffix(",\(zero)"), "\(points)")
        let dot = try #require(html.firstMatch(of: /<circle class="expiry" cx="[^"]*" cy="([^"]*)" r="5"><title>([^<]*)<\/title>/))
        #expect(dot.1 == zero)
        #expect(dot.2.hasPrefix("10 Mar 2015: ") && dot.2.hasSuffix(" forfeited"), "\(dot.2)")
        #expect(html.contains("<ul class=\"legend\">"))
    }
}

import AllotLedger

/// One `[[compare]]` entry: a name and the policies and bonuses to replay the same
/// events under instead of the main ones.
public struct ComparisonConfig: Sendable {
    public var name: String
    public var timeline: PolicyTimeline
    /// `[[compare.bonus]]`, or the main bonuses when the entry lists none.
    public var bonuses: [Bonus]

    public init(name: String, timeline: PolicyTimeline, bonuses: [Bonus]) {
        self.name = name; self.timeline = timeline; self.bonuses = bonuses
    }

    /// The main settings with this entry's policies and bonuses.
    public func settings(from main: LedgerSettings) -> LedgerSettings {
        var s = main
        s.timeline = timeline
        s.bonuses = bonuses
        return s
    }
}

/// Every slug the store has recorded, by seat id and by team id: those of seats and
/// teams gone from the store too, which no other may take.
public struct RecordedSlugs: Sendable, Equatable {
    public var seats: [String: String]
    public var teams: [String: String]

    public init(seats: [String: String] = [:], teams: [String: String] = [:]) {
        self.seats = seats
        self.teams = teams
    }
}

/// What a slug names: a seat's folder on the site (`accounts/SLUG/`) or a team's
/// (`teams/SLUG/`). Each kind has slugs of its own.
public enum SlugKind: String, Sendable, CaseIterable {
    case seat
    case team
}

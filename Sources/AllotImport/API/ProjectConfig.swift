import AllotLedger

/// `allot.toml`: where the ledger's files are and the rules it runs under.
public struct ProjectConfig: Sendable {
    public var title: String
    public var settings: LedgerSettings
    /// The exclusive end of the ledger, when the config sets one.
    public var asOf: Instant?
    /// Input files, relative to the config file's folder.
    public var sources: [String]
    /// A folder of template overrides, relative to the config file's folder.
    public var templates: String?
    /// The store: an SQLite file, relative to the config file's folder, or a libpq
    /// connection URI naming a PostgreSQL database.
    public var store: String?
    /// Where the site is published, e.g. `https://intranet.example/credits/`; notices link to it.
    public var siteURL: String?
    /// The sender of expiry notices (`[notify] from`) as written; `Project` checks it is
    /// an address, where mail is wired in.
    public var notifyFrom: String?
    /// `[[compare]]` entries: the same history replayed under other policies.
    public var comparisons: [ComparisonConfig]
    /// `[teams]`: display names by team id; a team without one is shown as `Team <id>`.
    public var teamNames: [String: String] = [:]
    /// Every setting but `sources` and `store`, in a canonical form: what the pages depend
    /// on, so that naming one more source file or moving the store does not make every
    /// page stale.
    public var pageInputs = ""
    /// `pageInputs` without `as_of`: what a final page (`PageModel.isFinal`) depends on.
    public var finalPageInputs = ""

    public init(
        title: String = "Allot", settings: LedgerSettings, asOf: Instant? = nil, sources: [String] = [],
        templates: String? = nil, siteURL: String? = nil, notifyFrom: String? = nil,
        comparisons: [ComparisonConfig] = []
    ) {
        self.title = title; self.settings = settings; self.asOf = asOf; self.sources = sources; self.templates = templates
        self.siteURL = siteURL; self.notifyFrom = notifyFrom; self.comparisons = comparisons
    }

    /// The keys a config may hold at the top level.
    public static let keys = [
        "title", "timezone", "as_of", "warn_days", "response_rate_days", "refund_delay_hours", "sources", "store", "templates",
        "site_url", "notify", "teams", "policy", "bonus", "compare",
    ]

    /// Parses a config. `file` is the name errors show; policy names are looked up in `registry`.
    public static func parse(_ text: String, file: String, registry: PolicyRegistry) throws(ImportFailure) -> ProjectConfig {
        try ConfigReader(file: file, registry: registry).read(text)
    }
}

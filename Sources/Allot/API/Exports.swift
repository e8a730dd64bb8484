// One import gives a user the whole public API: the ledger, import and store types.
@_exported import AllotImport
@_exported import AllotLedger
@_exported import AllotPolicies
@_exported import AllotReports
@_exported import AllotSite
@_exported import AllotStore

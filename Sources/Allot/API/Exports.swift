// What a plugin author needs with one import: the ledger types and the Policy protocol,
// the built-in policies, the Report protocol with its page models, the site's templates
// and output formats, and the config, import and store errors `Project` hands back. The
// rest of import and the store stay behind `Project`; a program that drives them itself
// imports AllotImport or AllotStore.
@_exported import AllotLedger
@_exported import AllotPolicies
@_exported import AllotReports
@_exported import AllotSite

@_exported import struct AllotImport.ImportFailure
@_exported import struct AllotImport.ImportIssue
@_exported import struct AllotImport.ImportPlan
@_exported import struct AllotImport.ProjectConfig
@_exported import struct AllotImport.SourceChange
@_exported import struct AllotStore.StoreError

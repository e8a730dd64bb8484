import Testing

/// Suites that wait a long time on other processes or on a server in this process run
/// one at a time. Together they could block every thread of the test process's small
/// concurrency pool, and the preview server under test would then never answer.
@Suite(.serialized) enum ProcessHeavyTests {}

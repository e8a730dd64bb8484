import Testing

/// The suites that run other programs (the built `allot`, Python checkers, nginx, msmtp)
/// or a server in this process; `swift test --filter ProcessHeavyTests` runs them alone.
/// They wait without holding a thread of the concurrency pool (`ChildProcess`,
/// `TestSupport.onOwnThread`), so they run beside each other and every other suite.
@Suite enum ProcessHeavyTests {}

# The two Quickstart commands: `make site` and `make test`.
SWIFT ?= swift

.PHONY: site test test-quick

site:
	@scripts/install-dependencies
	$(SWIFT) build --product allot
	.build/debug/allot build

# Everything CI runs: the suite, the example plugin package, the suite again under
# AddressSanitizer and ThreadSanitizer, and a short pass of each fuzz target.
test: test-quick
	cd examples/custom-plugin && $(SWIFT) test --scratch-path ../../.build-plugin
	scripts/test-sanitized
	fuzz/run --no-keep 10

# The suite alone, for a quick check while working.
test-quick:
	@scripts/install-dependencies --for-tests
	$(SWIFT) test

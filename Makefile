# The two Quickstart commands: `make site` and `make test`.
SWIFT ?= swift

.PHONY: site test test-quick lint format install
PREFIX ?= /usr/local

site:
	@scripts/install-dependencies
	$(SWIFT) build --product allot
	.build/debug/allot build

# Everything CI runs: the format check, the suite, the example plugin package, the suite
# again under AddressSanitizer and ThreadSanitizer, and a short pass of each fuzz target.
test: lint test-quick
	cd examples/custom-plugin && $(SWIFT) test --scratch-path ../../.build-plugin
	scripts/test-sanitized
	fuzz/run --no-keep 10

# The suite alone, for a quick check while working.
test-quick:
	@scripts/install-dependencies --for-tests
	$(SWIFT) test

# The code as swift-format (shipped with the toolchain) lays it out, per .swift-format, and
# the module map in README.md and docs/architecture.md as Package.swift says.
lint:
	scripts/module-map --check
	$(SWIFT) format lint --strict -r -p Sources Tests examples/custom-plugin/Sources examples/custom-plugin/Tests

format:
	$(SWIFT) format -i -r -p Sources Tests examples/custom-plugin/Sources examples/custom-plugin/Tests

# An optimised `allot` on PATH: $(PREFIX)/bin/allot (PREFIX=/usr/local unless given).
install:
	@scripts/install-dependencies
	$(SWIFT) build -c release --product allot
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/allot $(DESTDIR)$(PREFIX)/bin/allot

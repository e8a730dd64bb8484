# The two Quickstart commands: `make site` and `make test`.
SWIFT ?= swift

.PHONY: site test

site:
	@scripts/install-dependencies
	$(SWIFT) build --product allot
	.build/debug/allot build

test:
	@scripts/install-dependencies --for-tests
	$(SWIFT) test

# The two Quickstart commands: `make site` and `make test`.
SWIFT ?= swift

.PHONY: site test system-libraries

system-libraries:
	@scripts/install-system-libraries

site: system-libraries
	$(SWIFT) build --product allot
	.build/debug/allot check --config examples/demo/allot.toml

test: system-libraries
	$(SWIFT) test

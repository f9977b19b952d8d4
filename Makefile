# Rubric: `make demo` runs the shipped example; `make test` runs every test.
SWIFT ?= swift
BIN := .build/debug/rubric

.PHONY: setup build demo test test-swift test-rules lint bench clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

demo: build
	$(BIN) recommend examples/profiles/c-0412.yaml
	$(BIN) explain examples/profiles/c-0412.yaml swedish --versus myofascial_release

test: build lint test-swift test-rules

test-swift:
	$(SWIFT) test

test-rules:
	$(BIN) test
	python3 scripts/check-output-schema.py $(BIN)
	python3 scripts/check-profile-schema.py
	python3 scripts/check-sarif.py $(BIN)

lint:
	luacheck -q rules/

bench: setup
	$(SWIFT) build -c release --product RubricBench
	$(SWIFT) build -c release --product rubric
	.build/release/RubricBench all rules

clean:
	rm -rf .build

# Rubric: `make demo` runs the shipped example; `make test` runs every test; `make serve` starts
# the server and its web page.
SWIFT ?= swift
BIN := .build/debug/rubric
# The decision log's PostgreSQL (scripts/postgres.sh starts it and makes this role and database).
export RUBRIC_TEST_POSTGRES ?= postgres://rubric:rubric@127.0.0.1:5432/rubric_test

.PHONY: setup setup-test build demo serve test test-c test-swift test-tsan test-rules test-fhir test-server lint bench clean

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh test

build: setup
	$(SWIFT) build

demo: build
	$(BIN) recommend examples/profiles/c-0412.yaml
	$(BIN) explain examples/profiles/c-0412.yaml swedish --versus myofascial_release

# The server and web page on http://127.0.0.1:8080/ (Ctrl-C stops it).
serve: build
	$(BIN) serve

test: build setup-test lint test-c test-swift test-tsan test-rules test-fhir test-server

# The C shim alone, under valgrind when it is installed: statuses, never a longjmp out, no leaks.
test-c:
	@mkdir -p .build
	cc -g -O1 -ISources/CLuaShim/include -ISources/CLuaShim $$(pkg-config --cflags lua5.4) Tests/CShim/shim_test.c \
		Sources/CLuaShim/*.c $$(pkg-config --libs lua5.4) -o .build/shim_test
	@if command -v valgrind >/dev/null; then valgrind -q --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite --error-exitcode=9 .build/shim_test; else .build/shim_test; fi
	@# again without the small-block pool, so valgrind checks each of Lua's blocks on its own
	cc -g -O1 -DCLUA_POOL_OFF -ISources/CLuaShim/include -ISources/CLuaShim $$(pkg-config --cflags lua5.4) Tests/CShim/shim_test.c \
		Sources/CLuaShim/*.c $$(pkg-config --libs lua5.4) -o .build/shim_test_malloc
	@if command -v valgrind >/dev/null; then valgrind -q --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite --error-exitcode=9 .build/shim_test_malloc; else .build/shim_test_malloc; fi

test-swift:
	$(SWIFT) test

# The evaluator pool and batch under ThreadSanitizer (its own build folder: every module is
# rebuilt with the sanitizer).
test-tsan:
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter "EvaluatorPoolTests|BatchTests"

test-rules:
	$(BIN) test
	$(BIN) rules check --strict
	python3 scripts/check-output-schema.py $(BIN)
	python3 scripts/check-json-schemas.py $(BIN)
	python3 scripts/check-profile-schema.py
	python3 scripts/check-sarif.py $(BIN)

# FHIR and CDS Hooks: the example records are valid FHIR R4 (fhir.resources), the CDS Hooks
# schemas accept the spec's examples and refuse the broken ones, and converting a record gives a
# profile that reads back to the same recommendation.
test-fhir:
	python3 scripts/check-fhir-examples.py
	python3 scripts/check-cds-hooks.py
	python3 scripts/check-fhir-convert.py $(BIN)

# The server from outside: its OpenAPI document up to date with the schemas and every response
# matching it (schemathesis, no 5xx), the page in a real browser (chromium through selenium;
# screenshots and the session card PDF in .build/browser), and a short load run with a rule
# reload in the middle (wrk: no failed request, every response from the old or the new rules).
test-server:
	python3 scripts/build-openapi.py --check
	python3 scripts/api-test.py $(BIN)
	python3 scripts/browser-test.py $(BIN)
	python3 scripts/cds-hooks-test.py $(BIN)
	python3 scripts/decision-log-test.py $(BIN)
	python3 scripts/load-test.py $(BIN) --duration 6 --profiles 500 --reload

# The rules, and the trusted Lua the binary embeds (sandbox prelude, rule host) with the
# benchmark's loaders.
lint:
	luacheck -q rules/
	luacheck -q --no-config --std lua54 --globals sandbox --max-line-length 120 \
		--exclude-files "Sources/Rubric/Lua/template_*" -- Sources/LuaSandbox/Lua Sources/Rubric/Lua Benchmarks/bare-lua
	luacheck -q --no-config --std luajit --max-line-length 120 \
		--globals wrk setup init request response done id bodies index bad hashes -- scripts/load

bench:
	@scripts/setup.sh bench
	$(SWIFT) build -c release --product RubricBench
	$(SWIFT) build -c release --product rubric
	.build/release/RubricBench all rules

clean:
	rm -rf .build .build-tsan

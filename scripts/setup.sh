#!/usr/bin/env bash
# Installs what building and testing Rubric needs on a Debian machine:
# Lua 5.4 headers (linked as a system library), luacheck, and Python's
# jsonschema for the output-schema check. Safe to run again.
# `scripts/setup.sh bench` also installs what `make bench` compares Rubric with: stock lua5.4
# (the floors) and Python's lupa (the Python peer), wrk for the server's load figures, and
# valgrind with objcopy for the instruction counts.
# `scripts/setup.sh test` also installs what the server's tests need: chromium with
# chromium-driver (the browser test, through selenium), wrk (the load and reload test) and
# schemathesis (the API against its OpenAPI document).
set -euo pipefail

need=()
pkg-config --exists lua5.4 2>/dev/null || need+=(liblua5.4-dev)
command -v luacheck >/dev/null 2>&1 || need+=(lua-check)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ "${1:-}" = bench ]; then
  command -v lua5.4 >/dev/null 2>&1 || need+=(lua5.4)
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  command -v valgrind >/dev/null 2>&1 || need+=(valgrind)   # instructions a profile (callgrind)
  command -v objcopy >/dev/null 2>&1 || need+=(binutils)
fi
if [ "${1:-}" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  command -v pg_lsclusters >/dev/null 2>&1 || need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! python3 -c 'import jsonschema, yaml' 2>/dev/null; then
  echo "setup: installing jsonschema and PyYAML"
  python3 -m pip install -q jsonschema pyyaml
fi
if [ "${1:-}" = bench ] && ! python3 -c 'import lupa' 2>/dev/null; then
  echo "setup: installing lupa (for the Python peer in make bench)"
  python3 -m pip install -q lupa
fi
# fhir.resources 6.4.0 is the last release of FHIR R4 proper (4.0.1); it needs pydantic 1,
# which schemathesis' pydantic 2 rules out in the same environment: so it has a venv of its own
fhir_venv="$HOME/.cache/rubric/fhir-r4-venv"
if [ "${1:-}" = test ] && ! "$fhir_venv/bin/python" -c 'import fhir.resources' 2>/dev/null; then
  echo "setup: installing fhir.resources 6.4.0 (FHIR R4) in $fhir_venv"
  python3 -m venv "$fhir_venv"
  "$fhir_venv/bin/python" -m pip install -q 'fhir.resources==6.4.0' 'pydantic[email]>=1.10,<2'
fi
if [ "${1:-}" = test ] && ! python3 -c 'import selenium, schemathesis' 2>/dev/null; then
  echo "setup: installing selenium and schemathesis (for the server's tests)"
  python3 -m pip install -q selenium schemathesis
fi
# the decision log's PostgreSQL tests run against a real server
if [ "${1:-}" = test ]; then scripts/postgres.sh; fi

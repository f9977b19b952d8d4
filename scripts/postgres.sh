#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster for the decision-log tests and makes their role and
# database (rubric / rubric, database rubric_test, on 127.0.0.1:5432): what
# RUBRIC_TEST_POSTGRES in the Makefile points at. Idempotent; needs root or sudo.
set -euo pipefail
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
read -r version cluster _port status _ < <(pg_lsclusters -h | head -1)
if [ "$status" != online ]; then
  # after an unclean stop pg_ctlcluster can report a failure while the server recovers and
  # comes up: what counts is whether it accepts connections below
  if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster "$version" "$cluster" start || true
  else sudo pg_ctlcluster "$version" "$cluster" start || true; fi
fi
ready=no
for _ in $(seq 1 60); do as_postgres pg_isready -q -h 127.0.0.1 && { ready=yes; break; }; sleep 0.5; done
if [ "$ready" != yes ]; then
  echo "postgres: cluster $version/$cluster does not accept connections on 127.0.0.1:5432 (see /var/log/postgresql/)" >&2
  exit 1
fi
as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rubric') THEN CREATE ROLE rubric LOGIN PASSWORD 'rubric'; END IF;
END $$;
SELECT 'CREATE DATABASE rubric_test OWNER rubric' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'rubric_test')\gexec
SQL
echo "postgres: $version/$cluster online; postgres://rubric:***@127.0.0.1:5432/rubric_test"

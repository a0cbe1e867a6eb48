#!/usr/bin/env bash
# Runs inside pg_virtualenv (PGHOST/PGPORT/PGUSER set). Every suite runs; the exit code
# says whether all passed. Suites are found in the capability folders test/<capability>/:
#   sql/, specs/, expected/   pg_regress and the isolation tester (scripts/run-regress.sh)
#   pgtap/*.sql               pgTAP, with pg_prove, in one database with the extension
#   prove/*                   executable TAP programs (bash, Python), with prove
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
failed_suites=()

# pg_cron's launcher (cron.database_name) and pgTAP use this database.
psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS fitness_test" -c "CREATE DATABASE fitness_test"

echo "== pg_regress and isolation tester, per capability (scripts/run-regress.sh)"
if ! bash scripts/run-regress.sh; then
  status=1; failed_suites+=(pg_regress/isolation)
fi

echo "== pgTAP (pg_prove)"
psql -q -v ON_ERROR_STOP=1 -d fitness_test \
  -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION pgcrypto" -c "CREATE EXTENSION fitness CASCADE" >/dev/null
if ! pg_prove -d fitness_test test/*/pgtap/*.sql; then
  status=1; failed_suites+=(pgTAP)
fi

# Each program runs by its #! line: pgbench races and protocols in bash, the key ring
# against PyJWT and cryptography in Python.
echo "== TAP programs (prove): concurrency, protocols, identity keys"
if ! FITNESS_TEST_DB=fitness_test prove -v test/*/prove/*; then
  status=1; failed_suites+=(prove)
fi

if [ $status -ne 0 ]; then
  echo "FAILED suites: ${failed_suites[*]}"
fi
echo "suites: $((4 - ${#failed_suites[@]})) passed, ${#failed_suites[@]} failed"
exit $status

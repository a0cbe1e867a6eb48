#!/usr/bin/env bash
# Runs inside pg_virtualenv (PGHOST/PGPORT/PGUSER set). Every suite runs; the exit code
# says whether all passed.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
failed_suites=()

# pg_cron's launcher (cron.database_name) and pgTAP use this database.
psql -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS fitness_test" -c "CREATE DATABASE fitness_test"

rm -rf results output_iso regression.diffs regression.out
echo "== pg_regress and isolation tester (make installcheck)"
# Files created by pg_regress must be writable; run as the invoking user.
if ! make -s installcheck; then
  status=1; failed_suites+=(pg_regress/isolation)
  for f in regression.diffs output_iso/regression.diffs; do
    [ -f "$f" ] && { echo "--- $f"; head -200 "$f"; }
  done
fi

echo "== pgTAP (pg_prove)"
psql -q -v ON_ERROR_STOP=1 -d fitness_test \
  -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION pgcrypto" -c "CREATE EXTENSION fitness CASCADE" >/dev/null
if ! pg_prove -d fitness_test --ext .sql -r test/pgtap; then
  status=1; failed_suites+=(pgTAP)
fi

echo "== concurrency (pgbench, prove)"
if ! FITNESS_TEST_DB=fitness_test prove -v -e bash --ext .sh test/concurrency/; then
  status=1; failed_suites+=(concurrency)
fi

echo "== identity keys (Python: PyJWT, cryptography, psycopg2)"
if ! FITNESS_TEST_DB=fitness_test prove -v -e /usr/bin/python3 --ext .py test/identity/; then
  status=1; failed_suites+=(identity)
fi

if [ $status -ne 0 ]; then
  echo "FAILED suites: ${failed_suites[*]}"
fi
echo "suites: $((4 - ${#failed_suites[@]})) passed, ${#failed_suites[@]} failed"
exit $status

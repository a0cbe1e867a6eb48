#!/usr/bin/env bash
# Runs inside pg_virtualenv: creates the bench database and runs the scenarios given as
# arguments (default: all of bench/scenarios/).
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB"
sql -c "CREATE EXTENSION fitness CASCADE" >/dev/null

echo "fitness bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(psql -X -At -d postgres -c 'SHOW server_version')"
report_header
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(scenarios/*.sh)
for s in "${scenarios[@]}"; do
  bash "$s"
done

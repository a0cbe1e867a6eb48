#!/usr/bin/env bash
# make test: check the C++ formatting and the bridge rules (scripts/check-bridge.sh), build, install, then run pg_regress, the isolation tester and pgTAP in a
# throwaway PostgreSQL 15 cluster (pg_virtualenv) with pg_cron preloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
bash scripts/check-format.sh
bash scripts/check-bridge.sh
make -s
if [ "$(id -u)" -eq 0 ]; then make -s install; else sudo -n make -s install; fi

pg_virtualenv -t -v 15 \
  -o shared_preload_libraries=pg_cron \
  -o cron.database_name=fitness_test \
  -o max_prepared_transactions=10 \
  bash scripts/run-suites.sh

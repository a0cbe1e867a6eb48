#!/usr/bin/env bash
# make bench: build, install, then run every bench/scenarios/*.sh in one throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
make -s
if [ "$(id -u)" -eq 0 ]; then make -s install; else sudo -n make -s install; fi
mkdir -p bench/results
pg_virtualenv -t -v 15 \
  -o shared_buffers=256MB -o max_wal_size=4GB -o checkpoint_timeout=30min \
  -o synchronous_commit=off \
  bash bench/run.sh "$@" | tee bench/results/latest.txt

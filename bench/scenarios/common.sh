#!/usr/bin/env bash
# uuid v7 primary keys vs gen_random_uuid(): 1M rows inserted into an indexed table, and the
# size of the primary-key index afterwards. Median of 3 rounds, alternating the order.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

ROWS=${UUID_BENCH_ROWS:-1000000}
ROUNDS=${UUID_BENCH_ROUNDS:-3}

run_one() {  # $1 = table name, $2 = default expression; prints "ms index_bytes"
  sql -c "DROP TABLE IF EXISTS $1" \
      -c "CREATE TABLE $1 (id uuid PRIMARY KEY DEFAULT $2, n integer, payload text)" \
      -c "CHECKPOINT" >/dev/null
  local ms
  ms=$(time_ms "INSERT INTO $1 (n, payload) SELECT g, 'row ' || g FROM generate_series(1, $ROWS) g")
  local bytes
  bytes=$(sql -At -c "SELECT pg_relation_size('${1}_pkey')")
  echo "$ms $bytes"
}

ours=(); ref=(); ours_size=0; ref_size=0
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    read -r ms size < <(run_one bench_uuid_v7 'fitness.uuid_generate_v7()'); ours+=("$ms"); ours_size=$size
    read -r ms size < <(run_one bench_uuid_v4 'gen_random_uuid()'); ref+=("$ms"); ref_size=$size
  else
    read -r ms size < <(run_one bench_uuid_v4 'gen_random_uuid()'); ref+=("$ms"); ref_size=$size
    read -r ms size < <(run_one bench_uuid_v7 'fitness.uuid_generate_v7()'); ours+=("$ms"); ours_size=$size
  fi
done
report "uuid pk: INSERT of $ROWS rows (median of $ROUNDS)" ms "$(median "${ours[@]}")" "$(median "${ref[@]}")" "gen_random_uuid()"
report "uuid pk: primary-key index size after $ROWS rows" MB \
  "$(awk -v b="$ours_size" 'BEGIN{print b/1048576}')" "$(awk -v b="$ref_size" 'BEGIN{print b/1048576}')" "gen_random_uuid()"
sql -c "DROP TABLE bench_uuid_v7, bench_uuid_v4" >/dev/null

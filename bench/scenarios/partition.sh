#!/usr/bin/env bash
# Partition maintenance against pg_partman 4.7, in the same run:
# (a) run_maintenance() over 20 daily parents with nothing to do, and with one partition to
#     make for each (the newest dropped before the run), ours vs pg_partman's on 20 twins;
# (b) rescue of ROWS rows from system_event's default partition while 4 pgbench clients
#     insert events: time, and the writers' p99 and worst insert latency against the same
#     writers without it; pg_partman's partition_data_proc on the same rows in a twin table.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

PARENTS=${PARTITION_BENCH_PARENTS:-20}
ROUNDS=${PARTITION_BENCH_ROUNDS:-5}
ROWS=${PARTITION_BENCH_ROWS:-1000000}
WRITE_SECONDS=${PARTITION_BENCH_WRITE_SECONDS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sql -c "CREATE SCHEMA IF NOT EXISTS bench" -c "CREATE SCHEMA partman" -c "CREATE EXTENSION pg_partman SCHEMA partman" >/dev/null
# Only the bench's parents: the built-in registrations and retention policies out of the way.
sql -c "DELETE FROM fitness.partition_config" -c "UPDATE platform.retention_policy SET is_enabled = false" >/dev/null
for i in $(seq 1 "$PARENTS"); do
  for kind in ours pm; do
    sql -c "CREATE TABLE bench.${kind}_$i (id bigint NOT NULL, at timestamptz NOT NULL, v text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)" >/dev/null
  done
  sql -c "CREATE TABLE bench.ours_${i}_default PARTITION OF bench.ours_$i DEFAULT" \
      -c "SELECT fitness.manage_partitions('bench.ours_$i', interval '1 day', 4)" \
      -c "SELECT partman.create_parent(p_parent_table => 'bench.pm_$i', p_control => 'at', p_type => 'native', p_interval => '1 day', p_premake => 4, p_jobmon => false)" >/dev/null
done
sql -c "SELECT count(*) FROM fitness.run_maintenance()" >/dev/null

drop_newest() {  # $1 ours|pm
  sql -At -c "SELECT format('DROP TABLE %s;', c) FROM (SELECT (SELECT i.inhrelid::regclass FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
                WHERE i.inhparent = p.oid AND pg_get_expr(k.relpartbound, k.oid) <> 'DEFAULT' ORDER BY k.relname DESC LIMIT 1) AS c
              FROM pg_class p WHERE p.relnamespace = 'bench'::regnamespace AND p.relkind = 'p' AND p.relname ~ '^$1_[0-9]+$') s" > "$work/drop.sql"
  sql -f "$work/drop.sql" >/dev/null
}
declare -a idle_ours idle_pm new_ours new_pm
for r in $(seq 1 "$ROUNDS"); do
  idle_ours+=("$(time_ms "SELECT count(*) FROM fitness.run_maintenance()")")
  idle_pm+=("$(time_ms "SELECT partman.run_maintenance(p_jobmon => false)")")
  drop_newest ours; drop_newest pm
  new_ours+=("$(time_ms "SELECT count(*) FROM fitness.run_maintenance()")")
  new_pm+=("$(time_ms "SELECT partman.run_maintenance(p_jobmon => false)")")
done
report "partitions: run_maintenance, $PARENTS parents, nothing to do" ms "$(median "${idle_ours[@]}")" "$(median "${idle_pm[@]}")" "pg_partman run_maintenance(); goal < 1x"
report "partitions: run_maintenance, $PARENTS parents, 1 new each" ms "$(median "${new_ours[@]}")" "$(median "${new_pm[@]}")" "pg_partman run_maintenance(); goal < 1x"

# (b) The writers insert events of now (their partitions exist); the rescued rows are dated
# 20 to 29 days ahead, beyond the partitions made in advance (10 daily slots).
sql -c "SELECT fitness.manage_partitions('platform.system_event', interval '1 day', 7, interval '30 days', 'native', 'drop')" \
    -c "SELECT count(*) FROM fitness.run_maintenance()" >/dev/null
sql -c "CREATE TABLE bench.events_pm (LIKE platform.system_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (occurred_at)" \
    -c "SELECT partman.create_parent(p_parent_table => 'bench.events_pm', p_control => 'occurred_at', p_type => 'native', p_interval => '1 day', p_premake => 7, p_jobmon => false)" >/dev/null
load="INSERT INTO %s (event_type, aggregate_type, payload, occurred_at)
      SELECT 'bench.late', 'bench', jsonb_build_object('n', g), now() + interval '20 days' + mod(g, 864000) * interval '1 second'
        FROM generate_series(1, $ROWS) g"
sql -c "$(printf "$load" platform.system_event)" -c "$(printf "$load" bench.events_pm)" -c "VACUUM ANALYZE platform.system_event_default" -c "VACUUM ANALYZE bench.events_pm_default" >/dev/null
cat > "$work/write.sql" <<'SQL'
INSERT INTO platform.system_event (event_type, aggregate_type, payload) VALUES ('bench.write', 'bench', '{}');
SQL
# Runs the writers for WRITE_SECONDS, with $1 (a psql command, or nothing) started one second
# in; prints "command_ms p99_ms max_ms" (latencies of the writers' inserts, from pgbench -l).
with_writers() {
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -n -c 4 -j 2 -T "$WRITE_SECONDS" -l --log-prefix="$work/pgbench_log" -f "$work/write.sql" "$BENCH_DB" >/dev/null 2>&1) &
  local writers=$! ms=0
  sleep 1
  if [ -n "$1" ]; then
    local start=$(date +%s%N)
    sql -c "$1" >/dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
  fi
  wait $writers
  cat "$work"/pgbench_log.* | awk -v ms="$ms" '{ print $3 / 1000 }' | sort -g |
    awk -v ms="$ms" '{ a[NR] = $1 } END { printf "%s %.2f %.2f\n", ms, a[int(NR * 0.99)], a[NR] }'
}
read -r _ base_p99 base_max <<<"$(with_writers "")"
read -r ours_ms ours_p99 ours_max <<<"$(with_writers "SELECT count(*) FROM fitness.run_maintenance()")"
read -r pm_ms pm_p99 pm_max <<<"$(with_writers "CALL partman.partition_data_proc(p_parent_table => 'bench.events_pm', p_wait => 0, p_quiet => true)")"
moved=$(sql -At -c "SELECT count(*) FROM platform.system_event WHERE event_type = 'bench.late' AND tableoid <> 'platform.system_event_default'::regclass")
report "partitions: rescue $moved rows from default, with 4 writers" ms "$ours_ms" "$pm_ms" "pg_partman partition_data_proc"
report "partitions: writers' p99 insert during our rescue" ms "$ours_p99" "$base_p99" "same writers without it; goal <= 2x"
report "partitions: writers' worst insert during our rescue" ms "$ours_max" "1000" "goal: under 1 s"
report "partitions: writers' p99 insert during partition_data_proc" ms "$pm_p99" "$base_p99" "same writers without it"
sql -c "DROP SCHEMA bench CASCADE" -c "DROP EXTENSION pg_partman" -c "DROP SCHEMA partman CASCADE" >/dev/null

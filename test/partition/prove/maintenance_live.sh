#!/usr/bin/env bash
# Partition maintenance against live writers and the real extensions around it:
#  - 4 pgbench clients insert into audit_log and system_event (some rows dated into the
#    default partition) while two sessions run fitness.run_maintenance() over and over:
#    no error, no deadlock, every committed row there exactly once;
#  - engine pg_partman end to end (Debian's pg_partman 4.7): hand-off, maintenance through
#    run_maintenance, retention;
#  - fitness.schedule_maintenance() with pg_cron (preloaded by make test): the same job id on
#    a second call, the new schedule kept.
# TAP output, for prove.
set -euo pipefail
cd "$(dirname "$0")"
source ../../lib/tap.sh
DB=${FITNESS_TEST_DB:-fitness_test}
LIVE=fitness_partition_live
SECONDS_TO_RUN=${PARTITION_RACE_SECONDS:-6}
work=$(mktemp -d)
trap 'cat "$work/writers.log" > /tmp/writers.log 2>/dev/null; rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $LIVE" >/dev/null 2>&1 || true' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

echo "1..12"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $LIVE" -c "CREATE DATABASE $LIVE" >/dev/null
q $LIVE "CREATE EXTENSION fitness CASCADE" >/dev/null 2>&1
q $LIVE "SELECT count(*) FROM fitness.run_maintenance()" >/dev/null

cat > "$work/write.sql" <<'SQL'
\set late random(1, 10)
BEGIN;
INSERT INTO platform.system_event (event_type, aggregate_type, payload, occurred_at)
VALUES ('test.race', 'race', '{}', CASE WHEN :late = 1 THEN now() - interval '3 days' ELSE now() END);
INSERT INTO platform.audit_log (table_schema, table_name, record_id, operation, occurred_at)
VALUES ('public', 'race', gen_random_uuid(), 'INSERT',
        CASE WHEN :late = 1 THEN now() - interval '40 days' ELSE now() END);
COMMIT;
SQL
cat > "$work/maintain.sql" <<'SQL'
SELECT count(*) FROM fitness.run_maintenance();
SQL
pgbench -n -c 4 -j 2 -T "$SECONDS_TO_RUN" -f "$work/write.sql" $LIVE > "$work/writers.log" 2>&1 &
writers=$!
pgbench -n -c 2 -j 2 -T "$SECONDS_TO_RUN" -f "$work/maintain.sql" $LIVE > "$work/maintainers.log" 2>&1 &
maintainers=$!
w_rc=0; m_rc=0
wait $writers || w_rc=$?
wait $maintainers || m_rc=$?
check "writers ran without an error" "0 0" "$w_rc $(grep -c 'ERROR\|aborted' "$work/writers.log" || true)"
check "two concurrent maintenance sessions ran without an error or deadlock" "0 0" \
  "$m_rc $(grep -c 'ERROR\|aborted\|deadlock' "$work/maintainers.log" || true)"
committed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/writers.log")
# One more run rescues what the last writers left in the default partitions.
q $LIVE "SELECT count(*) FROM fitness.run_maintenance()" >/dev/null
check "every committed event is there exactly once" "$committed $committed 0" \
  "$(q $LIVE "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE tableoid = 'platform.system_event_default'::regclass) FROM platform.system_event WHERE event_type = 'test.race'" | tr '|' ' ')"
check "every committed audit entry is there exactly once" "$committed $committed 0" \
  "$(q $LIVE "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE tableoid = 'platform.audit_log_default'::regclass) FROM platform.audit_log WHERE table_name = 'race'" | tr '|' ' ')"
check "late rows were rescued into dated partitions" "t" \
  "$(q $LIVE "SELECT count(*) > 0 FROM platform.system_event WHERE event_type = 'test.race' AND occurred_at < now() - interval '2 days'")"

# pg_partman engine.
q $LIVE "CREATE SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman" >/dev/null
q $LIVE "CREATE TABLE public.sensor (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at)" >/dev/null
q $LIVE "SELECT fitness.manage_partitions('public.sensor', interval '1 day', 3, interval '5 days', 'pg_partman', 'drop')" >/dev/null
check "pg_partman made the parent's partitions and our registration says pg_partman" "t pg_partman" \
  "$(q $LIVE "SELECT (SELECT count(*) FROM pg_inherits WHERE inhparent = 'public.sensor'::regclass) >= 4, engine FROM fitness.partition_config WHERE parent = 'public.sensor'::regclass" | tr '|' ' ')"
check "its part_config: premake, retention, partitions for quiet tables" "3 5 days t f" \
  "$(q $LIVE "SELECT premake, retention, infinite_time_partitions, retention_keep_table FROM partman.part_config WHERE parent_table = 'public.sensor'" | tr '|' ' ')"
# An old partition made by hand (as data arriving late would get one), then maintenance:
# pg_partman's retention drops it and run_maintenance reports it.
q $LIVE "CREATE TABLE public.sensor_old PARTITION OF public.sensor FOR VALUES FROM ('2001-01-01') TO ('2001-01-02')" >/dev/null
check "run_maintenance delegates to pg_partman and reports what changed" "retired (pg_partman)|public.sensor_old" \
  "$(q $LIVE "SELECT action, partition FROM fitness.run_maintenance() WHERE parent = 'public.sensor'::regclass AND action LIKE 'retired%'")"
check "status shows the pg_partman parent" "pg_partman ok" \
  "$(q $LIVE "SELECT engine, split_part(last_outcome, ' ', 1) FROM fitness.partition_status() WHERE parent = 'public.sensor'::regclass" | tr '|' ' ')"

# pg_cron (in the database cron.database_name names): first loaded but not installed there,
# then installed as a DBA would.
q "$DB" "DROP EXTENSION IF EXISTS pg_cron" >/dev/null
check "without the pg_cron extension the error says what to run" "0A000" \
  "$(psql -X -q -At -d "$DB" -v VERBOSITY=verbose -c "SELECT fitness.schedule_maintenance()" 2>&1 | sed -n 's/^ERROR:  \([0-9A-Z]\{5\}\): pg_cron is loaded but not installed.*/\1/p')"
q "$DB" "CREATE EXTENSION pg_cron" >/dev/null
first=$(q "$DB" "SELECT fitness.schedule_maintenance()")
second=$(q "$DB" "SELECT fitness.schedule_maintenance('*/10 * * * *')")
check "a second schedule_maintenance keeps the job id" "$first" "$second"
check "the job runs run_maintenance on the new schedule" "*/10 * * * *|SELECT * FROM fitness.run_maintenance()" \
  "$(q "$DB" "SELECT schedule, command FROM cron.job WHERE jobid = $second")"
q "$DB" "SELECT cron.unschedule($second)" >/dev/null
q "$DB" "DROP EXTENSION pg_cron" >/dev/null

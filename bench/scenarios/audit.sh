#!/usr/bin/env bash
# Audit cost on a realistic entity table (user_set_log's columns, CHECKs and indexes):
# (a) no audit (the floor), (b) ours: fitness.stamp + the C++ audit triggers, (c) a row-level
# PL/pgSQL jsonb audit trigger (bench/audit_reference.sql), and ours with
# fitness.audit_log_writer = off (entries by SQL INSERTs: what the log writer saves).
# pgbench single-row INSERT and UPDATE throughput (4 clients), and a 100k-row
# INSERT ... SELECT (median of 3).
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

SECONDS_PER_RUN=${AUDIT_BENCH_SECONDS:-5}
BULK_ROWS=${AUDIT_BENCH_BULK_ROWS:-100000}
ROUNDS=${AUDIT_BENCH_ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sql -f audit_reference.sql >/dev/null
VARIANTS="floor ours plpgsql sqlpath"
for t in $VARIANTS; do
  sql -c "CREATE TABLE bench.set_log_$t (LIKE user_mgmt.user_set_log INCLUDING ALL, n bigint)" \
      -c "CREATE UNIQUE INDEX ON bench.set_log_$t (n)" >/dev/null
done
sql -c "CREATE TRIGGER fitness_stamp BEFORE INSERT OR UPDATE ON bench.set_log_ours FOR EACH ROW EXECUTE FUNCTION fitness.stamp()" \
    -c "SELECT fitness.enable_audit('bench.set_log_ours')" \
    -c "CREATE TRIGGER fitness_stamp BEFORE INSERT OR UPDATE ON bench.set_log_sqlpath FOR EACH ROW EXECUTE FUNCTION fitness.stamp()" \
    -c "SELECT fitness.enable_audit('bench.set_log_sqlpath')" \
    -c "CREATE TRIGGER plpgsql_audit AFTER INSERT OR UPDATE OR DELETE ON bench.set_log_plpgsql FOR EACH ROW EXECUTE FUNCTION bench.plpgsql_audit()" >/dev/null

# The copies have no foreign keys: one user and exercise, a new session per row.
values="fitness.uuid_generate_v7(), fitness.uuid_generate_v7(), '01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000003'"
cat > "$work/insert.sql" <<SQL
INSERT INTO bench.set_log_TABLE (id, session_id, user_id, exercise_id, set_index, reps, weight_kg, rpe, n)
VALUES ($values, 1, 8, 100.0, 8.5, nextval('bench.n_seq'));
SQL
cat > "$work/update.sql" <<SQL
\set k random(1, 100000)
UPDATE bench.set_log_TABLE SET reps = reps % 20 + 1, weight_kg = weight_kg + 0.5 WHERE n = :k;
SQL
sql -c "CREATE SEQUENCE bench.n_seq START 200001" >/dev/null

# Session settings per variant: the SQL-path variant turns the log writer off.
variant_options() { [ "$1" = sqlpath ] && echo "-c fitness.audit_log_writer=off" || true; }

tps() {  # $1 table, $2 script
  sed "s/TABLE/$1/" "$work/$2.sql" > "$work/run.sql"
  PGOPTIONS="$PGOPTIONS $(variant_options "$1")" pgbench -n -c 4 -j 2 -T "$SECONDS_PER_RUN" -f "$work/run.sql" "$BENCH_DB" 2>/dev/null \
    | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}

# pgbench figures are noisy on a small machine: ROUNDS rounds, the order rotated each
# round, median per variant.
order() { case $(( $1 % 4 )) in 0) echo floor ours plpgsql sqlpath ;; 1) echo ours plpgsql sqlpath floor ;;
                                 2) echo plpgsql sqlpath floor ours ;; *) echo sqlpath floor ours plpgsql ;; esac; }
declare -A ins upd bulk samples
for t in $VARIANTS; do samples[$t]=""; done
for round in $(seq 1 "$ROUNDS"); do
  for t in $(order "$round"); do samples[$t]="${samples[$t]} $(tps "$t" insert)"; done
done
for t in $VARIANTS; do ins[$t]=$(median ${samples[$t]}); samples[$t]=""; done
# Tables with 100k rows (n = 1..100000) for the UPDATE runs, loaded without triggers.
for t in $VARIANTS; do
  sql -c "SET session_replication_role = replica" \
      -c "INSERT INTO bench.set_log_$t (id, session_id, user_id, exercise_id, set_index, reps, weight_kg, rpe, n)
          SELECT $values, 1, 8, 100.0, 8.5, g FROM generate_series(1, 100000) g" -c "VACUUM ANALYZE bench.set_log_$t" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  for t in $(order "$round"); do samples[$t]="${samples[$t]} $(tps "$t" update)"; done
done
for t in $VARIANTS; do upd[$t]=$(median ${samples[$t]}); done

declare -A times
for t in $VARIANTS; do times[$t]=""; done
# Round 0 warms up and is not counted: a fresh cluster creates (and zero-fills) WAL
# segments on first use and recycles them later, which made the first rounds of the
# variant writing the most WAL look up to twice as slow as steady state.
for round in $(seq 0 "$ROUNDS"); do
  for t in $(order "$round"); do
    sql -c "TRUNCATE bench.set_log_$t" -c "CHECKPOINT" >/dev/null
    setting=$([ "$t" = sqlpath ] && echo "SET fitness.audit_log_writer = off; " || true)
    ms=$(time_ms "${setting}INSERT INTO bench.set_log_$t (id, session_id, user_id, exercise_id, set_index, reps, weight_kg, rpe, n)
                  SELECT $values, 1, 8, 100.0, 8.5, g FROM generate_series(1, $BULK_ROWS) g")
    [ "$round" -gt 0 ] && times[$t]="${times[$t]} $ms"
  done
done
for t in $VARIANTS; do bulk[$t]=$(median ${times[$t]}); done

report "audit: single-row INSERT, ours vs floor" tps "${ins[ours]}" "${ins[floor]}" "no audit (floor); target >= 0.75x"
report "audit: single-row INSERT, plpgsql vs floor" tps "${ins[plpgsql]}" "${ins[floor]}" "no audit (floor)"
report "audit: single-row UPDATE, ours vs floor" tps "${upd[ours]}" "${upd[floor]}" "no audit (floor); target >= 0.75x"
report "audit: single-row UPDATE, plpgsql vs floor" tps "${upd[plpgsql]}" "${upd[floor]}" "no audit (floor)"
report "audit: INSERT..SELECT ${BULK_ROWS}, ours vs floor" ms "${bulk[ours]}" "${bulk[floor]}" "no audit (floor); target <= 1.6x"
report "audit: INSERT..SELECT ${BULK_ROWS}, plpgsql vs floor" ms "${bulk[plpgsql]}" "${bulk[floor]}" "no audit (floor)"
report "audit: INSERT..SELECT ${BULK_ROWS}, ours vs plpgsql" ms "${bulk[ours]}" "${bulk[plpgsql]}" "PL/pgSQL jsonb trigger"
report "audit: single-row INSERT, log writer off" tps "${ins[sqlpath]}" "${ins[floor]}" "no audit (floor)"
report "audit: single-row UPDATE, log writer off" tps "${upd[sqlpath]}" "${upd[floor]}" "no audit (floor)"
report "audit: INSERT..SELECT ${BULK_ROWS}, log writer off" ms "${bulk[sqlpath]}" "${bulk[floor]}" "no audit (floor)"
sql -c "DROP SCHEMA bench CASCADE" >/dev/null

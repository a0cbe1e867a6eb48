#!/usr/bin/env bash
# Soft delete: DELETE of 10k parents with 3 children each. Ours (the soft-delete trigger
# with its cascade, plus stamp and audit as on every entity table) against the floor, a plain
# hard DELETE with ON DELETE CASCADE on the same tables without triggers. Median of 3.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

PARENTS=${SOFT_DELETE_BENCH_PARENTS:-10000}
ROUNDS=${SOFT_DELETE_BENCH_ROUNDS:-3}

columns="created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
         created_by uuid, updated_by uuid, is_active boolean NOT NULL DEFAULT true,
         deleted_at timestamptz, deleted_by uuid"
sql -c "DROP SCHEMA IF EXISTS bench_sd CASCADE" -c "CREATE SCHEMA bench_sd" >/dev/null
for t in floor ours; do
  sql -c "CREATE TABLE bench_sd.parent_$t (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(), name text NOT NULL, $columns)" \
      -c "CREATE TABLE bench_sd.child_$t (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(),
            parent_id uuid NOT NULL REFERENCES bench_sd.parent_$t (id) ON DELETE CASCADE, note text, $columns)" \
      -c "CREATE INDEX ON bench_sd.child_$t (parent_id)" >/dev/null
done
for t in parent_ours child_ours; do
  sql -c "CREATE TRIGGER fitness_stamp BEFORE INSERT OR UPDATE ON bench_sd.$t FOR EACH ROW EXECUTE FUNCTION fitness.stamp()" \
      -c "SELECT fitness.enable_audit('bench_sd.$t')" \
      -c "CREATE TRIGGER zz_soft_delete BEFORE DELETE ON bench_sd.$t FOR EACH ROW EXECUTE FUNCTION fitness.soft_delete()" \
      -c "CREATE TRIGGER zz_soft_delete_flush AFTER DELETE ON bench_sd.$t FOR EACH STATEMENT EXECUTE FUNCTION fitness.soft_delete_flush()" >/dev/null
done

load() {  # $1 = floor|ours, without triggers
  sql -c "SET session_replication_role = replica" \
      -c "TRUNCATE bench_sd.child_$1, bench_sd.parent_$1" \
      -c "INSERT INTO bench_sd.parent_$1 (name) SELECT 'p' || g FROM generate_series(1, $PARENTS) g" \
      -c "INSERT INTO bench_sd.child_$1 (parent_id, note) SELECT p.id, 'c' || g FROM bench_sd.parent_$1 p, generate_series(1, 3) g" \
      -c "VACUUM ANALYZE bench_sd.parent_$1" -c "VACUUM ANALYZE bench_sd.child_$1" >/dev/null
}

declare -A times
times[floor]=""; times[ours]=""
for round in $(seq 1 "$ROUNDS"); do
  for t in floor ours; do
    load "$t"
    times[$t]="${times[$t]} $(time_ms "DELETE FROM bench_sd.parent_$t")"
  done
done
check=$(sql -At -c "SELECT count(*) FILTER (WHERE NOT is_active) FROM bench_sd.child_ours")
report "soft delete: $PARENTS parents + $((PARENTS * 3)) children" ms "$(median ${times[ours]})" "$(median ${times[floor]})" \
  "hard DELETE ... ON DELETE CASCADE (floor); $check children soft-deleted"
sql -c "DROP SCHEMA bench_sd CASCADE" >/dev/null

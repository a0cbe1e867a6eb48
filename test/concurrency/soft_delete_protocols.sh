#!/usr/bin/env bash
# Soft delete through the extended query protocol (what drivers and ORMs use: Parse/Bind/
# Execute, with and without named prepared statements), by pgbench. Transparent mode (the
# library preloaded for the session): DELETE ... RETURNING hands the kept row to \gset.
# Trigger mode: no row comes back, which \gset reports as an error. TAP output, for prove.
set -euo pipefail
DB=${FITNESS_TEST_DB:-fitness_test}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

echo "1..6"
n=0
for mode in extended prepared; do
  code="proto_$mode"
  id=$(q "INSERT INTO core.tag (code, name) VALUES ('$code', 'Protocol $mode') RETURNING id")
  cat > "$work/delete.sql" <<SQL
DELETE FROM core.tag WHERE code = '$code' RETURNING id AS deleted_id, is_active AS was_active \gset
SELECT CASE WHEN :deleted_id::uuid = '$id'::uuid AND :was_active::boolean THEN 1 ELSE 0 END AS right_row \gset
\if :right_row = 1
\else
  \shell false
\endif
SQL
  n=$((n + 1))
  if PGOPTIONS="-c session_preload_libraries=fitness" pgbench -n -t 1 -M "$mode" -f "$work/delete.sql" "$DB" > "$work/out.log" 2>&1; then
    echo "ok $n - $mode protocol, transparent mode: DELETE ... RETURNING returned the soft-deleted row"
  else
    echo "not ok $n - $mode protocol, transparent mode: DELETE ... RETURNING returned the soft-deleted row"
    sed 's/^/# /' "$work/out.log"
  fi
  n=$((n + 1))
  state=$(q "SELECT is_active::text || '/' || (deleted_at IS NOT NULL)::text FROM core.tag WHERE id = '$id'")
  if [ "$state" = "false/true" ]; then echo "ok $n - $mode protocol: the row was kept, soft-deleted"
  else echo "not ok $n - $mode protocol: the row was kept, soft-deleted (is_active/deleted_at: $state)"; fi
  q "SELECT fitness.hard_delete('core.tag', '$id')" >/dev/null
done

# Trigger mode over the same protocol: the DELETE reports nothing, \gset gets no row.
n=$((n + 1))
id=$(q "INSERT INTO core.tag (code, name) VALUES ('proto_trigger', 'Protocol trigger') RETURNING id")
cat > "$work/delete.sql" <<'SQL'
DELETE FROM core.tag WHERE code = 'proto_trigger' RETURNING id AS deleted_id \gset
SQL
if PGOPTIONS="-c session_preload_libraries=" pgbench -n -t 1 -M extended -f "$work/delete.sql" "$DB" > "$work/out.log" 2>&1; then
  echo "not ok $n - trigger mode: DELETE ... RETURNING returns no row (it returned one)"
elif grep -q "expected one row, got 0" "$work/out.log"; then
  echo "ok $n - trigger mode: DELETE ... RETURNING returns no row"
else
  echo "not ok $n - trigger mode: DELETE ... RETURNING returns no row (pgbench failed otherwise)"
  sed 's/^/# /' "$work/out.log"
fi
n=$((n + 1))
state=$(q "SELECT is_active FROM core.tag WHERE id = '$id'")
if [ "$state" = "f" ]; then echo "ok $n - trigger mode: the row was soft-deleted all the same"
else echo "not ok $n - trigger mode: the row was soft-deleted all the same (is_active: $state)"; fi
q "SELECT fitness.hard_delete('core.tag', '$id')" >/dev/null

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
# tap PASSED DESCRIPTION [LOG]: one TAP line; a failure shows LOG (if given) as comments.
tap() {
  n=$((n + 1))
  if [ "$1" = 1 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -n "${3:-}" ] && sed 's/^/# /' "$3"; fi
  return 0
}
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
  ok=0
  PGOPTIONS="-c session_preload_libraries=fitness" pgbench -n -t 1 -M "$mode" -f "$work/delete.sql" "$DB" \
    > "$work/out.log" 2>&1 && ok=1
  tap $ok "$mode protocol, transparent mode: DELETE ... RETURNING returned the soft-deleted row" "$work/out.log"
  state=$(q "SELECT is_active::text || '/' || (deleted_at IS NOT NULL)::text FROM core.tag WHERE id = '$id'")
  tap "$([ "$state" = "false/true" ] && echo 1)" "$mode protocol: the row was kept, soft-deleted (is_active/deleted_at: $state)"
  q "SELECT fitness.hard_delete('core.tag', '$id')" >/dev/null
done

# Trigger mode over the same protocol: the DELETE reports nothing, \gset gets no row.
id=$(q "INSERT INTO core.tag (code, name) VALUES ('proto_trigger', 'Protocol trigger') RETURNING id")
cat > "$work/delete.sql" <<'SQL'
DELETE FROM core.tag WHERE code = 'proto_trigger' RETURNING id AS deleted_id \gset
SQL
ok=0
if ! PGOPTIONS="-c session_preload_libraries=" pgbench -n -t 1 -M extended -f "$work/delete.sql" "$DB" > "$work/out.log" 2>&1; then
  grep -q "expected one row, got 0" "$work/out.log" && ok=1
fi
tap $ok "trigger mode: DELETE ... RETURNING returns no row (\\gset finds none)" "$work/out.log"
state=$(q "SELECT is_active FROM core.tag WHERE id = '$id'")
tap "$([ "$state" = "f" ] && echo 1)" "trigger mode: the row was soft-deleted all the same (is_active: $state)"
q "SELECT fitness.hard_delete('core.tag', '$id')" >/dev/null

#!/usr/bin/env bash
# 8 pgbench clients update the same rows (a hot set of 3) and different rows (17 others) of
# an audited table for a few seconds, some transactions rolling back. Afterwards the audit
# log must hold exactly one UPDATE entry per committed change: the counter column counts the
# committed increments, the log must agree row by row. TAP output, for prove.
set -euo pipefail
DB=${FITNESS_TEST_DB:-fitness_test}
SECONDS_TO_RUN=${AUDIT_CONCURRENCY_SECONDS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -X -q -d "$DB" -c "DROP TABLE IF EXISTS public.audit_race" >/dev/null 2>&1 || true' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }

echo "1..4"
q "DROP TABLE IF EXISTS public.audit_race" >/dev/null
q "CREATE TABLE public.audit_race (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(), k integer UNIQUE, counter integer NOT NULL DEFAULT 0)" >/dev/null
q "SELECT fitness.enable_audit('public.audit_race')" >/dev/null
q "INSERT INTO public.audit_race (k) SELECT g FROM generate_series(1, 20) g" >/dev/null

cat > "$work/hot.sql" <<'SQL'
\set k random(1, 3)
UPDATE public.audit_race SET counter = counter + 1 WHERE k = :k;
SQL
cat > "$work/spread.sql" <<'SQL'
\set k random(4, 20)
BEGIN;
UPDATE public.audit_race SET counter = counter + 1 WHERE k = :k;
UPDATE public.audit_race SET counter = counter + 1 WHERE k = :k % 17 + 4;
COMMIT;
SQL
cat > "$work/rollback.sql" <<'SQL'
\set k random(1, 20)
BEGIN;
UPDATE public.audit_race SET counter = -1 WHERE k = :k;
ROLLBACK;
SQL
pgbench -n -c 8 -j 2 -T "$SECONDS_TO_RUN" -f "$work/hot.sql@5" -f "$work/spread.sql@4" -f "$work/rollback.sql@1" \
  "$DB" > "$work/pgbench.log" 2>&1 || { echo "not ok 1 - pgbench ran"; sed 's/^/# /' "$work/pgbench.log"; exit 1; }
echo "ok 1 - pgbench ran 8 clients for ${SECONDS_TO_RUN}s ($(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.log") transactions)"

committed=$(q "SELECT sum(counter) FROM public.audit_race")
logged=$(q "SELECT count(*) FROM platform.audit_log WHERE table_schema = 'public' AND table_name = 'audit_race' AND operation = 'UPDATE'")
if [ "$committed" -gt 0 ] && [ "$committed" = "$logged" ]; then
  echo "ok 2 - one audit entry per committed change ($logged)"
else
  echo "not ok 2 - committed changes $committed, audit entries $logged"
fi
mismatched=$(q "SELECT count(*) FROM public.audit_race r WHERE r.counter <> (SELECT count(*) FROM platform.audit_log a WHERE a.record_id = r.id AND a.operation = 'UPDATE')")
if [ "$mismatched" = 0 ]; then echo "ok 3 - per row, entries match committed increments"; else echo "not ok 3 - $mismatched rows disagree"; fi
rolled_back=$(q "SELECT count(*) FROM platform.audit_log WHERE table_name = 'audit_race' AND new_data->>'counter' = '-1'")
if [ "$rolled_back" = 0 ]; then echo "ok 4 - rolled-back changes left nothing"; else echo "not ok 4 - $rolled_back entries of rolled-back work"; fi

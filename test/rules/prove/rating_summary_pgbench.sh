#!/usr/bin/env bash
# Concurrent raters (pgbench, 4 clients) as the application: each transaction sets the
# context of one of 20 users and, on one of 5 public workouts, rates (INSERT ... ON CONFLICT
# DO UPDATE of the score), takes its rating back (soft delete) or edits its review. Afterwards
# every workout's platform.rating_summary equals a recount of its active published ratings.
# TAP output, for prove. Connects with libpq's environment; FITNESS_TEST_DB names the database.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export PGDATABASE=${FITNESS_TEST_DB:-fitness_test}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

echo "1..4"
n=0
check() {  # DESCRIPTION EXPECTED ACTUAL
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}

# users 00000000-0000-7000-8000-0000000f90NN (01-20 raters, 99 the workouts' owner),
# workouts 00000000-0000-7000-8000-0000000f91NN (01-05)
q "INSERT INTO user_mgmt.app_user (id, display_name, email)
   SELECT ('00000000-0000-7000-8000-0000000f90' || lpad(i::text, 2, '0'))::uuid, 'Rater ' || i, 'rater' || i || '@pgbench.test'
     FROM generate_series(1, 20) i UNION ALL
   SELECT '00000000-0000-7000-8000-0000000f9099', 'Author', 'author@pgbench.test';
   INSERT INTO content.workout (id, owner_id, name, visibility)
   SELECT ('00000000-0000-7000-8000-0000000f91' || lpad(i::text, 2, '0'))::uuid,
          '00000000-0000-7000-8000-0000000f9099', 'Rated by pgbench ' || i, 'public'
     FROM generate_series(1, 5) i;"

cat >"$work/rate.sql" <<'SQL'
\set u random(1, 20)
\set w random(1, 5)
\set score random(1, 5)
\set op random(1, 10)
BEGIN;
SELECT fitness.set_context(('00000000-0000-7000-8000-0000000f90' || lpad((:u)::text, 2, '0'))::uuid);
SET LOCAL ROLE fitness_app;
\if :op <= 7
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT fitness.current_user_id(), 'workout', ('00000000-0000-7000-8000-0000000f91' || lpad((:w)::text, 2, '0'))::uuid,
       :score, rs.id FROM platform.rating_status rs WHERE rs.code = 'published'
ON CONFLICT (user_id, entity_type, entity_id) WHERE is_active DO UPDATE SET score = EXCLUDED.score;
\elif :op <= 9
DELETE FROM platform.rating
 WHERE user_id = fitness.current_user_id() AND entity_id = ('00000000-0000-7000-8000-0000000f91' || lpad((:w)::text, 2, '0'))::uuid;
\else
UPDATE platform.rating SET review = 'edited ' || :score
 WHERE user_id = fitness.current_user_id() AND entity_id = ('00000000-0000-7000-8000-0000000f91' || lpad((:w)::text, 2, '0'))::uuid;
\endif
COMMIT;
SQL

status=0
pgbench -n -c 4 -j 2 -t 250 -f "$work/rate.sql" >"$work/pgbench.out" 2>&1 || status=$?
check "pgbench ran 1000 transactions without an error" "0 1000" \
  "$status $(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.out")"

recount="SELECT w.id,
       coalesce(s.rating_count, 0) AS kept_count, coalesce(s.score_sum, 0) AS kept_sum,
       (SELECT count(*) FROM platform.rating r JOIN platform.rating_status rs ON rs.id = r.rating_status_id
         WHERE r.entity_type = 'workout' AND r.entity_id = w.id AND r.is_active AND rs.is_public) AS count,
       (SELECT coalesce(sum(r.score), 0) FROM platform.rating r JOIN platform.rating_status rs ON rs.id = r.rating_status_id
         WHERE r.entity_type = 'workout' AND r.entity_id = w.id AND r.is_active AND rs.is_public) AS sum
  FROM content.workout w
  LEFT JOIN platform.rating_summary s ON s.entity_type = 'workout' AND s.entity_id = w.id AND s.is_active
 WHERE w.owner_id = '00000000-0000-7000-8000-0000000f9099'"
check "every workout's summary equals the recount" "0" \
  "$(q "SELECT count(*) FROM ($recount) x WHERE (kept_count, kept_sum) IS DISTINCT FROM (count, sum)")"
check "the run left active ratings to count" "t" "$(q "SELECT sum(count) > 0 FROM ($recount) x")"
check "and soft-deleted ones that do not count" "t" \
  "$(q "SELECT count(*) > 0 FROM platform.rating WHERE NOT is_active AND entity_id IN (SELECT id FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000f9099')")"
q "$recount ORDER BY 1" | sed 's/^/# /'
grep -E "^(tps|latency average)" "$work/pgbench.out" | sed 's/^/# /' || sed 's/^/# /' "$work/pgbench.out"

q "DO \$\$ BEGIN
     PERFORM fitness.hard_delete('platform.rating', id) FROM platform.rating
      WHERE entity_id IN (SELECT id FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000f9099');
     PERFORM fitness.hard_delete('platform.rating_summary', s.id) FROM platform.rating_summary s
      WHERE s.entity_id IN (SELECT id FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000f9099');
     PERFORM fitness.hard_delete('content.workout', id) FROM content.workout WHERE owner_id = '00000000-0000-7000-8000-0000000f9099';
     PERFORM fitness.hard_delete('user_mgmt.app_user', id) FROM user_mgmt.app_user WHERE email LIKE '%@pgbench.test';
   END \$\$" >/dev/null
exit 0

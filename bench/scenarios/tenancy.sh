#!/usr/bin/env bash
# Row-level security: SELECT count(*) over 1M rows of content.workout, 1,000 users in 20
# institutions (a third of the rows private, a tenth public, the rest visible to the
# owner's institution), as a member ("user") and as a coach (workout.read_members, 25
# assigned members), for "own" (WHERE owner_id = me) and "readable" (no WHERE: own,
# public, my institutions', my members'). content.workout is the table with owner,
# institution and visibility (user_workout_session has only an owner).
#   floor: the policy predicate written with literals, run as superuser (no RLS);
#   ours: fitness_app after fitness.set_context, the tenancy_* policies (tenancy/tenancy.sql);
#   ours, all helpers in (select): the same policy with every helper an InitPlan, on a
#        copy of the table: why tenancy/tenancy.sql calls the set-valued helpers directly;
#   supabase wrapped / unwrapped: SQL helpers reading current_setting('request.jwt.claims')
#        (bench/rls_supabase.sql) on a copy of the table, called per row or wrapped in
#        (select ...); a variant slower than RLS_BENCH_SLOW_MS on the full table runs on a
#        50k-row subset and is scaled (the label says so).
# EXPLAIN (ANALYZE, TIMING OFF) execution time, median of 5 (15 for "own"), each run in its own
# transaction; floor and ours are run alternately in one session. The backend keeps the user's authorization data between transactions (as a
# pooled connection would); "cold cache" runs every transaction right after an RBAC change
# (a one-row UPDATE of core.permission that changes nothing, whose trigger invalidates), so it pays the load. Ours is also
# timed on count(name): with count(*) the floor's own predicate is proven by its index
# conditions, so it skips the heap, which no policy depending on the acting user can.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

ROWS=${RLS_BENCH_ROWS:-1000000}
USERS=${RLS_BENCH_USERS:-1000}
INSTS=${RLS_BENCH_INSTITUTIONS:-20}
RUNS=${RLS_BENCH_RUNS:-5}
OWN_RUNS=${RLS_BENCH_OWN_RUNS:-15}  # "own" queries take ~0.2 ms: more runs for a stable median
SUBSET=${RLS_BENCH_SUBSET:-50000}   # rows for per-row helper variants (scaled to ROWS)
SLOW_MS=${RLS_BENCH_SLOW_MS:-5000}  # a variant slower than this on ROWS is re-run on SUBSET
PLAN_RUNS=${RLS_BENCH_PLAN_RUNS:-9} # new connections for the planning figures

uid() { printf '01900000-0000-7000-8000-%012x' "$1"; }
iid() { printf '01900000-0000-7000-9000-%012x' "$1"; }
USER_ID=$(uid 2); USER_INST=$(iid 2)     # user n belongs to institution n % INSTS
COACH_ID=$(uid 1); COACH_INST=$(iid 1)   # user 1 coaches 25 members of institution 1

sql -c "DROP SCHEMA IF EXISTS bench_rls CASCADE" -f rls_supabase.sql >/dev/null
sql -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET session_replication_role = replica;  -- no stamps, audit or foreign-key checks while loading
CREATE TABLE bench_rls.u AS SELECT n, ('01900000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid AS id, n % $INSTS AS k
  FROM generate_series(1, $USERS) n;
CREATE TABLE bench_rls.i AS SELECT k, ('01900000-0000-7000-9000-' || lpad(to_hex(k), 12, '0'))::uuid AS id
  FROM generate_series(0, $INSTS - 1) k;
INSERT INTO user_mgmt.institution (id, name, slug) SELECT id, 'Bench ' || k, 'bench-rls-' || k FROM bench_rls.i;
INSERT INTO user_mgmt.app_user (id, display_name, email)
  SELECT id, 'Bench ' || n, 'bench-rls-' || n || '@example.test' FROM bench_rls.u;
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role)
  SELECT i.id, u.id, CASE WHEN u.n = 1 THEN 'coach' ELSE 'member' END FROM bench_rls.u u JOIN bench_rls.i i USING (k);
INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id)
  SELECT u.id, r.id, i.id FROM bench_rls.u u JOIN bench_rls.i i USING (k)
    JOIN core.role r ON r.code = CASE WHEN u.n = 1 THEN 'coach' ELSE 'member' END;
INSERT INTO user_mgmt.coach_assignment (institution_id, coach_id, member_id)
  SELECT i.id, '$COACH_ID', u.id FROM bench_rls.u u JOIN bench_rls.i i USING (k)
   WHERE u.k = 1 AND u.id <> '$COACH_ID' ORDER BY u.n LIMIT 25;
-- a third private, a tenth public, the rest visible to the owner's institution
INSERT INTO content.workout (owner_id, institution_id, name, visibility, status)
  SELECT u.id, i.id, 'bench ' || g,
         CASE WHEN g % 30 < 10 THEN 'private' WHEN g % 30 < 13 THEN 'public' ELSE 'institution' END, 'published'
    FROM generate_series(0, $ROWS - 1) g JOIN bench_rls.u u ON u.n = g % $USERS + 1 JOIN bench_rls.i i ON i.k = u.k;
CREATE TABLE bench_rls.workout_supa (LIKE content.workout INCLUDING DEFAULTS INCLUDING INDEXES);
INSERT INTO bench_rls.workout_supa SELECT * FROM content.workout WHERE name LIKE 'bench %';
CREATE TABLE bench_rls.workout_supa_subset (LIKE content.workout INCLUDING DEFAULTS INCLUDING INDEXES);
INSERT INTO bench_rls.workout_supa_subset SELECT * FROM bench_rls.workout_supa ORDER BY id LIMIT $SUBSET;
-- ours again, every helper call wrapped in (select ...) (an InitPlan)
CREATE TABLE bench_rls.workout_initplan (LIKE content.workout INCLUDING DEFAULTS INCLUDING INDEXES);
INSERT INTO bench_rls.workout_initplan SELECT * FROM bench_rls.workout_supa;
SQL
sql -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$
DECLARE
    q text := fitness.tenancy_predicate('content.workout', 'read', 'workout_initplan');
BEGIN
    q := regexp_replace(q, '= ANY \(fitness\.([a-z_]+)\(([^)]*)\)\)', '= ANY ((SELECT fitness.\1(\2))::uuid[])', 'g');
    q := regexp_replace(q, ' AND workout_initplan\.id >= CASE WHEN fitness\.is_platform_admin\(\) THEN [^ ]+ END', '', 'g');
    EXECUTE format('CREATE POLICY tenancy_select ON bench_rls.workout_initplan FOR SELECT TO fitness_app'
                   ' USING (is_active AND (SELECT fitness.current_user_id()) IS NOT NULL AND (%s))', q);
    ALTER TABLE bench_rls.workout_initplan ENABLE ROW LEVEL SECURITY;
    GRANT SELECT ON bench_rls.workout_initplan TO fitness_app;
END
$$;
SELECT bench_rls.policies('bench_rls.workout_supa', false);
SELECT bench_rls.policies('bench_rls.workout_supa_subset', false);
VACUUM ANALYZE content.workout, bench_rls.workout_supa, bench_rls.workout_supa_subset, bench_rls.workout_initplan,
    user_mgmt.institution_member, user_mgmt.user_role, user_mgmt.coach_assignment, user_mgmt.app_user, user_mgmt.institution;
SQL

# The literal floor predicates (what the policies mean for these two actors).
members=$(sql -At -c "SELECT string_agg(member_id::text, ',') FROM user_mgmt.coach_assignment WHERE coach_id = '$COACH_ID' AND is_active")
floor_pred() {  # $1 actor id, $2 institution id, $3 members ('' for none)
  local p="is_active AND (owner_id = '$1' OR visibility = 'public' OR (visibility = 'institution' AND institution_id = ANY ('{$2}'::uuid[]))"
  [ -n "$3" ] && p="$p OR owner_id = ANY ('{$3}'::uuid[])"
  echo "$p)"
}

# run_ms SETUP QUERY: median execution time of RUNS runs, each in its own transaction
# after SETUP (role and context); prints "ms count".
run_ms() {
  local setup=$1 query=$2 out times count runs=$RUNS
  case "$query" in *"WHERE owner_id"*) runs=$OWN_RUNS ;; esac
  out=$( { for _ in $(seq 0 "$runs"); do   # run 0 warms the cache and is not counted
             echo "BEGIN;"; echo "$setup"
             echo "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $query;"
             echo "COMMIT;"
           done
           echo "BEGIN;"; echo "$setup"; echo "SELECT 'count=' || ($query);"; echo "COMMIT;"
         } | sql -At 2>&1)
  times=$(echo "$out" | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' | tail -n +2)
  count=$(echo "$out" | sed -n 's/^count=//p')
  [ -n "$times" ] || { echo "rls bench: no timing for: $query" >&2; echo "$out" >&2; exit 1; }
  echo "$(median $times) ${count:-?}"
}

# run_pair_ms SETUP_A QUERY_A SETUP_B QUERY_B: the two alternated run by run in one session
# (A, B, A, B, ...), so that a slow moment of the machine hits both; prints
# "ms_a count_a ms_b count_b" (medians).
run_pair_ms() {
  local out times_a times_b count_a count_b runs=$RUNS
  case "$4" in *"WHERE owner_id"*) runs=$OWN_RUNS ;; esac
  out=$( { for _ in $(seq 0 "$runs"); do   # run 0 warms the caches and is not counted
             for side in a b; do
               if [ $side = a ]; then echo "BEGIN;"; echo "$1"; echo "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $2;"
               else echo "BEGIN;"; echo "$3"; echo "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $4;"; fi
               echo "COMMIT;"
             done
           done
           echo "BEGIN;"; echo "$1"; echo "SELECT 'count_a=' || ($2);"; echo "COMMIT;"
           echo "BEGIN;"; echo "$3"; echo "SELECT 'count_b=' || ($4);"; echo "COMMIT;"
         } | sql -At 2>&1)
  local all
  all=$(echo "$out" | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p')
  [ "$(echo "$all" | grep -c .)" -eq $((2 * (runs + 1))) ] || { echo "rls bench: a run failed: $2 / $4" >&2; echo "$out" >&2; exit 1; }
  times_a=$(echo "$all" | awk 'NR % 2 == 1' | tail -n +2)
  times_b=$(echo "$all" | awk 'NR % 2 == 0' | tail -n +2)
  count_a=$(echo "$out" | sed -n 's/^count_a=//p')
  count_b=$(echo "$out" | sed -n 's/^count_b=//p')
  [ -n "$times_a" ] && [ -n "$times_b" ] || { echo "rls bench: no timing for: $2 / $4" >&2; echo "$out" >&2; exit 1; }
  echo "$(median $times_a) ${count_a:-?} $(median $times_b) ${count_b:-?}"
}

as_super="SET LOCAL application_name = 'rls-floor';"
ours() { echo "SELECT fitness.set_context('$1'); SET LOCAL ROLE fitness_app;"; }
cold() { echo "UPDATE core.permission SET code = code WHERE code = 'user.read_self'; $(ours "$1")"; }
supa() { echo "SET LOCAL request.jwt.claims = '{\"sub\": \"$1\"}'; SET LOCAL ROLE fitness_app;"; }

check() {  # label, count, expected count
  [ "$2" = "$3" ] || echo "rls bench: $1 returned $2 rows, the floor $3" >&2
}

# plan_ms SETUP QUERY: median planning time of the first query of a new connection (each
# run a fresh psql, so a fresh backend with cold caches), and of the same query planned
# again in that connection; prints "first_ms again_ms". SETUP runs first in the same
# transaction (for ours it loads the library, as an application's first call would).
plan_ms() {
  local firsts="" agains="" out
  for _ in $(seq 1 "$PLAN_RUNS"); do
    out=$( { echo "BEGIN;"; echo "$1"
             echo "EXPLAIN (COSTS OFF, SUMMARY ON) $2;"; echo "EXPLAIN (COSTS OFF, SUMMARY ON) $2;"
             echo "COMMIT;"; } | sql -At 2>&1 | sed -n 's/^Planning Time: \([0-9.]*\) ms$/\1/p')
    [ "$(echo "$out" | grep -c .)" -eq 2 ] || { echo "rls bench: no planning time for: $2" >&2; exit 1; }
    firsts="$firsts $(echo "$out" | sed -n 1p)"; agains="$agains $(echo "$out" | sed -n 2p)"
  done
  echo "$(median $firsts) $(median $agains)"
}

# Planning of the "readable" query as the member: the first planning of a new connection pays
# the backend's first authorization-cache fill (PostgreSQL's selectivity estimation calls the
# stable helpers), the floor only its own cold catalogue entries of content.workout.
read -r floor_first floor_again < <(plan_ms "$as_super" "SELECT count(*) FROM content.workout WHERE $(floor_pred "$USER_ID" "$USER_INST" "")")
read -r ours_first ours_again < <(plan_ms "$(ours "$USER_ID")" "SELECT count(*) FROM content.workout")
report "rls user readable: planning, new connection" ms "$ours_first" "$floor_first" "literal predicate (floor), first query of a connection; target <= 2x"
report "rls user readable: planning, warm connection" ms "$ours_again" "$floor_again" "literal predicate (floor), planned again; target <= 2x"


for actor in user coach; do
  if [ "$actor" = user ]; then id=$USER_ID; inst=$USER_INST; mem=""; else id=$COACH_ID; inst=$COACH_INST; mem=$members; fi
  pred=$(floor_pred "$id" "$inst" "$mem")
  for what in own readable; do
    if [ "$what" = own ]; then where="WHERE owner_id = '$id'"; fwhere="WHERE owner_id = '$id' AND $pred"
    else where=""; fwhere="WHERE $pred"; fi
    read -r floor_ms floor_n ours_ms ours_n < <(run_pair_ms "$as_super" "SELECT count(*) FROM content.workout $fwhere" \
                                                           "$(ours "$id")" "SELECT count(*) FROM content.workout $where")
    check "ours ($actor, $what)" "$ours_n" "$floor_n"
    report "rls $actor $what: ours" ms "$ours_ms" "$floor_ms" "literal predicate (floor); target <= 1.2x"
    read -r cold_ms cold_n < <(run_ms "$(cold "$id")" "SELECT count(*) FROM content.workout $where")
    check "ours cold ($actor, $what)" "$cold_n" "$floor_n"
    report "rls $actor $what: ours, cold cache" ms "$cold_ms" "$floor_ms" "literal predicate (floor)"
    # count(*) lets the floor skip the heap (index-only / skip-fetch: its predicate is proven
    # by the index conditions); a query that reads a column visits the rows in both.
    read -r floor_col_ms _ ours_col_ms _ < <(run_pair_ms "$as_super" "SELECT count(name) FROM content.workout $fwhere" \
                                                         "$(ours "$id")" "SELECT count(name) FROM content.workout $where")
    report "rls $actor $what: ours, count(name)" ms "$ours_col_ms" "$floor_col_ms" "literal predicate (floor), count(name)"
    read -r init_ms init_n < <(run_ms "$(ours "$id")" "SELECT count(*) FROM bench_rls.workout_initplan $where")
    check "initplan ($actor, $what)" "$init_n" "$floor_n"
    report "rls $actor $what: ours, all helpers in (select)" ms "$init_ms" "$floor_ms" "literal predicate (floor)"
    for wrapped in true false; do
      label=$([ "$wrapped" = true ] && echo "supabase wrapped" || echo "supabase unwrapped")
      # Per-row helpers: measure on the subset first, on the full table only if that is fast.
      sql -c "SELECT bench_rls.policies('bench_rls.workout_supa', $wrapped)" \
          -c "SELECT bench_rls.policies('bench_rls.workout_supa_subset', $wrapped)" >/dev/null
      read -r sub_ms _ < <(run_ms "$(supa "$id")" "SELECT count(*) FROM bench_rls.workout_supa_subset $where")
      if awk -v s="$sub_ms" -v r="$ROWS" -v n="$SUBSET" -v lim="$SLOW_MS" 'BEGIN { exit !(s * r / n > lim) }'; then
        scaled=$(awk -v s="$sub_ms" -v r="$ROWS" -v n="$SUBSET" 'BEGIN { print s * r / n }')
        report "rls $actor $what: $label, ${SUBSET} rows x$((ROWS / SUBSET))" ms "$scaled" "$floor_ms" "literal predicate (floor)"
      else
        read -r supa_ms supa_n < <(run_ms "$(supa "$id")" "SELECT count(*) FROM bench_rls.workout_supa $where")
        check "$label ($actor, $what)" "$supa_n" "$floor_n"
        report "rls $actor $what: $label" ms "$supa_ms" "$floor_ms" "literal predicate (floor)"
      fi
    done
  done
done

# Last (it restarts the server, which empties its caches): the first planning with the
# library in shared_preload_libraries: a new backend's first fill is the
# cluster-wide copy another backend stored (src/identity/shared_authz.hpp). The bench
# cluster is restarted with the setting and then without it.
restart_preloading() {  # $1: shared_preload_libraries ('' for none)
  if [ -n "$1" ]; then sql -c "ALTER SYSTEM SET shared_preload_libraries = '$1'" >/dev/null
  else sql -c "ALTER SYSTEM RESET shared_preload_libraries" >/dev/null; fi
  pg_ctlcluster "${PGVERSION:-15}" regress restart
}
restart_preloading fitness
read -r pre_floor_first _ < <(plan_ms "$as_super" "SELECT count(*) FROM content.workout WHERE $(floor_pred "$USER_ID" "$USER_INST" "")")
read -r pre_ours_first _ < <(plan_ms "$(ours "$USER_ID")" "SELECT count(*) FROM content.workout")
restart_preloading ""
report "rls user readable: planning, new connection, preloaded" ms "$pre_ours_first" "$pre_floor_first" "literal predicate (floor), first query of a connection; target <= 2x"

sql >/dev/null <<'SQL'
SET session_replication_role = replica;
DELETE FROM content.workout WHERE name LIKE 'bench %';
DELETE FROM user_mgmt.coach_assignment WHERE institution_id IN (SELECT id FROM bench_rls.i);
DELETE FROM user_mgmt.user_role WHERE user_id IN (SELECT id FROM bench_rls.u);
DELETE FROM user_mgmt.institution_member WHERE user_id IN (SELECT id FROM bench_rls.u);
DELETE FROM user_mgmt.app_user WHERE id IN (SELECT id FROM bench_rls.u);
DELETE FROM user_mgmt.institution WHERE id IN (SELECT id FROM bench_rls.i);
DROP SCHEMA bench_rls CASCADE;
SQL

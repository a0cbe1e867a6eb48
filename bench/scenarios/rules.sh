#!/usr/bin/env bash
# Business rules:
#  - logging sets, INSERT INTO user_mgmt.user_set_log: with the set-log rules (C++,
#    fitness.set_log_check) against the floor, the same table with that trigger disabled
#    (stamp, audit and soft delete stay on, as in every variant), and against the same rules
#    as a PL/pgSQL trigger (bench/rules_reference.sql). pgbench single-row tps (1 client;
#    ROUNDS rounds, order rotated, median) and a 100k-row INSERT ... SELECT (median of 3).
#  - concurrent ratings: 4 pgbench clients as the application rate 10 workouts (INSERT ... ON
#    CONFLICT DO UPDATE of the score), with platform.rating_summary kept exact
#    (fitness.rating_summary_sync) against the same table with that trigger disabled.
#  - complete_session on a session of 30 sets with a two-year history of 20k sets of the same
#    exercises: median of 10 calls, each rolled back; against the goal of 5 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

SECONDS_PER_RUN=${RULES_BENCH_SECONDS:-8}
ROUNDS=${RULES_BENCH_ROUNDS:-3}
BULK=${RULES_BENCH_BULK:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sql -f rules_reference.sql >/dev/null
ids=$(sql -At <<'SQL'
INSERT INTO user_mgmt.app_user (display_name, email) VALUES ('Bench lifter', 'bench-rules@example.com') RETURNING id;
SQL
)
user=$ids
exercise=$(sql -At -c "INSERT INTO content.exercise (slug, name, owner_id, tracking_type) VALUES ('bench-rules-squat', 'Bench squat', '$user', 'reps_weight') RETURNING id")
session=$(sql -At -c "INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at) VALUES ('$user', 'in_progress', now()) RETURNING id")
sql -c "CREATE SEQUENCE IF NOT EXISTS bench_ref.set_index" \
    -c "CREATE TRIGGER bench_set_log_check_plpgsql BEFORE INSERT OR UPDATE ON user_mgmt.user_set_log FOR EACH ROW EXECUTE FUNCTION bench_ref.set_log_check()" \
    -c "ALTER TABLE user_mgmt.user_set_log DISABLE TRIGGER bench_set_log_check_plpgsql" >/dev/null

variant() {  # ours | floor | plpgsql: which rule trigger is on
  case $1 in
    ours)    sql -c "ALTER TABLE user_mgmt.user_set_log ENABLE TRIGGER set_log_check" -c "ALTER TABLE user_mgmt.user_set_log DISABLE TRIGGER bench_set_log_check_plpgsql" ;;
    floor)   sql -c "ALTER TABLE user_mgmt.user_set_log DISABLE TRIGGER set_log_check" -c "ALTER TABLE user_mgmt.user_set_log DISABLE TRIGGER bench_set_log_check_plpgsql" ;;
    plpgsql) sql -c "ALTER TABLE user_mgmt.user_set_log DISABLE TRIGGER set_log_check" -c "ALTER TABLE user_mgmt.user_set_log ENABLE TRIGGER bench_set_log_check_plpgsql" ;;
  esac >/dev/null
}
reset_log() { sql -c "TRUNCATE user_mgmt.user_set_log" >/dev/null; }

cat > "$work/insert.sql" <<SQL
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg)
VALUES ('$session', '$user', '$exercise', nextval('bench_ref.set_index'), 5, 100);
SQL
tps() {
  pgbench -n -c 1 -T "$SECONDS_PER_RUN" -f "$work/insert.sql" "$BENCH_DB" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}
bulk_ms() {
  reset_log
  time_ms "INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg)
           SELECT '$session', '$user', '$exercise', nextval('bench_ref.set_index'), 1 + g % 12, 20 + g % 180
             FROM generate_series(1, $BULK) g"
}
order() { case $(( $1 % 3 )) in 0) echo floor ours plpgsql ;; 1) echo ours plpgsql floor ;; *) echo plpgsql floor ours ;; esac; }
declare -A single bulk
for v in floor ours plpgsql; do single[$v]=""; bulk[$v]=""; done
for round in $(seq 1 "$ROUNDS"); do
  for v in $(order "$round"); do
    variant "$v"
    reset_log
    single[$v]="${single[$v]} $(tps)"
    bulk[$v]="${bulk[$v]} $(bulk_ms)"
  done
done
variant ours
reset_log
for v in floor ours plpgsql; do
  single[$v]=$(median ${single[$v]}); bulk[$v]=$(median ${bulk[$v]})
done
us() { awk -v t="$1" 'BEGIN { printf "%.1f", 1e6 / t }'; }  # microseconds per transaction
report "set log INSERT, 1 row/txn" us "$(us "${single[ours]}")" "$(us "${single[floor]}")" \
  "rule trigger disabled (floor; goal: at most 1.30)"
report "set log INSERT, 1 row/txn, PL/pgSQL rules" us "$(us "${single[plpgsql]}")" "$(us "${single[floor]}")" \
  "rule trigger disabled (floor)"
report "set log INSERT, 1 row/txn: rules overhead" us \
  "$(awk -v a="$(us "${single[ours]}")" -v b="$(us "${single[floor]}")" 'BEGIN { print a - b }')" \
  "$(awk -v a="$(us "${single[plpgsql]}")" -v b="$(us "${single[floor]}")" 'BEGIN { print a - b }')" \
  "the same rules in PL/pgSQL (goal: at most 0.50)"
report "set log INSERT ... SELECT $BULK rows" ms "${bulk[ours]}" "${bulk[floor]}" "rule trigger disabled (floor; goal: at most 1.30)"
report "set log INSERT ... SELECT $BULK rows, PL/pgSQL" ms "${bulk[plpgsql]}" "${bulk[floor]}" "rule trigger disabled (floor)"
report "set log bulk: rules overhead" ms "$(awk -v a="${bulk[ours]}" -v b="${bulk[floor]}" 'BEGIN { print a - b }')" \
  "$(awk -v a="${bulk[plpgsql]}" -v b="${bulk[floor]}" 'BEGIN { print a - b }')" "the same rules in PL/pgSQL (goal: at most 0.50)"
sql -c "DROP TRIGGER bench_set_log_check_plpgsql ON user_mgmt.user_set_log" >/dev/null

# Concurrent ratings: 50 raters, 10 workouts, 4 clients; ROUNDS rounds, order alternated.
sql >/dev/null <<'SQL'
INSERT INTO user_mgmt.app_user (id, display_name, email)
SELECT ('00000000-0000-7000-8000-0000000fa0' || lpad(i::text, 2, '0'))::uuid, 'Bench rater ' || i, 'bench-rater' || i || '@example.com'
  FROM generate_series(1, 50) i;
INSERT INTO content.workout (id, owner_id, name, visibility)
SELECT ('00000000-0000-7000-8000-0000000fa1' || lpad(i::text, 2, '0'))::uuid, NULL, 'Bench rated ' || i, 'public'
  FROM generate_series(1, 10) i;
SQL
cat > "$work/rate.sql" <<'SQL'
\set u random(1, 50)
\set w random(1, 10)
\set score random(1, 5)
BEGIN;
SELECT fitness.set_context(('00000000-0000-7000-8000-0000000fa0' || lpad((:u)::text, 2, '0'))::uuid);
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT fitness.current_user_id(), 'workout', ('00000000-0000-7000-8000-0000000fa1' || lpad((:w)::text, 2, '0'))::uuid,
       :score, rs.id FROM platform.rating_status rs WHERE rs.code = 'published'
ON CONFLICT (user_id, entity_type, entity_id) WHERE is_active DO UPDATE SET score = EXCLUDED.score;
COMMIT;
SQL
rating_tps() {
  pgbench -n -c 4 -j 2 -T "$SECONDS_PER_RUN" -f "$work/rate.sql" "$BENCH_DB" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}
rated=""; unrated=""
for round in $(seq 1 "$ROUNDS"); do
  for v in $( [ $((round % 2)) = 1 ] && echo with without || echo without with ); do
    if [ "$v" = with ]; then sql -c "ALTER TABLE platform.rating ENABLE TRIGGER rating_summary_sync" >/dev/null; rated="$rated $(rating_tps)"
    else sql -c "ALTER TABLE platform.rating DISABLE TRIGGER rating_summary_sync" >/dev/null; unrated="$unrated $(rating_tps)"; fi
  done
done
sql -c "ALTER TABLE platform.rating ENABLE TRIGGER rating_summary_sync" >/dev/null
report "ratings, 4 clients, exact summary" us "$(us "$(median $rated)")" "$(us "$(median $unrated)")" \
  "the summary trigger disabled (per transaction)"

# complete_session: 30 sets today over 20k sets in 700 sessions of the last two years.
lifter=$(sql -At -c "INSERT INTO user_mgmt.app_user (display_name, email) VALUES ('Bench history', 'bench-history@example.com') RETURNING id")
sql >/dev/null <<SQL
SET session_replication_role = replica;  -- bulk load of the history: no per-row triggers
CREATE TABLE bench_ref.history_exercises AS
SELECT fitness.uuid_generate_v7() AS id, g AS n FROM generate_series(1, 6) g;
INSERT INTO content.exercise (id, slug, name, owner_id, tracking_type)
SELECT id, 'bench-history-' || n, 'History exercise ' || n, '$lifter', 'reps_weight' FROM bench_ref.history_exercises;
CREATE TABLE bench_ref.history_sessions AS
SELECT fitness.uuid_generate_v7() AS id, now() - (g || ' days')::interval - interval '2 hours' AS started_at, g
  FROM generate_series(1, 700) g;
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at, ended_at, duration_s)
SELECT id, '$lifter', 'completed', started_at, started_at + interval '1 hour', 3600 FROM bench_ref.history_sessions;
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg, performed_at, estimated_one_rm_kg)
SELECT s.id, '$lifter', e.id, i, 3 + (i + s.g) % 8, 40 + (s.g % 60) + e.n * 5, s.started_at + i * interval '2 minutes',
       CASE WHEN 3 + (i + s.g) % 8 <= 10 THEN fitness.estimate_one_rm(40 + (s.g % 60) + e.n * 5, 3 + (i + s.g) % 8) END
  FROM bench_ref.history_sessions s
  JOIN LATERAL (SELECT generate_series(1, 29) AS i) x ON true
  JOIN bench_ref.history_exercises e ON e.n = 1 + x.i % 6;
RESET session_replication_role;
ANALYZE user_mgmt.user_set_log; ANALYZE user_mgmt.user_workout_session;
SQL
history=$(sql -At -c "SELECT count(*) FROM user_mgmt.user_set_log WHERE user_id = '$lifter'")
today=$(sql -At -c "INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at) VALUES ('$lifter', 'in_progress', now() - interval '1 hour') RETURNING id")
sql -c "INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg, performed_at)
        SELECT '$today', '$lifter', e.id, i, 5, 100 + i, now() - interval '1 hour' + i * interval '2 minutes'
          FROM generate_series(1, 30) i JOIN bench_ref.history_exercises e ON e.n = 1 + i % 6" >/dev/null
complete_ms=$(PGOPTIONS='-c client_min_messages=notice' sql -At 2>&1 <<SQL | sed -n 's/.*median \([0-9.]*\).*/\1/p'
DO \$\$
DECLARE t0 timestamptz; ms float8[] := '{}'; BEGIN
  PERFORM fitness.set_context('$lifter');
  FOR i IN 1..11 LOOP
    BEGIN
      t0 := clock_timestamp();
      PERFORM fitness.complete_session('$today');
      IF i > 1 THEN ms := ms || extract(epoch FROM clock_timestamp() - t0) * 1000; END IF;
      RAISE EXCEPTION 'roll back';
    EXCEPTION WHEN raise_exception THEN NULL;
    END;
  END LOOP;
  RAISE NOTICE 'median %', (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m) FROM unnest(ms) m);
END \$\$;
SQL
)
report "complete_session: 30 sets, $history in history" ms "$complete_ms" 5 "the goal (5 ms)"

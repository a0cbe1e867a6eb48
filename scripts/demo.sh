#!/usr/bin/env bash
# make demo: a local cluster in .demo/ on port 54329 with database fitness_demo holding the
# extension and the sample data of demo/sample.sql; prints the connection string.
# make demo-stop: stops that cluster. As root the server runs as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEMO_DIR="$ROOT/.demo"
DATA="$DEMO_DIR/data"
PORT=${FITNESS_DEMO_PORT:-54329}
BIN=$(pg_config --bindir)

as_owner() {  # run a command as the cluster owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  stop)
    if [ -f "$DATA/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast stop; else echo "demo cluster not running"; fi
    exit 0 ;;
  start) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

bash scripts/install-deps.sh
make -s
if [ "$(id -u)" -eq 0 ]; then make -s install; else sudo -n make -s install; fi

mkdir -p "$DEMO_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres: "$DEMO_DIR"
if [ ! -f "$DATA/PG_VERSION" ]; then
  as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$DATA/postgresql.conf" <<CONF
port = $PORT
listen_addresses = 'localhost'
unix_socket_directories = '$DEMO_DIR'
shared_preload_libraries = 'pg_cron'
cron.database_name = 'fitness_demo'
CONF
fi
if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DEMO_DIR/server.log" -w start >/dev/null
fi

export PGHOST=localhost PGPORT=$PORT PGUSER=postgres
# A fresh database each time, so the demo always shows the extension as just built.
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS fitness_demo WITH (FORCE)" -c "CREATE DATABASE fitness_demo"
psql -X -q -v ON_ERROR_STOP=1 -d fitness_demo -c "CREATE EXTENSION fitness CASCADE" -f demo/sample.sql
# Sessions of the demo database load the library at start: DELETE reports soft-deleted rows
# and RETURNING returns them (README, "Soft delete"; fitness.soft_delete_mode() tells).
psql -X -q -d fitness_demo -c "ALTER DATABASE fitness_demo SET session_preload_libraries = 'fitness'"
# The real exercise libraries, read in place when they are there (free-exercise-db, then
# wger with its 22 languages); the demo's 30 sample exercises otherwise.
LIBRARIES=$(cd "$ROOT/../shared/data" 2>/dev/null && pwd) || LIBRARIES=""
if [ -n "$LIBRARIES" ] && [ -f "$LIBRARIES/free-exercise-db/exercises.json" ] && [ -f "$LIBRARIES/wger/translations.json" ]; then
  echo "importing the exercise libraries of $LIBRARIES ..."
  w="$LIBRARIES/wger"
  psql -X -q -v ON_ERROR_STOP=1 -d fitness_demo <<SQL
\\set fed \`cat '$LIBRARIES/free-exercise-db/exercises.json'\`
SELECT fitness.import_exercises(:'fed'::jsonb, 'free-exercise-db') AS "free-exercise-db records";
\\set e \`cat '$w/exercise-base-data.json'\`
\\set t \`cat '$w/translations.json'\`
\\set l \`cat '$w/languages.json'\`
\\set m \`cat '$w/muscles.json'\`
\\set q \`cat '$w/equipment.json'\`
\\set c \`cat '$w/categories.json'\`
\\set k \`cat '$w/licenses.json'\`
SELECT fitness.import_exercises(jsonb_build_object('exercises', :'e'::jsonb, 'translations', :'t'::jsonb,
  'languages', :'l'::jsonb, 'muscles', :'m'::jsonb, 'equipment', :'q'::jsonb,
  'categories', :'c'::jsonb, 'licenses', :'k'::jsonb), 'wger') AS "wger records";
SQL
else
  echo "(the exercise libraries, ../shared/data next to this clone, are absent: the 30 sample exercises only)"
fi
# The logs' dated partitions (and the rows written so far moved into them), then the hourly
# maintenance job (pg_cron is preloaded for this database above).
psql -X -q -v ON_ERROR_STOP=1 -d fitness_demo -c "CREATE EXTENSION IF NOT EXISTS pg_cron" \
  -c "SELECT count(*) AS \"partition maintenance actions\" FROM fitness.run_maintenance()" \
  -c "SELECT fitness.schedule_maintenance() AS \"pg_cron job of fitness.run_maintenance()\""
psql -X -d fitness_demo -c "SELECT (SELECT count(*) FROM content.exercise) AS exercises,
  (SELECT count(DISTINCT language_code) FROM platform.translation WHERE entity_type = 'exercise') AS exercise_languages,
  (SELECT count(*) FROM user_mgmt.institution) AS institutions,
  (SELECT count(*) FROM user_mgmt.app_user) AS users,
  (SELECT count(*) FROM content.workout) AS workouts,
  (SELECT count(*) FROM user_mgmt.user_workout_session) AS sessions,
  (SELECT count(*) FROM user_mgmt.user_set_log) AS set_logs"
echo
echo "fitness demo is running. Connect with:"
echo "  psql postgresql://postgres@localhost:$PORT/fitness_demo"
echo "Stop it with: make demo-stop"

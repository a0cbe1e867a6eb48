#!/usr/bin/env bash
# Internationalisation on a hot standby (pg_basebackup, streaming): translate(), message()
# and cached_translation() answer from per-backend caches there too, and the invalidations
# replayed from the primary's commits end them in a session that stays open; on the standby
# a cache miss returns NULL and writes nothing (no request, no error).
# TAP output, for prove.
set -euo pipefail
cd "$(dirname "$0")"
source ../../lib/cluster.sh

echo "1..10"
n=0
check() {  # DESCRIPTION EXPECTED ACTUAL
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
E=00000000-0000-7000-8000-00000a180001

cluster_start primary
cluster_psql primary -c "CREATE EXTENSION fitness CASCADE" >/dev/null
cluster_psql primary >/dev/null <<SQL
INSERT INTO content.exercise (id, slug, name, visibility, status)
VALUES ('$E', 'standby-squat', 'Standby squat', 'public', 'published');
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('exercise', '$E', 'name', 'de', 'Kniebeuge eins');
INSERT INTO platform.ui_message (key, language_code, text) VALUES ('standby.hello', 'de', 'Hallo {name}');
SELECT fitness.store_translation('Brace your core', 'en', 'de', 'Spanne den Rumpf an', 'manual');
SQL
cluster_standby primary standby
cluster_wait_replay primary standby

session_open reader standby
translate_sql="SELECT fitness.translate('exercise', '$E', 'name', 'de-AT') || ' / ' || fitness.message('standby.hello', 'de-CH', '{\"name\": \"Ana\"}')"
check "the standby answers translate() and message()" "Kniebeuge eins / Hallo Ana" "$(session_run reader "$translate_sql")"
check "a second call there is a cache hit" "t" \
  "$(session_run reader "SELECT fitness.translate('exercise', '$E', 'name', 'de') IS NOT NULL; SELECT hits > 0 FROM fitness.cache_stats() WHERE cache_name = 'translate'")"

cluster_psql primary >/dev/null <<SQL
UPDATE platform.translation SET value = 'Kniebeuge zwei' WHERE entity_id = '$E';
UPDATE platform.ui_message SET text = 'Servus {name}' WHERE key = 'standby.hello';
SQL
cluster_wait_replay primary standby
check "a commit on the primary, replayed, ends the standby session's cached texts" \
  "Kniebeuge zwei / Servus Ana" "$(session_run reader "$translate_sql")"
check "invalidations were counted there" "t" \
  "$(session_run reader "SELECT invalidations > 0 FROM fitness.cache_stats() WHERE cache_name = 'translate'")"

check "cached_translation hits on the standby" "Spanne den Rumpf an" \
  "$(session_run reader "SELECT fitness.cached_translation('Brace your core', 'en', 'de')")"
check "a miss on the standby returns NULL, without an error" "t" \
  "$(session_run reader "SELECT fitness.cached_translation('Breathe out on the way up', 'en', 'de') IS NULL")"
cluster_wait_replay primary standby
check "and queued nothing on the primary" "0" \
  "$(cluster_psql primary -c "SELECT count(*) FROM platform.translation_request")"

cluster_psql primary -c "SELECT fitness.store_translation('Brace your core', 'en', 'de', 'Rumpf fest anspannen', 'manual')" >/dev/null
cluster_wait_replay primary standby
check "a corrected translation on the primary reaches the standby session" "Rumpf fest anspannen" \
  "$(session_run reader "SELECT fitness.cached_translation('Brace your core', 'en', 'de')")"
check "search works on the standby (read-only)" "Kniebeuge zwei" \
  "$(session_run reader "SELECT name FROM fitness.search_exercises('Kniebeuge', 'de', 1)")"
check "flushing metrics on the standby is refused with its reason" "25006" \
  "$(session_run reader "\\set ON_ERROR_STOP off
SELECT fitness.flush_cache_metrics();
SELECT :'LAST_ERROR_SQLSTATE'")"
session_close reader

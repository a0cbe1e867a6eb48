#!/usr/bin/env bash
# Internationalisation:
#  - translate() cache hits, pt-BR -> pt -> en over 10k exercises (a pt name each), against
#    bench/translate_reference.sql (a SQL function with a recursive CTE over the chain);
#    as the superuser, and as fitness_app with a context (the reference under RLS);
#  - cached_translation() hits over 10k stored texts, against a SQL look-up of the digest;
#    the miss path (queue a request, NOTIFY) per call;
#  - search_exercises() over the real libraries (../shared/data, imported here, with their
#    import times): median and p95 of 100 queries in en, de and pt, a third with a typo.
# Per-call figures: N calls in one statement minus the same statement without the call,
# median of 5.
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

N=${I18N_BENCH_CALLS:-10000}
ROUNDS=${I18N_BENCH_ROUNDS:-5}
sql -f translate_reference.sql >/dev/null
sql >/dev/null <<SQL
SET session_replication_role = replica;  -- bulk load: no audit rows, no per-row triggers
CREATE TABLE IF NOT EXISTS bench_ref.exercise_ids AS SELECT fitness.uuid_generate_v7() AS id FROM generate_series(1, $N);
INSERT INTO content.exercise (id, slug, name, visibility, status)
SELECT id, 'bench-i18n-' || row_number() OVER (), 'Bench exercise ' || row_number() OVER (), 'public', 'published'
  FROM bench_ref.exercise_ids;
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
SELECT 'exercise', id, 'name', 'pt', 'Exercício ' || row_number() OVER () FROM bench_ref.exercise_ids;
CREATE TABLE bench_ref.texts AS SELECT 'Bench sentence number ' || g AS t FROM generate_series(1, $N) g;
INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider)
SELECT sha256(convert_to('en' || E'\n' || t, 'UTF8')), 'en', 'de', t, 'Satz ' || t, 'manual' FROM bench_ref.texts;
RESET session_replication_role;
ANALYZE content.exercise; ANALYZE platform.translation; ANALYZE platform.translation_cache;
SQL
app_user=$(sql -At -c "INSERT INTO user_mgmt.app_user (display_name, email) VALUES ('Bench i18n', 'bench-i18n@example.com') RETURNING id")

# ms of one statement in a session that first ran `warm` (fills the caches), optionally as
# the app with a context.
timed() {  # $1 = select list over ids.id / texts.t, $2 = from, $3 = as_app (0|1)
  local prelude=""
  [ "$3" = 1 ] && prelude="SELECT fitness.set_context('$app_user', NULL, false); SET ROLE fitness_app;"
  printf '%s\n' "$prelude" "SELECT count($1) FROM $2;" '\timing on' "SELECT count($1) FROM $2;" |
    sql -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}
per_call() {  # $1 = expression, $2 = baseline expression, $3 = from, $4 = as_app
  local runs=() a b
  for _ in $(seq 1 "$ROUNDS"); do
    a=$(timed "$1" "$3" "$4"); b=$(timed "$2" "$3" "$4")
    runs+=("$(awk -v a="$a" -v b="$b" -v n="$N" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }')")
  done
  median "${runs[@]}"
}
sql -c "GRANT USAGE ON SCHEMA bench_ref TO fitness_app; GRANT SELECT ON ALL TABLES IN SCHEMA bench_ref TO fitness_app;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bench_ref TO fitness_app" >/dev/null

ids="bench_ref.exercise_ids ids"
ours=$(per_call "fitness.translate('exercise', ids.id, 'name', 'pt-BR')" "ids.id" "$ids" 0)
ref=$(per_call "bench_ref.translate('exercise', ids.id, 'name', 'pt-BR')" "ids.id" "$ids" 0)
report "translate: hit, pt-BR -> pt, per call" us "$ours" "$ref" "SQL function, recursive CTE; goal >= 10x, <= 2 us"
ours=$(per_call "fitness.translate('exercise', ids.id, 'name', 'pt-BR')" "ids.id" "$ids" 1)
ref=$(per_call "bench_ref.translate('exercise', ids.id, 'name', 'pt-BR')" "ids.id" "$ids" 1)
report "translate: hit, as fitness_app with context" us "$ours" "$ref" "the same SQL function under RLS"

texts="bench_ref.texts texts"
ours=$(per_call "fitness.cached_translation(texts.t, 'en', 'de')" "texts.t" "$texts" 0)
ref=$(per_call "bench_ref.cached_translation(texts.t, 'en', 'de')" "texts.t" "$texts" 0)
report "cached_translation: hit, per call" us "$ours" "$ref" "SQL look-up of the digest; goal <= 3 us"
# The miss path: every text new (a look-up, one queued request, NOTIFY), then removed.
miss_ms=$(sql -At -c "\\timing on" -c "SELECT count(fitness.cached_translation('Never seen ' || g, 'en', 'fr')) FROM generate_series(1, $N) g" |
  sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
base_ms=$(time_ms "SELECT count(('Never seen ' || g)) FROM generate_series(1, $N) g")
miss=$(awk -v a="$miss_ms" -v b="$base_ms" -v n="$N" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }')
report "cached_translation: miss (queue + NOTIFY)" us "$miss" 0 "no reference: the cost of a miss"
sql -c "DELETE FROM platform.translation_request WHERE source_text LIKE 'Never seen %'" >/dev/null

# The search and the imports run on the real libraries alone: the synthetic rows go.
sql >/dev/null <<'SQL'
SET session_replication_role = replica;
DELETE FROM platform.translation WHERE entity_id IN (SELECT id FROM bench_ref.exercise_ids);
DELETE FROM content.exercise WHERE id IN (SELECT id FROM bench_ref.exercise_ids);
DELETE FROM platform.translation_cache WHERE source_text LIKE 'Bench sentence number %';
SQL
data=$(cd ../../shared/data 2>/dev/null && pwd) || data=""
if [ -z "$data" ] || [ ! -f "$data/free-exercise-db/exercises.json" ]; then
  echo "search_exercises: skipped (the real exercise data, ../shared/data, is absent)"
  exit 0
fi
import_ms() {  # $1 = format, $2 = psql lines defining :src
  { echo "$2"; echo '\timing on'; echo "SELECT fitness.import_exercises(:'src'::jsonb, '$1');"; } |
    sql -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}
fed_ms=$(import_ms free-exercise-db "\\set src \`cat '$data/free-exercise-db/exercises.json'\`")
w="$data/wger"
wger_ms=$(import_ms wger "\\set e \`cat '$w/exercise-base-data.json'\`
\\set t \`cat '$w/translations.json'\`
\\set l \`cat '$w/languages.json'\`
\\set m \`cat '$w/muscles.json'\`
\\set q \`cat '$w/equipment.json'\`
\\set c \`cat '$w/categories.json'\`
\\set k \`cat '$w/licenses.json'\`
SELECT jsonb_build_object('exercises', :'e'::jsonb, 'translations', :'t'::jsonb, 'languages', :'l'::jsonb, 'muscles', :'m'::jsonb, 'equipment', :'q'::jsonb, 'categories', :'c'::jsonb, 'licenses', :'k'::jsonb) AS src \\gset")
report "import: free-exercise-db (873 records)" ms "$fed_ms" 0 "no reference: load time of the real file"
report "import: wger (872 exercises, 2035 texts)" ms "$wger_ms" 0 "no reference: load time of the real files"

# 100 queries: names of the imported exercises in en, de and pt (a word or two of each),
# every third with one letter dropped; each timed alone, as fitness_app with a context.
sql -At >"$(dirname "$0")/../results/i18n_queries.txt" <<'SQL'
WITH picked AS (
  SELECT d.language_code, d.name, row_number() OVER (PARTITION BY d.language_code ORDER BY md5(d.name)) AS k
    FROM fitness.exercise_search_document d
   WHERE d.language_code IN ('en', 'de', 'pt') AND d.name IS NOT NULL AND d.name NOT LIKE 'Bench exercise%'
)
SELECT language_code || '|' ||
       CASE WHEN k % 3 = 0 THEN overlay(w PLACING '' FROM greatest(2, length(w) / 2) FOR 1) ELSE w END
  FROM (SELECT language_code, k, split_part(regexp_replace(name, '[^[:alnum:] ]', ' ', 'g'), ' ', 1)
               || ' ' || split_part(regexp_replace(name, '[^[:alnum:] ]', ' ', 'g'), ' ', 2) AS w
          FROM picked WHERE k <= 34) x
 ORDER BY k, language_code LIMIT 100;
SQL
queries="$(dirname "$0")/../results/i18n_queries.txt"
{
  echo "SELECT fitness.set_context('$app_user', NULL, false);"
  echo "SET ROLE fitness_app;"
  echo "SELECT count(*) FROM fitness.search_exercises('warm up', 'en');"
  echo '\timing on'
  while IFS='|' read -r lang query; do
    printf "SELECT count(*) FROM fitness.search_exercises('%s', '%s');\n" "${query//\'/\'\'}" "$lang"
  done <"$queries"
} | sql -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -g >"$queries.ms"
median_ms=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' "$queries.ms")
p95_ms=$(awk '{a[NR]=$1} END {print a[int(NR*0.95+0.5)]}' "$queries.ms")
count=$(wc -l <"$queries.ms")
report "search_exercises: median of $count queries" ms "$median_ms" 5 "goal p95 <= 5 ms (en, de, pt; a third with a typo)"
report "search_exercises: p95 of $count queries" ms "$p95_ms" 5 "goal p95 <= 5 ms"
rm -f "$queries" "$queries.ms"

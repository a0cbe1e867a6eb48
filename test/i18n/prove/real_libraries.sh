#!/usr/bin/env bash
# The real exercise libraries (free-exercise-db and wger, read in place from ../shared/data,
# never copied): both imports, re-imports that change nothing, the same merges in either
# order, a corrupted record refused by position with nothing imported, and search over the
# result in English, German and Portuguese with typos. Skips when the data is absent.
# TAP output, for prove. Connects with libpq's environment; its databases are its own.
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=$(cd ../shared/data 2>/dev/null && pwd) || data=""
if [ -z "$data" ] || [ ! -f "$data/free-exercise-db/exercises.json" ] || [ ! -f "$data/wger/translations.json" ]; then
  echo "1..0 # SKIP the exercise data (../shared/data from the project root) is absent"
  exit 0
fi

echo "1..16"
n=0
check() {  # DESCRIPTION EXPECTED ACTUAL
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
for db in fitness_real_a fitness_real_b; do
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  psql -X -q -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION fitness CASCADE"
done
# psql with the two sources in variables :'fed' and :'wger' (built from wger's fixtures).
q() {  # DB SQL
  local db=$1; shift
  { cat <<PSQL
\\set fed \`cat '$data/free-exercise-db/exercises.json'\`
\\set w_exercises \`cat '$data/wger/exercise-base-data.json'\`
\\set w_translations \`cat '$data/wger/translations.json'\`
\\set w_languages \`cat '$data/wger/languages.json'\`
\\set w_muscles \`cat '$data/wger/muscles.json'\`
\\set w_equipment \`cat '$data/wger/equipment.json'\`
\\set w_categories \`cat '$data/wger/categories.json'\`
\\set w_licenses \`cat '$data/wger/licenses.json'\`
SET client_min_messages = warning;
CREATE TEMP VIEW wger AS SELECT jsonb_build_object('exercises', :'w_exercises'::jsonb,
  'translations', :'w_translations'::jsonb, 'languages', :'w_languages'::jsonb,
  'muscles', :'w_muscles'::jsonb, 'equipment', :'w_equipment'::jsonb,
  'categories', :'w_categories'::jsonb, 'licenses', :'w_licenses'::jsonb) AS source;
CREATE TEMP VIEW fed AS SELECT :'fed'::jsonb AS source;
PSQL
    echo "$*"; } | psql -X -q -At -d "$db" 2>&1
}
counts="SELECT (SELECT count(*) FROM content.exercise) || '/' || (SELECT count(*) FROM platform.translation)
  || '/' || (SELECT count(*) FROM content.exercise_alias) || '/' || (SELECT count(*) FROM platform.audit_log);"

check "free-exercise-db: every record loaded" "873" \
  "$(q fitness_real_a "SELECT fitness.import_exercises(source, 'free-exercise-db') FROM fed;")"
check "wger: every record loaded" "872" \
  "$(q fitness_real_a "SELECT fitness.import_exercises(source, 'wger') FROM wger;")"
check "one exercise per certain match: 873 + 872 - merged" "t" \
  "$(q fitness_real_a "SELECT count(*) = 873 + 872 - (SELECT count(*) FROM (SELECT exercise_id FROM fitness.exercise_import GROUP BY 1 HAVING count(*) = 2) m) FROM content.exercise;")"
before=$(q fitness_real_a "$counts")
q fitness_real_a "SELECT fitness.import_exercises(source, 'free-exercise-db') FROM fed; SELECT fitness.import_exercises(source, 'wger') FROM wger;" >/dev/null
check "re-importing both changes nothing (exercises/translations/aliases/audit rows)" "$before" "$(q fitness_real_a "$counts")"
check "wger's languages arrive as translations (languages with a name)" "t" \
  "$(q fitness_real_a "SELECT count(DISTINCT language_code) >= 20 FROM platform.translation WHERE field = 'name';")"
check "HTML is reduced to text" "0" \
  "$(q fitness_real_a "SELECT count(*) FROM platform.translation WHERE value ~ '<[a-z/]' OR value ~ '&(nbsp|amp);';")"
check "licenses and authors are kept" "t" \
  "$(q fitness_real_a "SELECT bool_and(license_code IS NOT NULL) AND count(*) FILTER (WHERE license_author IS NOT NULL) > 700 FROM fitness.exercise_import WHERE source = 'wger';")"
merged_a=$(q fitness_real_a "SELECT count(*) FROM (SELECT exercise_id FROM fitness.exercise_import GROUP BY 1 HAVING count(*) = 2) m;")
q fitness_real_b "SELECT fitness.import_exercises(source, 'wger') FROM wger; SELECT fitness.import_exercises(source, 'free-exercise-db') FROM fed;" >/dev/null
check "the other order merges the same exercises" "$merged_a" \
  "$(q fitness_real_b "SELECT count(*) FROM (SELECT exercise_id FROM fitness.exercise_import GROUP BY 1 HAVING count(*) = 2) m;")"
check "and ends with as many exercises" "$(q fitness_real_a "SELECT count(*) FROM content.exercise;")" \
  "$(q fitness_real_b "SELECT count(*) FROM content.exercise;")"

before=$(q fitness_real_a "$counts")
check "a corrupted free-exercise-db record is refused by its position" "1" \
  "$(q fitness_real_a "SELECT fitness.import_exercises(jsonb_set(source, '{2,name}', 'null'), 'free-exercise-db') FROM fed;" | grep -c '^ERROR:  record 3 (id [^)]*): name is null$')"
check "a corrupted wger translation too" "1" \
  "$(q fitness_real_a "SELECT fitness.import_exercises(jsonb_set(source, '{translations,4,fields,language}', '999'), 'wger') FROM wger;" | grep -c '^ERROR:  translations record 5 (pk [0-9]*): language 999 is not in languages$')"
check "nothing of either was imported" "$before" "$(q fitness_real_a "$counts")"

check "English with a typo" "t" "$(q fitness_real_a "SELECT bool_and(name ILIKE '%bench press%') FROM fitness.search_exercises('bench pres', 'en', 5);")"
check "German with a typo (Kniebeuge)" "t" "$(q fitness_real_a "SELECT bool_and(name ILIKE '%kniebeuge%') FROM fitness.search_exercises('Knibeuge', 'de-AT', 5);")"
check "Portuguese with a typo (agachamento)" "t" "$(q fitness_real_a "SELECT bool_or(name ILIKE '%agachamento%') FROM fitness.search_exercises('agachamnto', 'pt-BR', 3);")"
check "German search ranks exact names first" "t" "$(q fitness_real_a "SELECT name ILIKE '%bankdrücken%' FROM fitness.search_exercises('Bankdrücken', 'de', 1);")"
for db in fitness_real_a fitness_real_b; do psql -X -q -d postgres -c "DROP DATABASE $db"; done

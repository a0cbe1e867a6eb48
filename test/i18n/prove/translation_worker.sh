#!/usr/bin/env bash
# The translation worker example (examples/translation-worker/worker.py) end to end, against
# the suite's cluster: a cache miss queues a request and notifies; the worker, acting as
# fitness_service, receives the request id, translates with its fake provider and stores;
# the next look-up is a hit; a second miss of the same text is not queued twice.
# TAP output, for prove. Connects with libpq's environment; FITNESS_TEST_DB names the database.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export PGDATABASE=${FITNESS_TEST_DB:-fitness_test}
work=$(mktemp -d)
trap 'kill "${worker_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "1..7"
n=0
check() {  # DESCRIPTION EXPECTED ACTUAL
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

text="Lower the bar to mid-chest ($$-$RANDOM)"  # new in every run
/usr/bin/python3 examples/translation-worker/worker.py --role fitness_service --idle-exit 20 --max-requests 1 \
  >"$work/worker.out" 2>"$work/worker.err" &
worker_pid=$!
for _ in $(seq 1 300); do grep -q "^listening" "$work/worker.out" && break; sleep 0.1; done

check "a miss returns NULL" "t" "$(q "SELECT fitness.cached_translation('$text', 'en', 'pt-BR') IS NULL")"
request=$(q "SELECT id FROM platform.translation_request WHERE source_text = '$text' AND target_lang = 'pt-BR'")
check "the same miss again queues nothing more" "1" \
  "$(q "SELECT fitness.cached_translation('$text', 'en', 'pt-BR') IS NULL; SELECT count(*) FROM platform.translation_request WHERE source_text = '$text'" | tail -1)"

got=""
for _ in $(seq 1 300); do
  got=$(q "SELECT fitness.cached_translation('$text', 'en', 'pt-BR')")
  [ -n "$got" ] && break
  sleep 0.1
done
check "the worker's translation is a hit" "[pt-BR] $text" "$got"
wait "$worker_pid" || true
check "the worker was notified with the request id" "1" "$(grep -c "^notified $request\$" "$work/worker.out" || true)"
check "the worker stored it as a member of fitness_service" "1" "$(grep -c "^stored $request pt-BR: " "$work/worker.out" || true)"
check "the request is done, once attempted" "done|1" \
  "$(q "SELECT status || '|' || attempts FROM platform.translation_request WHERE id = '$request'")"
check "the cache row names the provider" "manual" \
  "$(q "SELECT provider FROM platform.translation_cache WHERE source_text = '$text' AND target_lang = 'pt-BR'")"
sed "s/^/# worker: /" "$work/worker.out" "$work/worker.err"
exit 0

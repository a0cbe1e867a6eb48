#!/usr/bin/env bash
# The outbox consumer example (examples/outbox-consumer/consumer.py) end to end, against the
# suite's cluster, acting as fitness_service: an event written before it started is drained
# on start; an event committed later is notified (its id) and handled once; an event whose
# transaction rolled back is neither stored, notified nor handled; every handled event has
# processed_at set (--no-poll: the committed event reaches it by its notification only).
# A second consumer started afterwards, polling, finds nothing left.
# TAP output, for prove. Connects with libpq's environment; FITNESS_TEST_DB names the database.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export PGDATABASE=${FITNESS_TEST_DB:-fitness_test}
work=$(mktemp -d)
trap 'kill "${consumer_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "1..9"
n=0
check() {  # DESCRIPTION EXPECTED ACTUAL
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
tag="outbox_$$_$RANDOM"  # new in every run

# Whatever earlier suites left unprocessed is this consumer's too; mark it so counts are ours.
q "UPDATE platform.system_event SET processed_at = now() WHERE processed_at IS NULL"
before=$(q "SELECT fitness.emit_event('test.before_start', 'outbox_test', NULL, '{\"tag\": \"$tag\"}')")

/usr/bin/python3 examples/outbox-consumer/consumer.py --role fitness_service --idle-exit 20 --max-events 2 --no-poll \
  >"$work/consumer.out" 2>"$work/consumer.err" &
consumer_pid=$!
for _ in $(seq 1 300); do grep -q "^listening" "$work/consumer.out" && break; sleep 0.1; done

rolled=$(q "BEGIN; SELECT fitness.emit_event('test.rolled_back', 'outbox_test', NULL, '{\"tag\": \"$tag\"}'); ROLLBACK;")
committed=$(q "SELECT fitness.emit_event('test.committed', 'outbox_test', NULL, '{\"tag\": \"$tag\"}')")
for _ in $(seq 1 300); do grep -q "^handled $committed" "$work/consumer.out" && break; sleep 0.1; done
wait "$consumer_pid" || true

check "the event written before the consumer started is handled (catch-up)" "1" \
  "$(grep -c "^handled $before test.before_start outbox_test None {\"tag\": \"$tag\"}\$" "$work/consumer.out" || true)"
check "the committed event is notified with its id" "1" "$(grep -c "^notified $committed\$" "$work/consumer.out" || true)"
check "the committed event is handled once" "1" "$(grep -c "^handled $committed " "$work/consumer.out" || true)"
check "the rolled-back event is not stored" "0" "$(q "SELECT count(*) FROM platform.system_event WHERE id = '$rolled'")"
check "the rolled-back event is never notified" "0" "$(grep -c "$rolled" "$work/consumer.out" || true)"
check "both handled events are marked processed" "2" \
  "$(q "SELECT count(*) FROM platform.system_event WHERE payload->>'tag' = '$tag' AND processed_at IS NOT NULL")"
check "the consumer handled two events" "exiting after 2 events" "$(tail -1 "$work/consumer.out")"
# fitness_service may mark events, not change them
check "fitness_service cannot rewrite an event" "1" \
  "$(psql -X -q -At -c "SET ROLE fitness_service; UPDATE platform.system_event SET payload = '{}' WHERE id = '$committed'" 2>&1 | grep -c "permission denied for table system_event" || true)"
/usr/bin/python3 examples/outbox-consumer/consumer.py --role fitness_service --idle-exit 1 >"$work/second.out" 2>&1
check "a second consumer finds nothing left" "exiting after 0 events" "$(tail -1 "$work/second.out")"
sed "s/^/# consumer: /" "$work/consumer.out" "$work/consumer.err"
exit 0

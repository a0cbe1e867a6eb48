#!/usr/bin/env bash
# A token passed as a SQL literal must not reach the server log when authenticate fails
# (the failing statement's text is what log_min_error_statement would log), nor any error
# message the client sees. Reads the log file of the pg_virtualenv cluster the suites run
# in. TAP output, for prove.
set -euo pipefail
DB=${FITNESS_TEST_DB:-fitness_test}
log="$(dirname "${PG_CLUSTER_CONF_ROOT:-/nonexistent/x}")/log/postgresql-${PGVERSION:-15}-regress.log"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "1..4"
n=0
tap() {
  n=$((n + 1))
  if [ "$1" = 1 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -n "${3:-}" ] && sed 's/^/# /' "$3"; fi
  return 0
}
if [ ! -r "$log" ]; then
  for i in 1 2 3 4; do tap 0 "the server log of the test cluster is readable ($log)"; done
  exit 0
fi

marker=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
# A control: an ordinary failing statement is logged with its text, so the log is the one
# the server writes to and log_min_error_statement is on.
psql -X -q -d "$DB" -c "SELECT 'control-$marker'::integer" > /dev/null 2>&1 || true
grep -q "control-$marker" "$log" && ok=1 || ok=0
tap $ok "control: a failing statement's text is in the server log"

# A malformed token and a well-formed one with a bad signature, as literals.
header=$(printf '{"alg":"HS256"}' | base64 -w0 | tr '+/' '-_' | tr -d '=')
payload=$(printf '{"sub":"secret-%s","exp":9999999999}' "$marker" | base64 -w0 | tr '+/' '-_' | tr -d '=')
for token in "garbage-token-$marker" "$header.$payload.c2lnbmF0dXJl$marker"; do
  psql -X -q -d "$DB" -c "SET ROLE fitness_app" -c "SELECT fitness.authenticate('$token')" > "$work/client.log" 2>&1 || true
done
grep -q "28000\|authentication failed" "$work/client.log" && failed=1 || failed=0
tap $failed "authenticate with the bad tokens failed (28000)" "$work/client.log"
if grep -q "$marker" "$log"; then
  grep "$marker" "$log" | grep -v "control-$marker" > "$work/leak.log" || true
  [ -s "$work/leak.log" ] && ok=0 || ok=1
else
  ok=1
fi
tap $ok "the tokens do not appear in the server log" "$work/leak.log"
grep -q "c2lnbmF0dXJl$marker\|garbage-token-$marker" "$work/client.log" && ok=0 || ok=1
tap $ok "nor in the error the client sees" "$work/client.log"

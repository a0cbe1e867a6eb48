#!/usr/bin/env bash
# pg_regress and the isolation tester, one suite per capability folder test/<capability>/:
#   sql/*.sql + expected/*.out      pg_regress, in the order of test/<capability>/schedule
#                                   when the folder has one, else alphabetical
#   specs/*.spec + expected/*.out   the isolation tester, alphabetical
# Runs against the server that libpq's environment (PGHOST, PGPORT, PGUSER) names, as
# make installcheck does. Usage: scripts/run-regress.sh [capability ...] (default: all).
# Each suite gets databases of its own, created afresh, with pg_trgm and fitness installed,
# except test/extension/, whose tests are CREATE, DROP and ALTER EXTENSION themselves.
# Results and diffs: results/<capability>/{regress,isolation}/.
set -uo pipefail
cd "$(dirname "$0")/.."

pgxs_dir="$(dirname "$(pg_config --pgxs)")/.."
bindir="$(pg_config --bindir)"
# Extensions a suite's database starts with; the one without them is named here.
preload=(--load-extension=pg_trgm --load-extension=fitness)
fresh_database_suite=extension

if [ $# -gt 0 ]; then
  suites=("$@")
else
  # test/extension/ first: it installs into a cluster where the extension never was.
  mapfile -t suites < <(find test -mindepth 1 -maxdepth 1 -type d -printf '%f\n' |
    sort | awk -v first="$fresh_database_suite" '$0 == first { print; next } { rest[++n] = $0 }
      END { for (i = 1; i <= n; i++) print rest[i] }')
fi

status=0
failed=()
for suite in "${suites[@]}"; do
  dir="test/$suite"
  [ -d "$dir" ] || { echo "no test folder $dir" >&2; status=1; failed+=("$suite"); continue; }
  opts=()
  [ "$suite" = "$fresh_database_suite" ] || opts=("${preload[@]}")
  out="results/$suite"
  rm -rf "$out"

  if compgen -G "$dir/sql/*.sql" >/dev/null; then
    if [ -f "$dir/schedule" ]; then
      tests=(--schedule="$dir/schedule")
    else
      mapfile -t tests < <(find "$dir/sql" -name '*.sql' -printf '%f\n' | sed 's/\.sql$//' | sort)
    fi
    echo "-- $suite: pg_regress"
    mkdir -p "$out/regress"
    if ! "$pgxs_dir/test/regress/pg_regress" --inputdir="$dir" --outputdir="$out/regress" \
      --bindir="$bindir" --dbname="fitness_regress_$suite" "${opts[@]}" "${tests[@]}"; then
      status=1; failed+=("$suite (pg_regress)")
      [ -f "$out/regress/regression.diffs" ] && head -200 "$out/regress/regression.diffs"
    fi
  fi

  if compgen -G "$dir/specs/*.spec" >/dev/null; then
    mapfile -t specs < <(find "$dir/specs" -name '*.spec' -printf '%f\n' | sed 's/\.spec$//' | sort)
    echo "-- $suite: isolation tester"
    mkdir -p "$out/isolation"
    if ! "$pgxs_dir/test/isolation/pg_isolation_regress" --inputdir="$dir" \
      --outputdir="$out/isolation" --bindir="$bindir" --dbname="fitness_isolation_$suite" \
      "${opts[@]}" "${specs[@]}"; then
      status=1; failed+=("$suite (isolation)")
      [ -f "$out/isolation/regression.diffs" ] && head -200 "$out/isolation/regression.diffs"
    fi
  fi
done

[ $status -eq 0 ] || echo "failed: ${failed[*]}"
exit $status

# Helpers shared by the bench scenarios (sourced). Each scenario measures ours and the
# reference in the same run and prints one line per figure through report().

BENCH_DB=${BENCH_DB:-fitness_bench}
export PGOPTIONS='-c client_min_messages=warning'

sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"; }

# Milliseconds taken by one SQL statement, measured by the server around it.
time_ms() {
  sql -At -c "\\timing on" -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# report SCENARIO UNIT OURS REFERENCE REFERENCE_NAME  (ratio = ours / reference)
report() {
  awk -v s="$1" -v u="$2" -v o="$3" -v r="$4" -v n="$5" \
    'BEGIN { d = (o < 10 && r < 10) ? 3 : 1   # sub-millisecond figures need their decimals
             printf "%-46s %12." d "f %12." d "f %8.2fx  %s (%s)\n", s, o, r, (r > 0 ? o / r : 0), n, u }'
}

report_header() {
  printf '%-46s %12s %12s %9s  %s\n' "scenario" "ours" "reference" "ratio" "reference name (unit)"
}

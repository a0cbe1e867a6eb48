# TAP helpers for the bash programs in test/*/prove/: source it, print the plan, then check.
tap_n=0
check() {  # DESCRIPTION EXPECTED ACTUAL
  tap_n=$((tap_n + 1))
  if [ "$2" = "$3" ]; then echo "ok $tap_n - $1"; else echo "not ok $tap_n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}

#!/usr/bin/env bash
# The README's table of business rules (between the "business rules" markers) is the
# catalogue fitness.business_rules() reports: the same rules, tables, SQLSTATEs and
# descriptions, in the same order. TAP output, for prove.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export PGDATABASE=${FITNESS_TEST_DB:-fitness_test}
echo "1..2"
readme=$(sed -n '/<!-- business rules: begin -->/,/<!-- business rules: end -->/p' README.md | grep '^| `')
catalogue=$(psql -X -q -At -v ON_ERROR_STOP=1 -c "SELECT format('| \`%s\` | %s | \`%s\` | %s |', rule,
  coalesce('\`' || table_name || '\`', 'every table with a status column'), sqlstate, description)
  FROM fitness.business_rules()")
if [ "$readme" = "$catalogue" ]; then echo "ok 1 - the README lists every rule as the catalogue does"; else
  echo "not ok 1 - the README lists every rule as the catalogue does"
  diff <(echo "$catalogue") <(echo "$readme") | sed 's/^/# /'
fi
n=$(echo "$catalogue" | grep -c '^|' || true)
if [ "$n" -ge 13 ]; then echo "ok 2 - the catalogue holds the rules built ($n)"; else echo "not ok 2 - the catalogue holds $n rules"; fi

#!/usr/bin/env bash
# The cluster-wide authorization copies (src/identity/shared_authz.hpp), in clusters of
# their own with the library in shared_preload_libraries: a new backend's first fill comes
# from shared memory; a committed change is seen by every new backend and by every old one
# in its next transaction; an uncommitted or rolled-back change is never shared; a hot
# standby (pg_basebackup, streaming) keeps per-backend caches that replayed invalidations
# end.
# TAP output, for prove.
set -euo pipefail
cd "$(dirname "$0")"
source ../../lib/cluster.sh

echo "1..20"
n=0
check() {  # DESCRIPTION EXPECTED ACTUAL
  n=$((n + 1))
  if [ "$2" = "$3" ]; then echo "ok $n - $1"; else echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; fi
}

U=00000000-0000-7000-8000-00000a070001
I=00000000-0000-7000-8000-00000a070101
J=00000000-0000-7000-8000-00000a070102
# What a new backend acting as U is authorised for, and where its data came from:
# "<my institutions>|<shared hits>/<shared misses>".
probe_sql="BEGIN;
SELECT fitness.set_context('$U') \\g /dev/null
SELECT coalesce(array_to_string(ARRAY(SELECT unnest(fitness.my_institution_ids()) ORDER BY 1), ','), '') || '|' ||
       (SELECT hits || '/' || misses FROM fitness.cache_stats() WHERE cache_name = 'authz_shared');
COMMIT;"
probe() { cluster_psql "$1" <<<"$probe_sql" | tail -1; }


cluster_start primary "shared_preload_libraries = 'fitness'" "max_prepared_transactions = 4"
cluster_psql primary -c "CREATE EXTENSION fitness CASCADE" >/dev/null
cluster_psql primary >/dev/null <<SQL
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('$I', 'Gym I', 'shared-i'), ('$J', 'Gym J', 'shared-j');
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES ('$U', 'Una', 'una@shared.test');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES ('$I', '$U', 'member');
SQL

check "preloaded: the shared copies exist" "1024" "$(cluster_psql primary -c 'SHOW fitness.shared_authz_entries')"
check "the first backend loads and stores the copy" "$I|0/1" "$(probe primary)"
check "a new backend's first fill is the shared copy" "$I|1/0" "$(probe primary)"

# A backend that stays open across the changes below (a pooled connection).
session_open pooled primary
session_run pooled "SELECT fitness.set_context('$U', is_local => false)" >/dev/null
check "the pooled session reads the same" "$I" \
  "$(session_run pooled "SELECT array_to_string(fitness.my_institution_ids(), ',')")"

# A committed change: every new backend and the old one's next transaction see it.
cluster_psql primary -c "UPDATE user_mgmt.institution_member SET status = 'suspended' WHERE user_id = '$U'" >/dev/null
check "after a committed suspension, a new backend loads afresh" "|0/1" "$(probe primary)"
check "and the pooled session sees it in its next transaction" "" \
  "$(session_run pooled "SELECT coalesce(array_to_string(fitness.my_institution_ids(), ','), '')")"

# An uncommitted change is seen by its own transaction only, and never shared.
session_open writer primary
session_run writer "BEGIN" >/dev/null
session_run writer "INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES ('$J', '$U', 'member')" >/dev/null
session_run writer "SELECT fitness.set_context('$U')" >/dev/null
check "the writer sees its uncommitted membership" "$J" \
  "$(session_run writer "SELECT array_to_string(fitness.my_institution_ids(), ',')")"
check "another new backend does not, and finds no copy of it" "|" "$(probe primary | cut -d'|' -f1)|"
session_run writer "ROLLBACK" >/dev/null
# (The writer's rollback replays its invalidations locally, which moves the generation:
# the next backend loads again rather than using the copy of test 8.)
check "after the rollback a new backend does not see it either" "|" "$(probe primary | cut -d'|' -f1)|"
session_close writer

# Committed: seen.
cluster_psql primary -c "INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES ('$J', '$U', 'member')" >/dev/null
check "a committed membership is seen by a new backend" "$J|0/1" "$(probe primary)"

# A row read back in the statement that writes it, before its RBAC trigger fires at the end
# of the statement (a volatile function in RETURNING), and then rolled back with the
# statement, queues no invalidation at all: it must not have been shared (the transaction
# has an xid, so nothing it loads is).
L=00000000-0000-7000-8000-00000a070104
cluster_psql primary >/dev/null <<SQL
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('$L', 'Gym L', 'shared-l');
CREATE FUNCTION public.peek_then_fail() RETURNS text LANGUAGE plpgsql VOLATILE AS \$\$
BEGIN
  PERFORM 1;
  RAISE EXCEPTION 'saw %', array_to_string(ARRAY(SELECT unnest(fitness.my_institution_ids()) ORDER BY 1), ',');
END \$\$;
SQL
check "the writing statement itself reads its row, then fails" "ERROR:  saw $J,$L" \
  "$(cluster_psql primary <<<"BEGIN; SELECT fitness.set_context('$U') \\g /dev/null
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES ('$L', '$U', 'member') RETURNING public.peek_then_fail();" 2>&1 | grep -m1 '^ERROR')"
check "a new backend afterwards does not see the failed statement's row" "$J" "$(probe primary | cut -d'|' -f1)"

# COMMIT PREPARED makes rows visible outside the writer's transaction: it moves the
# generation too (run from a backend that never loaded authorization data).
cluster_psql primary >/dev/null <<SQL
BEGIN;
-- the membership.changed event is stored, not announced: PREPARE refuses a NOTIFY
SET LOCAL fitness.event_notify = off;
UPDATE user_mgmt.institution_member SET status = 'suspended' WHERE user_id = '$U' AND institution_id = '$J';
PREPARE TRANSACTION 'suspend-j';
SQL
probe primary >/dev/null  # a copy stored while the change is only prepared (still $J)
cluster_psql primary -c "COMMIT PREPARED 'suspend-j'" >/dev/null
check "after COMMIT PREPARED a new backend does not use the older copy" "" "$(probe primary | cut -d'|' -f1)"
cluster_psql primary -c "UPDATE user_mgmt.institution_member SET status = 'active' WHERE user_id = '$U' AND institution_id = '$J'" >/dev/null

# A time zone other than the copy's (valid_until is a local midnight) loads its own.
check "another time zone does not use the UTC session's copy" "$J|0/1" \
  "$(cluster_psql primary <<<"SET TimeZone = 'Pacific/Kiritimati';
$probe_sql" | tail -1)"

# Another database with the same user id: copies are per database.
K=00000000-0000-7000-8000-00000a070103
cluster_psql primary -c "CREATE DATABASE other" >/dev/null
CLUSTER_DB=other cluster_psql primary >/dev/null <<SQL
CREATE EXTENSION fitness CASCADE;
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('$K', 'Gym K', 'shared-k');
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES ('$U', 'Una', 'una@shared.test');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES ('$K', '$U', 'member');
SQL
check "another database does not use this one's copy of the same user id" "$K|0/1" "$(CLUSTER_DB=other probe primary)"
check "and keeps a copy of its own" "$K|1/0|$J" "$(CLUSTER_DB=other probe primary)|$(probe primary | cut -d'|' -f1)"

# A hot standby: no writer there moves the generation when a change is replayed, so its
# backends keep their own caches (invalidated by the replayed invalidations).
cluster_standby primary standby
cluster_wait_replay primary standby
check "on the standby a new backend loads its own copy" "$J|0/0" "$(probe standby)"
session_open reader standby
session_run reader "SELECT fitness.set_context('$U', is_local => false)" >/dev/null
check "an open standby session reads the membership" "$J" \
  "$(session_run reader "SELECT array_to_string(fitness.my_institution_ids(), ',')")"
cluster_psql primary -c "DELETE FROM user_mgmt.institution_member WHERE user_id = '$U' AND institution_id = '$J'" >/dev/null
cluster_wait_replay primary standby
check "after the replayed removal a new standby backend sees it" "|0/0" "$(probe standby)"
check "and the open standby session in its next transaction" "" \
  "$(session_run reader "SELECT coalesce(array_to_string(fitness.my_institution_ids(), ','), '')")"
session_close reader
session_close pooled

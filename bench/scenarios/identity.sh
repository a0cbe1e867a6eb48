#!/usr/bin/env bash
# fitness.authenticate per call, warm key ring and sign-in cache: HS256, RS256 (2048-bit)
# and ES256 (P-256), and HS256 verified in SQL with pgcrypto (bench/authenticate_reference.sql,
# the pgjwt / Supabase-style design). N calls in one statement (authenticate is VOLATILE,
# so once per row), minus the same statement calling length() instead; median of 5.
# Tokens and keys are made by PyJWT and cryptography (python3-jwt, python3-cryptography).
set -euo pipefail
cd "$(dirname "$0")/.."
source ./lib.sh

CALLS=${AUTH_BENCH_CALLS:-20000}
ROUNDS=${AUTH_BENCH_ROUNDS:-5}
SECRET='bench-hs256-secret-0123456789abcdef-0123456789'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sql -f authenticate_reference.sql >/dev/null
sql -c "INSERT INTO user_mgmt.app_user (auth_subject, email, display_name) VALUES ('bench|auth', 'bench-auth@example.com', 'Bench')
        ON CONFLICT DO NOTHING" >/dev/null

/usr/bin/python3 - "$work" "$SECRET" <<'PY'
import sys, time, jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
work, secret = sys.argv[1], sys.argv[2]
claims = {"sub": "bench|auth", "exp": int(time.time()) + 86400}
provider_claims = dict(claims, aud="bench")
keys = {"RS256": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ES256": ec.generate_private_key(ec.SECP256R1())}
for alg, key in keys.items():
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    open(f"{work}/{alg}.pem", "wb").write(pem)
    open(f"{work}/{alg}.token", "w").write(jwt.encode(provider_claims, key, alg, headers={"kid": "bench-" + alg.lower()}))
open(f"{work}/HS256.token", "w").write(jwt.encode(claims, secret, "HS256", headers={"kid": "bench-hs256"}))
open(f"{work}/ref.token", "w").write(jwt.encode(claims, secret, "HS256"))
PY

sql -v secret="$SECRET" -v rs="$(cat "$work/RS256.pem")" -v es="$(cat "$work/ES256.pem")" >/dev/null <<'SQL'
DELETE FROM fitness.jwt_key WHERE kid LIKE 'bench-%';
SELECT fitness.add_jwt_key('bench-hs256', 'HS256', :'secret');
SELECT fitness.add_jwt_key('bench-rs256', 'RS256', :'rs', audience => 'bench');
SELECT fitness.add_jwt_key('bench-es256', 'ES256', :'es', audience => 'bench');
SQL

timed_ms() {  # $1 = expression over t, $2 = token, $3 = calls; psql variables need stdin
  printf '%s\n' '\timing on' "SELECT count($1) FROM generate_series(1, $3), (SELECT :'t'::text AS t) x;" |
    sql -At -v t="$2" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}

per_call_us() {  # $1 = expression over t (the token), $2 = token; prints microseconds per call
  local ms base
  ms=$(timed_ms "$1" "$2" "$CALLS")
  base=$(timed_ms "length(t)" "$2" "$CALLS")
  awk -v a="$ms" -v b="$base" -v n="$CALLS" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }'
}

# Each measurement is one session: warm the ring and the sign-in cache in it first.
measure() {  # $1 = expression, $2 = token
  local runs=()
  for _ in $(seq 1 "$ROUNDS"); do runs+=("$(per_call_us "$1" "$2")"); done
  median "${runs[@]}"
}
warm() { timed_ms "$2" "$1" 100 >/dev/null; }

ref_token=$(cat "$work/ref.token")
warm "$ref_token" "bench_ref.authenticate(t, '$SECRET')"
ref=$(measure "bench_ref.authenticate(t, '$SECRET')" "$ref_token")
for alg in HS256 RS256 ES256; do
  token=$(cat "$work/$alg.token")
  warm "$token" "fitness.authenticate(t)"
  ours=$(measure "fitness.authenticate(t)" "$token")
  case $alg in
    HS256) target="target <= 10 us" ;;
    ES256) target="target <= 100 us" ;;
    *) target="" ;;
  esac
  report "authenticate: $alg per call" us "$ours" "$ref" "HS256 in SQL with pgcrypto${target:+; $target}"
done
sql -c "DELETE FROM fitness.jwt_key WHERE kid LIKE 'bench-%'" >/dev/null

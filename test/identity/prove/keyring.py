#!/usr/bin/python3
"""Key ring and token verification, against the test cluster, with tokens and keys made by
external libraries (PyJWT and cryptography, Debian's python3-jwt and python3-cryptography),
never by our own code. TAP output, for prove. Connects with libpq's environment
(pg_virtualenv sets PGHOST/PGPORT/PGUSER); FITNESS_TEST_DB names the database."""
import json
import os
import secrets
import sys
import threading
import time
import traceback

import jwt
import psycopg2
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

DB = os.environ.get("FITNESS_TEST_DB", "fitness_test")
MARK = secrets.token_hex(8)  # in every secret, so a search finds any copy of one
results = []


def check(ok, name, info=""):
    results.append((bool(ok), name, info))


def connect(user=None, password=None):
    kw = {"dbname": DB}
    if user:  # as a login role, over TCP with its password (pg_hba's peer rule is for the OS user)
        host = os.environ.get("PGHOST", "")
        kw.update(user=user, password=password, host=host if host and not host.startswith("/") else "localhost")
    conn = psycopg2.connect(**kw)
    conn.autocommit = True
    return conn


def run(conn, sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchall() if cur.description else None


def fails(conn, sql, args=None):
    """(sqlstate, message) of the error, or None if the statement succeeded."""
    try:
        run(conn, sql, args)
        return None
    except psycopg2.Error as e:
        if not conn.autocommit:
            conn.rollback()
        return (e.pgcode, (e.diag.message_primary or "") + " " + (e.diag.message_detail or ""))


def pem(public_key):
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def claims(sub, **extra):
    body = {"sub": sub, "exp": int(time.time()) + 600}
    body.update(extra)
    return body


def main():
    admin = connect()
    run(admin, "SET client_min_messages = warning")
    app_role, svc_role, adm_role = "keyring_app_" + MARK, "keyring_svc_" + MARK, "keyring_adm_" + MARK
    for role, group in ((app_role, "fitness_app"), (svc_role, "fitness_service"), (adm_role, "fitness_admin")):
        run(admin, f"CREATE ROLE {role} LOGIN PASSWORD 'pw' IN ROLE {group}")
    run(admin, "DELETE FROM fitness.jwt_key")
    started = run(admin, "SELECT clock_timestamp()")[0][0]
    alice, bob = "keyring|alice|" + MARK, "keyring|bob|" + MARK
    for sub, email in ((alice, "alice-%s@example.com" % MARK), (bob, "bob-%s@example.com" % MARK)):
        run(admin, "INSERT INTO user_mgmt.app_user (auth_subject, email, display_name) VALUES (%s, %s, 'K')",
            (sub, email))
    alice_id = run(admin, "SELECT id::text FROM user_mgmt.app_user WHERE auth_subject = %s", (alice,))[0][0]
    # Dana signs in through the identity provider https://idp.example/ (auth_issuer).
    dana = "idp|dana|" + MARK
    run(admin, "INSERT INTO user_mgmt.app_user (auth_subject, auth_issuer, email, display_name)"
               " VALUES (%s, 'https://idp.example/', %s, 'Dana')", (dana, "dana-%s@example.com" % MARK))
    dana_id = run(admin, "SELECT id::text FROM user_mgmt.app_user WHERE auth_subject = %s", (dana,))[0][0]

    hs_secret = "hs-secret-%s-0123456789abcdef" % MARK
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    other_rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other_ec = ec.generate_private_key(ec.SECP256R1())

    # --- key management is for superusers and fitness_admin only
    adm = connect(adm_role, "pw")
    check(fails(adm, "SELECT fitness.add_jwt_key('hs', 'HS256', %s)", (hs_secret,)) is None,
          "fitness_admin adds an HS256 key")
    run(admin, "SELECT fitness.add_jwt_key('rs', 'RS256', %s)", (pem(rsa_key.public_key()),))
    run(admin, "SELECT fitness.add_jwt_key('es', 'ES256', %s)", (pem(ec_key.public_key()),))
    app = connect(app_role, "pw")
    svc = connect(svc_role, "pw")
    for conn, who in ((app, "fitness_app"), (svc, "fitness_service")):
        for sql in ("SELECT fitness.add_jwt_key('x" + who + "', 'HS256', '" + "y" * 40 + "')",
                    "SELECT fitness.retire_jwt_key('hs')",
                    "SELECT fitness.import_jwks('{\"keys\": []}')",
                    "SELECT * FROM fitness.jwt_keys()",
                    "SELECT * FROM fitness.jwt_key"):
            err = fails(conn, sql)
            check(err is not None and err[0] == "42501", f"{who} is refused: {sql[:40]}", repr(err))
    err = fails(adm, "SELECT * FROM fitness.jwt_key")
    check(err is not None and err[0] == "42501", "fitness_admin cannot read the key table", repr(err))
    listed = run(adm, "SELECT kid, alg, state FROM fitness.jwt_keys() ORDER BY kid")
    check(listed == [("es", "ES256", "active"), ("hs", "HS256", "active"), ("rs", "RS256", "active")],
          "fitness_admin lists the ring without material", repr(listed))
    events = run(admin, "SELECT payload::text FROM platform.system_event WHERE event_type = 'jwt_key.added'"
                        " AND payload->>'kid' IN ('hs', 'rs', 'es') AND occurred_at >= %s", (started,))
    check(len(events) == 3 and all(hs_secret not in e[0] and "BEGIN" not in e[0] for e in events),
          "each addition is recorded without the key", repr(events))
    who = run(admin, "SELECT payload->>'db_role' FROM platform.system_event WHERE event_type = 'jwt_key.added'"
                     " AND payload->>'kid' = 'hs' AND occurred_at >= %s", (started,))
    check(who == [(adm_role,)], "the event names who added the key", repr(who))

    # --- bad keys are refused with 22023 and nothing is written
    for args, what in ((("bad1", "HS256", "short"), "a short HS256 secret"),
                       (("bad2", "RS256", "not a pem"), "an RS256 key that is not PEM"),
                       (("bad3", "RS256", pem(ec_key.public_key())), "an EC key for RS256"),
                       (("bad4", "ES256", pem(rsa_key.public_key())), "an RSA key for ES256"),
                       (("bad5", "ES256", pem(ec.generate_private_key(ec.SECP384R1()).public_key())), "a P-384 key"),
                       (("bad6", "RS256", pem(rsa.generate_private_key(65537, 1024).public_key())), "RSA-1024"),
                       (("bad7", "none", "x" * 40), "algorithm none"),
                       (("bad8", "hs256", "x" * 40), "a lower-case algorithm name")):
        err = fails(admin, "SELECT fitness.add_jwt_key(%s, %s, %s)", args)
        check(err is not None and err[0] == "22023" and (MARK not in err[1]), f"refused: {what}", repr(err))
    err = fails(admin, "SELECT fitness.add_jwt_key(NULL, 'HS256', %s)", (hs_secret,))
    check(err is not None and err[0] == "22004", "a NULL kid is refused (22004)", repr(err))
    err = fails(admin, "SELECT fitness.add_jwt_key('hs', 'HS256', %s)", (hs_secret + "x",))
    check(err is not None and err[0] == "42710", "a kid already in the ring is refused (42710)", repr(err))
    err = fails(admin, "SELECT fitness.add_jwt_key('past', 'HS256', %s, expires_at => now() - interval '1 s')",
                (hs_secret,))
    check(err is not None and err[0] == "22023", "a key that has already expired is refused", repr(err))
    count = run(admin, "SELECT count(*) FROM fitness.jwt_key WHERE kid LIKE 'bad%' OR kid = 'past'")[0][0]
    check(count == 0, "refused keys left nothing behind", repr(count))

    def auth(conn, token):
        err = fails(conn, "SELECT fitness.authenticate(%s)", (token,))
        return err

    def accepted(token, conn=None, commit=False):
        """(user id, claims) of a transaction that authenticates with the token, else the error."""
        conn = conn or app
        conn.autocommit = False
        try:
            row = run(conn, "SELECT fitness.authenticate(%s)::text, fitness.current_claims()::text", (token,))
            conn.commit() if commit else conn.rollback()
            return row[0]
        except psycopg2.Error as e:
            conn.rollback()
            return ("error", e.pgcode, e.diag.message_primary)
        finally:
            conn.autocommit = True

    # --- each algorithm with the right key, and the wrong one
    good = {
        "HS256": jwt.encode(claims(alice), hs_secret, "HS256", headers={"kid": "hs"}),
        "RS256": jwt.encode(claims(alice), rsa_key, "RS256", headers={"kid": "rs"}),
        "ES256": jwt.encode(claims(alice), ec_key, "ES256", headers={"kid": "es"}),
    }
    wrong = {
        "HS256": jwt.encode(claims(alice), hs_secret + "-other", "HS256", headers={"kid": "hs"}),
        "RS256": jwt.encode(claims(alice), other_rsa, "RS256", headers={"kid": "rs"}),
        "ES256": jwt.encode(claims(alice), other_ec, "ES256", headers={"kid": "es"}),
    }
    for alg in ("HS256", "RS256", "ES256"):
        got = accepted(good[alg])
        check(got[0] == alice_id, f"{alg} token signed by PyJWT is accepted", repr(got))
        got = accepted(wrong[alg])
        check(got[0] == "error" and got[1] == "28000" and "signature" in got[2],
              f"{alg} token signed with another key is refused", repr(got))
    got = accepted(good["ES256"])
    check(got[0] == alice_id and json.loads(got[1])["sub"] == alice, "current_claims() is the verified payload",
          repr(got))

    # --- algorithm confusion: HS256 "signed" with the RSA key's public PEM, under its kid
    public_pem = pem(rsa_key.public_key())
    import hmac, hashlib, base64

    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    signing_input = b64(json.dumps({"alg": "HS256", "kid": "rs"}).encode()) + "." + \
        b64(json.dumps(claims(alice)).encode())
    forged = signing_input + "." + b64(hmac.new(public_pem.encode(), signing_input.encode(), hashlib.sha256).digest())
    got = accepted(forged)
    check(got[0] == "error" and got[1] == "28000" and "does not match its key" in got[2],
          "HS256 over an RSA key's PEM text under its kid is refused", repr(got))
    unsigned = b64(json.dumps({"alg": "none", "kid": "hs"}).encode()) + "." + \
        b64(json.dumps(claims(alice)).encode()) + "."
    got = accepted(unsigned)
    check(got[0] == "error" and got[1] == "28000", "alg none is refused", repr(got))
    got = accepted(jwt.encode(claims(alice), rsa_key, "RS256", headers={"kid": "es"}))
    check(got[0] == "error" and got[1] == "28000", "an RS256 token under an ES256 key's kid is refused", repr(got))

    # --- kid: unknown, absent with several keys, absent with exactly one
    got = accepted(jwt.encode(claims(alice), hs_secret, "HS256", headers={"kid": "nope"}))
    check(got[0] == "error" and 'unknown key "nope"' in got[2], "an unknown kid is refused", repr(got))
    no_kid = jwt.encode(claims(alice), hs_secret, "HS256")
    got = accepted(no_kid)
    check(got[0] == "error" and "no kid" in got[2], "a token without kid is refused while several keys are active",
          repr(got))

    # --- issuer and audience
    run(admin, "SELECT fitness.add_jwt_key('ia', 'ES256', %s, issuer => 'https://idp.example/', audience => 'fitness-api')",
        (pem(ec_key.public_key()),))
    def ia(sub=dana, **extra):
        return accepted(jwt.encode(claims(sub, **extra), ec_key, "ES256", headers={"kid": "ia"}))
    check(ia(iss="https://idp.example/", aud="fitness-api")[0] == dana_id, "issuer and audience (string) match")
    check(ia(iss="https://idp.example/", aud=["other", "fitness-api"])[0] == dana_id, "audience in an array matches")
    # A provider's key names only that provider's accounts: not the platform's by subject or id.
    for sub, what in ((alice, "alice's subject (an account without issuer)"), (alice_id, "alice's account id")):
        got = ia(sub=sub, iss="https://idp.example/", aud="fitness-api")
        check(got[0] == "error" and got[1] == "28000" and "unknown user" in got[2],
              f"an issuer's key cannot sign in {what}", repr(got))
    got = accepted(jwt.encode(claims(dana), hs_secret, "HS256", headers={"kid": "hs"}))
    check(got[0] == "error" and "unknown user" in got[2], "nor can the platform's key sign in the provider's account",
          repr(got))
    # moving dana to another issuer ends her remembered sign-ins through the old one
    run(admin, "UPDATE user_mgmt.app_user SET auth_issuer = 'https://other.example/' WHERE id = %s", (dana_id,))
    got = ia(iss="https://idp.example/", aud="fitness-api")
    check(got[0] == "error" and "unknown user" in got[2],
          "after the account's issuer changed, a backend that remembered the sign-in refuses it", repr(got))
    run(admin, "UPDATE user_mgmt.app_user SET auth_issuer = 'https://idp.example/' WHERE id = %s", (dana_id,))
    for extra, what in (({"aud": "fitness-api"}, "no iss"), ({"iss": "https://idp.example/"}, "no aud"),
                        ({"iss": "https://evil.example/", "aud": "fitness-api"}, "another issuer"),
                        ({"iss": "https://idp.example/", "aud": ["other"]}, "another audience"),
                        ({"iss": "https://idp.example/", "aud": 7}, "an audience that is not a string")):
        got = ia(**extra)
        check(got[0] == "error" and got[1] == "28000", f"refused: {what}", repr(got))

    # --- expiry and leeway (fitness.jwt_leeway, default 30 s)
    now = int(time.time())
    def hs(**body):
        return accepted(jwt.encode(body, hs_secret, "HS256", headers={"kid": "hs"}))
    check(hs(sub=alice, exp=now - 10)[0] == alice_id, "expired 10 s ago: within the leeway")
    got = hs(sub=alice, exp=now - 60)
    check(got[0] == "error" and "expired" in got[2], "expired 60 s ago: refused", repr(got))
    got = hs(sub=alice)
    check(got[0] == "error" and "no exp" in got[2], "a token without exp is refused", repr(got))
    got = hs(sub=alice, exp=now + 600, nbf=now + 120)
    check(got[0] == "error" and "nbf" in got[2], "nbf in two minutes: refused", repr(got))
    check(hs(sub=alice, exp=now + 600, nbf=now + 10)[0] == alice_id, "nbf in 10 s: within the leeway")
    run(admin, "SELECT fitness.add_jwt_key('short-lived', 'HS256', %s, expires_at => now() + interval '2 s')",
        (hs_secret + "-short",))
    token = jwt.encode(claims(alice), hs_secret + "-short", "HS256", headers={"kid": "short-lived"})
    check(accepted(token)[0] == alice_id, "a key before its expires_at is used")
    time.sleep(2.2)
    got = accepted(token)
    check(got[0] == "error" and "expired" in got[2], "the same key after its expires_at is refused", repr(got))

    # --- rotation: two keys valid, then one retired (seen by an open connection of another backend)
    run(admin, "SELECT fitness.add_jwt_key('hs-2', 'HS256', %s)", (hs_secret + "-2",))
    new = jwt.encode(claims(alice), hs_secret + "-2", "HS256", headers={"kid": "hs-2"})
    check(accepted(good["HS256"])[0] == alice_id and accepted(new)[0] == alice_id,
          "during rotation tokens of the old and the new key are accepted")
    run(admin, "SELECT fitness.retire_jwt_key('hs')")
    got = accepted(good["HS256"])
    check(got[0] == "error" and "retired" in got[2], "after retire_jwt_key the old key's tokens are refused "
          "(in a backend that had the ring cached)", repr(got))
    check(accepted(new)[0] == alice_id, "and the new key's still accepted")
    err = fails(admin, "SELECT fitness.add_jwt_key('hs', 'HS256', %s)", (hs_secret,))
    check(err is not None and err[0] == "42710", "a retired kid is never reused", repr(err))
    err = fails(admin, "SELECT fitness.retire_jwt_key('never-added')")
    check(err is not None and err[0] == "42704", "retiring an unknown kid is 42704", repr(err))

    # --- remembered sign-ins follow the data: a changed login subject, a ban
    bob_token = jwt.encode(claims(bob), hs_secret + "-2", "HS256", headers={"kid": "hs-2"})
    bob_id = run(admin, "SELECT id::text FROM user_mgmt.app_user WHERE auth_subject = %s", (bob,))[0][0]
    check(accepted(bob_token)[0] == bob_id and accepted(bob_token)[0] == bob_id, "bob signs in (twice: remembered)")
    hits = run(app, "SELECT hits FROM fitness.cache_stats() WHERE cache_name = 'sign_in'")
    check(hits and hits[0][0] >= 1, "the second sign-in was answered from the sign_in cache", repr(hits))
    run(admin, "UPDATE user_mgmt.app_user SET auth_subject = %s WHERE id = %s", (bob + "|moved", bob_id))
    got = accepted(bob_token)
    check(got[0] == "error" and "unknown user" in got[2], "after bob's subject changed, the old subject is unknown",
          repr(got))
    moved = jwt.encode(claims(bob + "|moved"), hs_secret + "-2", "HS256", headers={"kid": "hs-2"})
    check(accepted(moved)[0] == bob_id, "and the new subject signs bob in")
    run(admin, "UPDATE user_mgmt.app_user SET is_active = false, deleted_at = now() WHERE id = %s", (bob_id,))
    got = accepted(moved)
    check(got[0] == "error" and got[1] == "28000", "after bob is banned his token is refused", repr(got))

    # --- a failed authenticate leaves no context, over one connection, for each new reason
    for token, what in ((jwt.encode(claims(alice), hs_secret, "HS256", headers={"kid": "nope"}), "unknown kid"),
                        (good["HS256"], "retired key"),
                        (jwt.encode(claims(alice, iss="https://evil.example/", aud="fitness-api"), ec_key, "ES256",
                                    headers={"kid": "ia"}), "wrong issuer"),
                        (jwt.encode(claims(alice, iss="https://idp.example/", aud="x"), ec_key, "ES256",
                                    headers={"kid": "ia"}), "wrong audience")):
        run(app, "SELECT fitness.authenticate(%s, false)", (new,))
        before = run(app, "SELECT fitness.current_user_id()::text")[0][0]
        err = auth(app, token)
        after = run(app, "SELECT fitness.current_user_id(), fitness.current_claims()")[0]
        check(before == alice_id and err is not None and err[0] == "28000" and after == (None, None),
              f"after a failed authenticate ({what}) no context is left", repr((before, err, after)))

    # --- JWKS import (PyJWT's JWK export of the public keys)
    rsa2 = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec2 = ec.generate_private_key(ec.SECP256R1())
    jwks = {"keys": [dict(json.loads(RSAAlgorithm.to_jwk(rsa2.public_key())), kid="idp-rsa", use="sig", alg="RS256"),
                     dict(json.loads(ECAlgorithm.to_jwk(ec2.public_key())), kid="idp-ec"),
                     {"kty": "RSA", "kid": "idp-enc", "use": "enc", "n": "AQAB", "e": "AQAB"},
                     {"kty": "oct", "kid": "idp-oct", "k": "c2VjcmV0"}]}
    n = run(adm, "SELECT fitness.import_jwks(%s::jsonb, 'https://idp.example/', 'fitness-api')",
            (json.dumps(jwks),))[0][0]
    check(n == 2, "import_jwks adds the RSA and EC signing keys and skips the others", repr(n))
    n = run(adm, "SELECT fitness.import_jwks(%s::jsonb, 'https://idp.example/', 'fitness-api')",
            (json.dumps(jwks),))[0][0]
    check(n == 0, "importing the same document again adds nothing", repr(n))
    for key, kid, alg in ((rsa2, "idp-rsa", "RS256"), (ec2, "idp-ec", "ES256")):
        token = jwt.encode(claims(dana, iss="https://idp.example/", aud="fitness-api"), key, alg,
                           headers={"kid": kid})
        check(accepted(token)[0] == dana_id, f"a token verified by the imported {kid}")
    changed = {"keys": [dict(json.loads(RSAAlgorithm.to_jwk(other_rsa.public_key())), kid="idp-rsa")]}
    err = fails(adm, "SELECT fitness.import_jwks(%s::jsonb)", (json.dumps(changed),))
    check(err is not None and err[0] == "42710", "another key under a held kid is refused", repr(err))
    for doc, what in (('[]', "an array"), ('{"keys": {}}', "keys not an array"),
                      ('{"keys": [{"kty": "RSA", "kid": "k", "n": "!!", "e": "AQAB"}]}', "bad base64url"),
                      ('{"keys": [{"kty": "EC", "kid": "k", "crv": "P-256", "x": "AAAA", "y": "AAAA"}]}', "a short point"),
                      ('{"keys": [{"kty": "EC", "kid": "k2", "crv": "P-256", "x": "%s", "y": "%s"}]}'
                       % (b64(b"\x01" * 32), b64(b"\x02" * 32)), "a point not on the curve"),
                      ('{"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}', "a key without kid")):
        err = fails(adm, "SELECT fitness.import_jwks(%s::jsonb)", (doc,))
        check(err is not None and err[0] == "22023", f"import_jwks refuses {what} (22023)", repr(err))

    # --- provisioning: an unknown subject is 28000, unless its key provisions
    fresh = "keyring|new|" + MARK
    got = accepted(jwt.encode(claims(fresh), hs_secret + "-2", "HS256", headers={"kid": "hs-2"}))
    check(got[0] == "error" and got[1] == "28000" and "unknown user" in got[2],
          "an unknown subject stays 28000 without provisioning", repr(got))
    run(admin, "SELECT fitness.add_jwt_key('prov', 'HS256', %s, provision => true)", (hs_secret + "-prov",))
    def prov_token(sub, **extra):
        return jwt.encode(claims(sub, **extra), hs_secret + "-prov", "HS256", headers={"kid": "prov"})
    token = prov_token(fresh, email="New.%s@Example.com" % MARK, email_verified=True, name="New Person",
                       locale="pt_br")
    first = accepted(token, commit=True)
    row = run(admin, "SELECT id::text, email, email_verified_at IS NOT NULL, display_name, language_code"
                     " FROM user_mgmt.app_user WHERE auth_subject = %s", (fresh,))
    check(len(row) == 1 and first[0] == row[0][0] and row[0][1:] == ("New.%s@Example.com" % MARK, True, "New Person", "pt-BR"),
          "the first token of a new subject creates its account from the claims", repr((first, row)))
    again = accepted(token, commit=True)
    count = run(admin, "SELECT count(*) FROM user_mgmt.app_user WHERE auth_subject = %s", (fresh,))[0][0]
    check(again[0] == first[0] and count == 1, "the next token signs in to the same account", repr((again, count)))
    taken = "keyring|taken|" + MARK
    got = accepted(prov_token(taken, email="alice-%s@example.com" % MARK), commit=True)
    row = run(admin, "SELECT email FROM user_mgmt.app_user WHERE auth_subject = %s", (taken,))
    check(got[0] != "error" and row == [(None,)] and got[0] != alice_id,
          "an email that is another account's is left out, never linked", repr((got, row)))
    got = accepted(prov_token("00000000-0000-7000-8000-0000deadbeef"), commit=True)
    check(got[0] == "error" and "unknown user" in got[2], "an account id as subject is never provisioned", repr(got))

    # two first requests race: one account, both get it
    racer = "keyring|race|" + MARK
    token = prov_token(racer, name="Racer")
    c1, c2 = connect(app_role, "pw"), connect(app_role, "pw")
    c1.autocommit = c2.autocommit = False
    got1 = run(c1, "SELECT fitness.authenticate(%s)::text", (token,))[0][0]
    box = {}
    def second():
        try:
            box["id"] = run(c2, "SELECT fitness.authenticate(%s)::text", (token,))[0][0]
            c2.commit()
        except Exception as e:  # reported below
            box["error"] = repr(e)
    thread = threading.Thread(target=second)
    thread.start()
    pid2 = c2.get_backend_pid()
    waited = False
    for _ in range(100):
        if run(admin, "SELECT cardinality(pg_blocking_pids(%s)) > 0", (pid2,))[0][0]:
            waited = True
            break
        time.sleep(0.05)
    c1.commit()
    thread.join(10)
    count = run(admin, "SELECT count(*) FROM user_mgmt.app_user WHERE auth_subject = %s", (racer,))[0][0]
    check(waited and box.get("id") == got1 and count == 1,
          "two first requests that race create one account and both sign in to it", repr((waited, got1, box, count)))
    c1.close(); c2.close()

    # --- provisioning through an identity provider's key binds the account to its issuer
    run(admin, "SELECT fitness.add_jwt_key('prov-idp', 'HS256', %s, issuer => 'https://idp-b.example/', provision => true)",
        (hs_secret + "-prov-idp",))
    def idp_b(sub, **extra):
        return jwt.encode(claims(sub, iss="https://idp-b.example/", **extra), hs_secret + "-prov-idp", "HS256",
                          headers={"kid": "prov-idp"})
    got = accepted(idp_b(alice), commit=True)
    check(got[0] == "error" and got[1] == "28000" and "another issuer" in got[2],
          "a provider cannot take over a subject held by an account of another issuer", repr(got))
    bsub = "idp-b|" + MARK
    got = accepted(idp_b(bsub, name="B\tPerson\u0085"), commit=True)
    row = run(admin, "SELECT id::text, auth_issuer, display_name FROM user_mgmt.app_user WHERE auth_subject = %s", (bsub,))
    check(got[0] != "error" and row == [(got[0], "https://idp-b.example/", "B Person")],
          "a provisioned account records its issuer; control characters in names become spaces", repr((got, row)))
    for locale, language in (("de_LU", "de"), ("xx-YY", "en"), ("pt-br", "pt-BR"), ("zh-hant-tw", "zh")):
        lsub = "idp-b|locale-%s|%s" % (locale, MARK)
        got = accepted(idp_b(lsub, locale=locale), commit=True)
        row = run(admin, "SELECT language_code FROM user_mgmt.app_user WHERE auth_subject = %s", (lsub,))
        check(got[0] != "error" and row == [(language,)],
              f"locale {locale} gives the account language {language}", repr((got, row)))
    for sub, what in (("x" * 300, "a subject over 255 characters"), ("a\u0001b", "a subject with a control character"),
                      ("   ", "a blank subject")):
        got = accepted(idp_b(sub), commit=True)
        check(got[0] == "error" and got[1] == "28000" and MARK not in got[2], f"provisioning refuses {what} (28000)",
              repr(got))
    # a provisioning that rolls back is not remembered: the next sign-in creates the account for real
    undone = "idp-b|undone|" + MARK
    got1 = accepted(idp_b(undone))  # rolled back
    got2 = accepted(idp_b(undone), commit=True)
    row = run(admin, "SELECT id::text FROM user_mgmt.app_user WHERE auth_subject = %s", (undone,))
    check(got1[0] != "error" and row == [(got2[0],)] and got2[0] != got1[0],
          "a rolled-back provisioning is not remembered as a sign-in", repr((got1, got2, row)))
    # two first sign-ins of different subjects with one new email: one keeps the email, both sign in
    shared = "shared-%s@example.com" % MARK
    c1, c2 = connect(app_role, "pw"), connect(app_role, "pw")
    c1.autocommit = c2.autocommit = False
    first_id = run(c1, "SELECT fitness.authenticate(%s)::text", (idp_b("idp-b|e1|" + MARK, email=shared),))[0][0]
    box = {}
    def second_email():
        try:
            box["id"] = run(c2, "SELECT fitness.authenticate(%s)::text", (idp_b("idp-b|e2|" + MARK, email=shared),))[0][0]
            c2.commit()
        except Exception as e:
            box["error"] = repr(e)
    thread = threading.Thread(target=second_email)
    thread.start()
    waited = False
    for _ in range(100):
        if run(admin, "SELECT cardinality(pg_blocking_pids(%s)) > 0", (c2.get_backend_pid(),))[0][0]:
            waited = True
            break
        time.sleep(0.05)
    c1.commit()
    thread.join(10)
    emails = run(admin, "SELECT auth_subject, email FROM user_mgmt.app_user WHERE auth_subject LIKE %s ORDER BY 1",
                 ("idp-b|e_|" + MARK,))
    check(waited and "id" in box and emails == [("idp-b|e1|" + MARK, shared), ("idp-b|e2|" + MARK, None)],
          "a concurrent first sign-in with an email just taken is created without it", repr((waited, box, emails)))
    c1.close(); c2.close()

    # --- keys that only look like keys, and messages fit for any client encoding
    import base64 as _b64
    def der_len(n):
        return bytes([n]) if n < 128 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
    def der(tag, body):
        return bytes([tag]) + der_len(len(body)) + body
    def der_int(v):
        b = v.to_bytes((v.bit_length() + 8) // 8, "big")
        return der(0x02, b)
    modulus = rsa_key.public_key().public_numbers().n
    spki = der(0x30, der(0x30, der(0x06, bytes.fromhex("2a864886f70d010101")) + der(0x05, b"")) +
               der(0x03, b"\x00" + der(0x30, der_int(modulus) + der_int(1))))
    e1_pem = "-----BEGIN PUBLIC KEY-----\n" + "\n".join(
        _b64.b64encode(spki).decode()[i:i + 64] for i in range(0, len(_b64.b64encode(spki)), 64)) + "\n-----END PUBLIC KEY-----\n"
    err = fails(admin, "SELECT fitness.add_jwt_key('e1', 'RS256', %s)", (e1_pem,))
    check(err is not None and err[0] == "22023" and "key check" in err[1], "an RSA key with exponent 1 is refused",
          repr(err))
    private_pem = rsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()).decode()
    err = fails(admin, "SELECT fitness.add_jwt_key('priv', 'RS256', %s)", (private_pem + pem(rsa_key.public_key()),))
    check(err is not None and err[0] == "22023" and "private key" in err[1], "a PEM bundle with a private key is refused",
          repr(err))
    run(admin, "SELECT fitness.add_jwt_key('wrapped', 'ES256', %s)", ("text around it\n" + pem(ec_key.public_key()) + "more",))
    stored = run(admin, "SELECT key_material FROM fitness.jwt_key WHERE kid = 'wrapped'")[0][0]
    check(stored == pem(ec_key.public_key()), "a public key is stored as the key alone, re-encoded", repr(stored))
    err = fails(admin, "SELECT fitness.add_jwt_key(%s, 'HS256', %s)", ("c1\u0085kid", hs_secret + "-c1"))
    check(err is not None and err[0] == "22023" and hs_secret not in err[1], "a kid with a C1 control is refused "
          "before the insert, whose error would show the secret", repr(err))
    raw_nul = b64(json.dumps({"alg": "HS256", "kid": "hs-2"}).encode()) + "." + \
        b64(b'{"sub":"x",\x00"exp":9999999999}')
    raw_nul += "." + b64(hmac.new((hs_secret + "-2").encode(), raw_nul.encode(), hashlib.sha256).digest())
    got = accepted(raw_nul)
    check(got[0] == "error" and got[1] == "28000", "a raw NUL in the payload is refused", repr(got))
    bad_utf8 = b64(b'{"alg":"HS256","kid":"atk\xf8\x80\x80"}') + "." + b64(b'{}') + ".c2ln"
    got = accepted(bad_utf8)
    check(got[0] == "error" and got[1] == "28000" and all(ord(ch) < 128 for ch in got[2]),
          "a header with invalid UTF-8 is refused with an ASCII message", repr(got))
    latin1 = connect(app_role, "pw")
    latin1.set_client_encoding("LATIN1")
    got = accepted(jwt.encode(claims("auth0|\u0418\u0432\u0430\u043d-" + MARK), hs_secret + "-2", "HS256",
                              headers={"kid": "hs-2"}), latin1)
    check(got[0] == "error" and got[1] == "28000", "an unknown non-Latin subject is 28000 also for a LATIN1 client",
          repr(got))
    latin1.close()

    # --- the claim that names the user is configurable (fitness.jwt_user_claim), superusers only
    err = fails(app, "SET fitness.jwt_user_claim = 'email'")
    check(err is not None and err[0] == "42501", "fitness_app cannot choose the user claim", repr(err))
    run(admin, f"ALTER ROLE {app_role} SET fitness.jwt_user_claim = 'uid'")
    app_uid = connect(app_role, "pw")
    got = accepted(jwt.encode({"uid": alice, "sub": "someone-else", "exp": now + 600}, hs_secret + "-2", "HS256",
                              headers={"kid": "hs-2"}), app_uid)
    check(got[0] == alice_id, "with fitness.jwt_user_claim = uid the uid claim names the user", repr(got))
    app_uid.close()
    run(admin, f"ALTER ROLE {app_role} RESET fitness.jwt_user_claim")

    # --- huge tokens are refused before parsing
    big = jwt.encode(claims(alice, pad="x" * 20000), hs_secret + "-2", "HS256", headers={"kid": "hs-2"})
    got = accepted(big)
    check(got[0] == "error" and got[1] == "28000" and "16 kB" in got[2], "a token over 16 kB is refused", repr(got))

    # --- a fresh fitness_app connection finds no key material anywhere it can read
    run(admin, "ANALYZE fitness.jwt_key")
    run(adm, "SELECT fitness.add_jwt_key('last-' || %s, 'HS256', %s)", (MARK, hs_secret + "-last"))  # adm's last query
    pem_body = public_pem.splitlines()[1]
    fresh_app = connect(app_role, "pw")
    found = []
    for setting, value in run(fresh_app, "SELECT name, setting FROM pg_settings"):
        if value and (MARK in value or "secret" in value):
            found.append(("pg_settings", setting))
    relations = run(fresh_app, """
        SELECT c.oid::regclass::text FROM pg_class c
        WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND has_table_privilege(c.oid, 'SELECT')""")
    # The patterns travel hex-encoded, so the search's own text (pg_stat_activity) holds no secret.
    search = ("SELECT count(*) FROM {} t WHERE strpos(t::text, convert_from(decode(%s, 'hex'), 'UTF8')) > 0"
              " OR strpos(t::text, convert_from(decode(%s, 'hex'), 'UTF8')) > 0")
    patterns = (hs_secret[:20].encode().hex(), pem_body.encode().hex())
    for (rel,) in relations:
        try:
            hits = run(fresh_app, search.format(rel), patterns)[0][0]
        except psycopg2.Error as e:
            hits = 0
        if hits:
            found.append((rel, hits))
    control = run(admin, search.format("fitness.jwt_key"), patterns)[0][0]
    check(control >= 2, "control: the same search finds the keys when run by a superuser", repr(control))
    check(len(relations) > 50 and not found,
          f"no key material in settings or in any of the {len(relations)} relations fitness_app can read",
          repr(found))
    fresh_app.close()

    # --- a fitness.jwt_secret left in a configuration (here: a role setting) is named and removed
    fresh_admin = connect()  # no fitness function called yet: the library is not loaded here
    err = fails(fresh_admin, f"ALTER ROLE {app_role} SET fitness.jwt_secret = 'left-over-{MARK}'")
    fresh_admin.close()
    leftover = connect(app_role, "pw")
    run(leftover, "SELECT fitness.current_user_id()")  # loads the library
    warned = [n for n in leftover.notices if "fitness.jwt_secret is no longer used" in n]
    gone = fails(leftover, "SHOW fitness.jwt_secret")
    check(err is None and warned and gone is not None and gone[0] == "42704",
          "a left-over fitness.jwt_secret is warned about when the library loads, then gone",
          repr((err, leftover.notices, gone)))
    leftover.close()
    run(admin, f"ALTER ROLE {app_role} RESET fitness.jwt_secret")

    for conn in (app, svc, adm):
        conn.close()
    run(admin, "DELETE FROM fitness.jwt_key")  # the ring is not audited; leave it empty
    for role in (app_role, svc_role, adm_role):
        run(admin, f"DROP OWNED BY {role}")
        run(admin, f"DROP ROLE {role}")


try:
    main()
except Exception:
    check(False, "the suite ran to its end", traceback.format_exc())
print("1..%d" % len(results))
for i, (ok, name, info) in enumerate(results, 1):
    print(("ok %d - %s" if ok else "not ok %d - %s") % (i, name))
    if not ok and info:
        for line in info.splitlines():
            print("# " + line)
sys.exit(0 if all(ok for ok, _, _ in results) else 1)

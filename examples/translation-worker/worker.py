#!/usr/bin/python3
"""A translation worker for fitness's machine-translation cache.

fitness.cached_translation() answers from platform.translation_cache; on a miss it queues
one row in platform.translation_request and sends NOTIFY fitness_translation with the
request's id. This worker LISTENs on that channel, claims pending requests (FOR UPDATE SKIP
LOCKED, so several workers share the queue), asks a provider for the translation and hands
the result to fitness.store_translation(), which stores it and closes the request. A failed
attempt is recorded on the request (attempts, last_error) and retried later.

The provider here is a fake that needs no network: it tags the text with the target
language. Replace FakeProvider.translate with a call to DeepL or Google (their API key is the
secret system setting translation.provider_api_key, readable by fitness_service).

Usage: worker.py [--dsn DSN] [--role ROLE] [--idle-exit SECONDS] [--max-requests N]
The connection uses libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE) unless --dsn
says otherwise. --role: SET ROLE after connecting (a member of fitness_service).
Each request id received by NOTIFY is printed ("notified <id>"), and each result stored
("stored <id> <target>: <text>"), so a test can follow the worker.
"""
import argparse
import select
import sys
import time

import psycopg2

CLAIM = """
UPDATE platform.translation_request r
   SET status = 'processing', attempts = r.attempts + 1
 WHERE r.id IN (SELECT q.id FROM platform.translation_request q
                 WHERE q.status = 'pending' AND q.attempts < %(max_attempts)s
                 ORDER BY q.requested_at LIMIT %(batch)s FOR UPDATE SKIP LOCKED)
RETURNING r.id, r.source_text, r.source_lang, r.target_lang
"""
STORE = "SELECT fitness.store_translation(%s, %s, %s, %s, %s)"
FAILED = """
UPDATE platform.translation_request
   SET status = 'pending', last_error = %s
 WHERE id = %s AND status = 'processing'
"""


class FakeProvider:
    """Stands in for DeepL or Google: '[de] Keep your back straight'."""
    name = "manual"  # a provider platform.translation_cache accepts (deepl, google, manual)

    def translate(self, text, source_lang, target_lang):
        return "[%s] %s" % (target_lang, text)


def work_once(conn, provider, batch=20, max_attempts=5):
    """Claims and translates pending requests until none is left; returns how many it stored."""
    stored = 0
    while True:
        with conn, conn.cursor() as cur:  # one transaction per batch
            cur.execute(CLAIM, {"batch": batch, "max_attempts": max_attempts})
            claimed = cur.fetchall()
        if not claimed:
            return stored
        for request_id, text, source_lang, target_lang in claimed:
            try:
                result = provider.translate(text, source_lang, target_lang)
                with conn, conn.cursor() as cur:
                    cur.execute(STORE, (text, source_lang, target_lang, result, provider.name))
                stored += 1
                print("stored %s %s: %s" % (request_id, target_lang, result), flush=True)
            except Exception as error:  # the provider failed: back to pending, with the reason
                with conn, conn.cursor() as cur:
                    cur.execute(FAILED, (str(error)[:1000], request_id))
                print("failed %s: %s" % (request_id, error), file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="")
    parser.add_argument("--role")
    parser.add_argument("--idle-exit", type=float, default=0,
                        help="exit after this many seconds without a notification (0: never)")
    parser.add_argument("--max-requests", type=int, default=0,
                        help="exit after storing this many results (0: never)")
    args = parser.parse_args()

    conn = psycopg2.connect(args.dsn)
    if args.role:
        with conn, conn.cursor() as cur:
            cur.execute("SET ROLE %s" % psycopg2.extensions.quote_ident(args.role, cur))
    listener = psycopg2.connect(args.dsn)
    listener.autocommit = True
    with listener.cursor() as cur:
        cur.execute("LISTEN fitness_translation")
    print("listening", flush=True)

    provider = FakeProvider()
    stored = work_once(conn, provider)  # what was queued while no worker listened
    idle_since = time.monotonic()
    while not (args.max_requests and stored >= args.max_requests):
        if args.idle_exit and time.monotonic() - idle_since > args.idle_exit:
            break
        if select.select([listener], [], [], 1.0) == ([], [], []):
            continue
        listener.poll()
        while listener.notifies:
            print("notified %s" % listener.notifies.pop(0).payload, flush=True)
        idle_since = time.monotonic()
        stored += work_once(conn, provider)
    print("exiting after %d results" % stored, flush=True)


if __name__ == "__main__":
    main()

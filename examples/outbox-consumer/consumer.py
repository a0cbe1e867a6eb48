#!/usr/bin/python3
"""An outbox consumer for fitness's domain events.

Every domain event (session.completed, personal_record.set, goal.achieved,
subscription.changed, membership.changed, role.granted, ...) is a row of
platform.system_event, written in the transaction of the change it records. When that
transaction commits, PostgreSQL delivers NOTIFY fitness_events with the event's id; a rolled
back change leaves neither a row nor a notification.

This consumer LISTENs on fitness_events, then claims unprocessed events in order (FOR UPDATE
SKIP LOCKED, so several consumers share the stream), hands each to a handler and sets
processed_at in the same transaction: a handler that fails rolls its batch back and the
events are claimed again (at-least-once delivery; make handlers idempotent by event id).
On start it first drains what was written while nobody listened, and it polls once a second
when no notification comes. A notification is only a wake-up call: the table is the truth.

The handler here prints the event. Replace handle() with a call to a queue, a webhook or a
search index.

Usage: consumer.py [--dsn DSN] [--role ROLE] [--idle-exit SECONDS] [--max-events N] [--no-poll]
The connection uses libpq's environment (PGHOST, PGPORT, PGUSER, PGDATABASE) unless --dsn
says otherwise. --role: SET ROLE after connecting (a member of fitness_service, which may
read system_event and set processed_at, nothing else). Prints "notified <id>" for each
notification and "handled <id> <event_type> <aggregate_type> <aggregate_id> <payload>" for
each event, so a test can follow it.
"""
import argparse
import json
import select
import time

import psycopg2

# Oldest first; occurred_at is the partition key, so the claim is one index range scan of
# system_event_unprocessed_idx per partition.
CLAIM = """
SELECT id, event_type, aggregate_type, aggregate_id, payload, occurred_at
  FROM platform.system_event
 WHERE processed_at IS NULL
 ORDER BY occurred_at, id
 LIMIT %(batch)s
   FOR UPDATE SKIP LOCKED
"""
DONE = """
UPDATE platform.system_event SET processed_at = clock_timestamp()
 WHERE id = ANY (%(ids)s::uuid[]) AND occurred_at >= %(oldest)s AND processed_at IS NULL
"""


def handle(event_id, event_type, aggregate_type, aggregate_id, payload):
    print("handled %s %s %s %s %s" % (event_id, event_type, aggregate_type, aggregate_id,
                                      json.dumps(payload, sort_keys=True)), flush=True)


def drain(conn, batch=100):
    """Claims, handles and marks events until none is left; returns how many it handled."""
    handled = 0
    while True:
        with conn, conn.cursor() as cur:  # one transaction per batch
            cur.execute(CLAIM, {"batch": batch})
            events = cur.fetchall()
            if not events:
                return handled
            for event_id, event_type, aggregate_type, aggregate_id, payload, _ in events:
                handle(event_id, event_type, aggregate_type, aggregate_id, payload)
            cur.execute(DONE, {"ids": [e[0] for e in events], "oldest": events[0][5]})
        handled += len(events)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="")
    parser.add_argument("--role")
    parser.add_argument("--idle-exit", type=float, default=0,
                        help="exit after this many seconds without a notification (0: never)")
    parser.add_argument("--no-poll", dest="poll", action="store_false",
                        help="drain on notifications only (no poll once a second)")
    parser.add_argument("--max-events", type=int, default=0,
                        help="exit after handling this many events (0: never)")
    args = parser.parse_args()

    conn = psycopg2.connect(args.dsn)
    listener = psycopg2.connect(args.dsn)
    listener.autocommit = True
    for c in (conn, listener):
        if args.role:
            with c.cursor() as cur:
                cur.execute("SET ROLE %s" % psycopg2.extensions.quote_ident(args.role, cur))
            if not c.autocommit:
                c.commit()
    with listener.cursor() as cur:
        cur.execute("LISTEN fitness_events")
    print("listening", flush=True)

    handled = drain(conn)  # what was written while no consumer listened
    idle_since = time.monotonic()
    while not (args.max_events and handled >= args.max_events):
        if args.idle_exit and time.monotonic() - idle_since > args.idle_exit:
            break
        if select.select([listener], [], [], 1.0) == ([], [], []):
            # no notification for a second: poll anyway, for events written without one
            # (fitness.event_notify off, a two-phase commit)
            polled = drain(conn) if args.poll else 0
            handled += polled
            if polled:
                idle_since = time.monotonic()
            continue
        listener.poll()
        while listener.notifies:
            print("notified %s" % listener.notifies.pop(0).payload, flush=True)
        idle_since = time.monotonic()
        handled += drain(conn)
    print("exiting after %d events" % handled, flush=True)


if __name__ == "__main__":
    main()

"""The shared store: one PostgreSQL database for every replica (psycopg 3 with a connection pool).
faqbot creates its schema and migrates it at start-up, one replica at a time (an advisory lock),
and records its version; a database migrated by a newer faqbot is refused, not written to.
Pending events are claimed with `FOR UPDATE SKIP LOCKED`: replicas looking for work at the same
moment each get other events, and never wait on each other."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from bot.store.base import LEASE, RETENTION_DAYS, Cursor, Store, log

# Each step takes the schema from the version before it to its own; appended to, never edited.
MIGRATIONS = (
    # 1: the tables of faqbot's SQLite store, and an index for finding pending work
    """
    CREATE TABLE questions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, asked_at DOUBLE PRECISION NOT NULL,
        user_hash TEXT NOT NULL, channel TEXT NOT NULL, source TEXT NOT NULL, question TEXT NOT NULL,
        top_location TEXT, score DOUBLE PRECISION, answered INTEGER NOT NULL, delivered INTEGER NOT NULL DEFAULT 1);
    CREATE INDEX questions_asked_at ON questions (asked_at);
    CREATE TABLE feedback (
        question_id BIGINT NOT NULL REFERENCES questions(id), user_hash TEXT NOT NULL, vote INTEGER NOT NULL,
        at DOUBLE PRECISION NOT NULL, PRIMARY KEY (question_id, user_hash));
    CREATE TABLE threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, PRIMARY KEY (channel, thread_ts));
    CREATE TABLE inbox (
        event_id TEXT PRIMARY KEY, received_at DOUBLE PRECISION NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL,
        claimed_at DOUBLE PRECISION NOT NULL, attempts INTEGER NOT NULL);
    CREATE INDEX inbox_pending ON inbox (claimed_at) WHERE state = 'pending';
    """,
    # 2: a person asked for, a question resolved; the section chosen after a 👎
    """
    CREATE TABLE outcomes (
        question_id BIGINT NOT NULL REFERENCES questions(id), outcome TEXT NOT NULL, user_hash TEXT NOT NULL,
        at DOUBLE PRECISION NOT NULL, PRIMARY KEY (question_id, outcome));
    CREATE TABLE choices (
        question_id BIGINT NOT NULL REFERENCES questions(id), user_hash TEXT NOT NULL, location TEXT NOT NULL,
        at DOUBLE PRECISION NOT NULL, PRIMARY KEY (question_id, user_hash));
    """,
    # 3: the thread a question was asked in, for links to it in the report
    """
    ALTER TABLE questions ADD COLUMN thread TEXT;
    """,
    # 4: of a "not found", what the docs lack though they hold its topic (a price, a page in progress)
    """
    ALTER TABLE questions ADD COLUMN missing TEXT;
    """,
    # 5: the Slack event a question came in, so that answering it again (a retry) logs it once
    """
    ALTER TABLE questions ADD COLUMN event_key TEXT;
    CREATE UNIQUE INDEX questions_event_key ON questions (event_key);
    """,
)
MIGRATION_LOCK = 0x66617162  # the advisory lock replicas starting together take turns on ("faqb")
CONNECT_TIMEOUT = 10  # seconds to reach the server at start-up
STATEMENT_TIMEOUT = 30_000  # ms: no query of faqbot's takes this long; one that does is cut off
# seconds the pool keeps trying (with backoff) to replace a connection before it gives up until the
# next operation asks: a server that is back is used within seconds, not after minutes of backoff
RECONNECT_TIMEOUT = 5.0
# seconds past its lock wait a statement may go without a reply before its connection is cut: the
# server itself cuts off any statement at STATEMENT_TIMEOUT, so silence beyond that is a server or
# network that stopped answering (a partition, a frozen host), which TCP may not notice for hours
NO_REPLY = STATEMENT_TIMEOUT / 1000 + 5
CHECK_REPLY = 5.0  # seconds for the empty query the pool checks a connection with before lending it
# seconds a statement of the start-up migration may go without a reply: it may wait on another
# replica's migration (milliseconds of DDL), never on a server that stopped answering
MIGRATION_REPLY = 120.0
MIGRATION_MARGIN = 5.0  # ... the server's own limit on each, this much earlier: it cancels, cleanly


class SchemaError(Exception):
    """The database's schema is not one this faqbot can use."""


def describe(url: str) -> str:
    """The database for messages: server, port and name, never the password."""
    parts = conninfo_to_dict(url)
    return f"postgresql://{parts.get('host') or 'localhost'}:{parts.get('port') or 5432}/{parts.get('dbname') or ''}"


def migrate(db: _Portable, limit: float = 0.0) -> int:
    """Bring the schema to the newest version, one replica at a time; returns the version. Each
    statement is watched (`db`); `limit` (seconds), when given, is the server's own limit on each,
    so that it cancels one that takes too long before the watchdog cuts the connection (a
    migration that needs longer needs a longer MIGRATION_REPLY)."""
    with db.conn.transaction():
        if limit:
            db.execute("SELECT set_config('statement_timeout', %s, true)", (str(int(limit * 1000)),))
        db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        db.execute("CREATE TABLE IF NOT EXISTS faqbot_schema (version INTEGER NOT NULL)")
        row = db.execute("SELECT max(version) FROM faqbot_schema").fetchone()
        version = row[0] if row and row[0] is not None else 0
        if version > len(MIGRATIONS):
            raise SchemaError(f"schema version {version} is newer than this faqbot knows ({len(MIGRATIONS)}):"
                              " upgrade faqbot, or point it at another database")
        for step in range(version, len(MIGRATIONS)):
            db.execute(MIGRATIONS[step])
        if version < len(MIGRATIONS):
            db.execute("DELETE FROM faqbot_schema")
            db.execute("INSERT INTO faqbot_schema VALUES (%s)", (len(MIGRATIONS),))
        db.watch.renew()  # the commit
    return len(MIGRATIONS)


class _Watch:
    """One operation's place on the watchdog: `renew` gives the next statement its own time."""

    def __init__(self, dog: _Watchdog, conn: psycopg.Connection, seconds: float) -> None:
        self.dog, self.conn, self.seconds = dog, conn, seconds

    def renew(self) -> None:
        self.dog.due(self)


class _Watchdog:
    """Cuts the connection of a statement that got no reply by its deadline, so that it fails like
    one the server dropped (and the store answers from memory) instead of holding a worker, or an
    acknowledgement, for as long as TCP keeps a silent connection open. One thread per store;
    cutting is a `shutdown` of the socket, which wakes the thread waiting on it. It happens under
    the lock that ends a watch, so a connection given back to the pool is never cut."""

    def __init__(self) -> None:
        self._due: dict[_Watch, float] = {}  # each watch's deadline
        self._lock = threading.Lock()
        self._changed = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="faqbot-db-watchdog", daemon=True)
        self._thread.start()

    @contextmanager
    def watching(self, conn: psycopg.Connection, seconds: float) -> Iterator[_Watch]:
        watch = _Watch(self, conn, seconds)
        self.due(watch)
        try:
            yield watch
        finally:
            with self._lock:
                self._due.pop(watch, None)  # gone already when it was cut

    def due(self, watch: _Watch) -> None:
        with self._lock:
            self._due[watch] = time.monotonic() + watch.seconds
        self._changed.set()

    def close(self) -> None:
        self._closed = True
        self._changed.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._closed:
            wait = None
            try:
                now = time.monotonic()
                with self._lock:
                    for watch, due in list(self._due.items()):
                        if due <= now:
                            del self._due[watch]
                            _cut(watch.conn)
                    wait = min((due - now for due in self._due.values()), default=None)
            except Exception:  # never let the watch end unseen
                log.exception("database watchdog")
            self._changed.wait(wait)
            self._changed.clear()


def _cut(conn: psycopg.Connection) -> None:
    """Shut the connection's socket down (its file descriptor stays psycopg's to close)."""
    try:
        copy = os.dup(conn.pgconn.socket)
    except (psycopg.OperationalError, OSError):
        return  # closed already
    try:
        sock = socket.socket(fileno=copy)
    except OSError:
        os.close(copy)
        return
    with sock, suppress(OSError):  # closed meanwhile
        sock.shutdown(socket.SHUT_RDWR)


class _Portable:
    """A psycopg connection that takes the shared SQL's `?` parameters (psycopg's are `%s`), each
    statement watched for a reply."""

    def __init__(self, conn: psycopg.Connection, watch: _Watch) -> None:
        self.conn = conn
        self.watch = watch

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        self.watch.renew()
        return self.conn.execute(sql.replace("?", "%s"), params)


class PostgresStore(Store):
    """The store in a PostgreSQL database that replicas share. `busy`: how long an operation waits
    for a connection or a lock (the bot: briefly, so an ack never waits); `connections`: the pool's
    size (the bot's workers and its acks)."""

    shared = True
    errors = (psycopg.Error,)  # the pool's timeout included
    pending_lock = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: str, busy: float = 30.0, key: bytes | None = None, lease: float = LEASE,
                 retention_days: float = RETENTION_DAYS, connections: int = 8, reader: bool = False,
                 no_reply: float = NO_REPLY, migration_reply: float = MIGRATION_REPLY) -> None:
        super().__init__(describe(url), key, lease, retention_days)
        self._watchdog = _Watchdog()
        try:
            # the start waits on other replicas' migrations (an advisory lock), not on a silent server
            with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, application_name="faqbot") as conn, \
                    self._watchdog.watching(conn, migration_reply) as watch:
                self.version = migrate(_Portable(conn, watch),
                                       max(migration_reply - MIGRATION_MARGIN, migration_reply / 2))
        except BaseException:
            self._watchdog.close()
            raise
        self._deadline = busy + no_reply  # per statement: the lock wait, the server's own limit, a margin
        self._check_deadline = min(self._deadline, CHECK_REPLY)
        options = f"-c lock_timeout={int(busy * 1000)} -c statement_timeout={STATEMENT_TIMEOUT}"
        self._pool = ConnectionPool(url, min_size=1, max_size=max(connections, 2), timeout=busy, open=False,
                                    check=self._check, name="faqbot",
                                    reconnect_timeout=RECONNECT_TIMEOUT,
                                    kwargs={"application_name": "faqbot", "options": options,
                                            "connect_timeout": CONNECT_TIMEOUT})
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
            if not reader:
                self.forget_old()
        except BaseException:
            self.close()  # the pool's threads and the watchdog's
            raise

    def _check(self, conn: psycopg.Connection) -> None:
        """The pool's check of a connection before lending it: an empty query, answered at once by
        a server that is there (else the pool drops the connection and tries another)."""
        with self._watchdog.watching(conn, self._check_deadline):
            ConnectionPool.check_connection(conn)

    @contextmanager
    def _db(self) -> Iterator[_Portable]:
        # one transaction, committed at the end or rolled back on an error, each statement watched:
        # the rollback too, here (on leaving the pool's block it would not be)
        with self._pool.connection() as conn, self._watchdog.watching(conn, self._deadline) as watch:
            try:
                yield _Portable(conn, watch)
            except BaseException:
                watch.renew()
                with suppress(psycopg.Error):  # a connection cut or lost: the pool replaces it
                    conn.rollback()
                raise
            watch.renew()
            conn.commit()

    def close(self) -> None:
        self._pool.close()
        self._watchdog.close()

"""The embedded store: one SQLite file (WAL, so the bot writes while `faqbot report` reads), owner
only, with the pseudonyms' key in a file beside it. For one process; replicas share PostgreSQL."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.store.base import LEASE, RETENTION_DAYS, Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY, asked_at REAL NOT NULL, user_hash TEXT NOT NULL, channel TEXT NOT NULL,
    source TEXT NOT NULL, question TEXT NOT NULL, top_location TEXT, score REAL, answered INTEGER NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 1, thread TEXT, missing TEXT, event_key TEXT);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions(id), user_hash TEXT NOT NULL, vote INTEGER NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (question_id, user_hash));
CREATE TABLE IF NOT EXISTS threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, PRIMARY KEY (channel, thread_ts));
CREATE TABLE IF NOT EXISTS outcomes (
    question_id INTEGER NOT NULL REFERENCES questions(id), outcome TEXT NOT NULL, user_hash TEXT NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (question_id, outcome));
CREATE TABLE IF NOT EXISTS choices (
    question_id INTEGER NOT NULL REFERENCES questions(id), user_hash TEXT NOT NULL, location TEXT NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (question_id, user_hash));
CREATE TABLE IF NOT EXISTS inbox (
    event_id TEXT PRIMARY KEY, received_at REAL NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL,
    claimed_at REAL NOT NULL, attempts INTEGER NOT NULL);
"""


def _private(path: Path) -> None:
    """The database file readable by its owner only (0600), in a folder of its own (0700 when
    faqbot makes it)."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    os.chmod(path, 0o600)


def _key_file(path: Path) -> bytes:
    """The pseudonyms' key: a file of its own beside the database (0600), made on first use."""
    key_path = path.with_name(path.name + ".key")
    try:
        fd = os.open(key_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return key_path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_bytes(32))
    return key_path.read_bytes()


class SqliteStore(Store):
    """The store in one SQLite file. One short connection per operation: listeners run on many
    threads. `busy`: how long an operation waits on another's lock (the bot: briefly, so an ack
    never waits)."""

    errors = (sqlite3.Error,)

    def __init__(self, path: Path, busy: float = 30.0, key: bytes | None = None, lease: float = LEASE,
                 retention_days: float = RETENTION_DAYS, reader: bool = False) -> None:
        super().__init__(str(path), None, lease, retention_days)
        self.path = path
        self.busy = busy
        _private(path)
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(questions)")}
            if "delivered" not in columns:  # a database of an earlier faqbot
                db.execute("ALTER TABLE questions ADD COLUMN delivered INTEGER NOT NULL DEFAULT 1")
            if "thread" not in columns:
                db.execute("ALTER TABLE questions ADD COLUMN thread TEXT")
            if "missing" not in columns:
                db.execute("ALTER TABLE questions ADD COLUMN missing TEXT")
            if "event_key" not in columns:
                db.execute("ALTER TABLE questions ADD COLUMN event_key TEXT")
            db.execute("CREATE UNIQUE INDEX IF NOT EXISTS questions_event_key ON questions (event_key)")
            # an earlier faqbot kept the salt of its pseudonyms here, beside them: gone, so they stay pseudonyms
            db.execute("DELETE FROM meta WHERE key='salt'")
        for extra in ("-wal", "-shm"):
            if Path(f"{path}{extra}").exists():
                os.chmod(f"{path}{extra}", 0o600)
        if reader:
            self._key = key
            return
        self._key = key or _key_file(path)
        self.forget_old()

    def close(self) -> None:
        pass  # a connection lives for one operation: none is held

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=self.busy, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout={int(self.busy * 1000)}")
            yield db
        finally:
            db.close()

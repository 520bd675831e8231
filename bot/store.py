"""What the bot learns from use, in one SQLite file (WAL, so the bot writes while `faqbot report`
reads): every question and its outcome, every 👍/👎, the threads it answers in, and the inbox of
Slack events: each stored before it is acknowledged and marked done once it is answered, so a
retried or repeated event is answered once and an event in flight when the process died is
answered after the next start."""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY, asked_at REAL NOT NULL, user_hash TEXT NOT NULL, channel TEXT NOT NULL,
    source TEXT NOT NULL, question TEXT NOT NULL, top_location TEXT, score REAL, answered INTEGER NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions(id), user_hash TEXT NOT NULL, vote INTEGER NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (question_id, user_hash));
CREATE TABLE IF NOT EXISTS threads (channel TEXT NOT NULL, thread_ts TEXT NOT NULL, PRIMARY KEY (channel, thread_ts));
CREATE TABLE IF NOT EXISTS inbox (
    event_id TEXT PRIMARY KEY, received_at REAL NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL,
    claimed_at REAL NOT NULL, attempts INTEGER NOT NULL);
"""
EVENTS_KEPT = 7 * 24 * 3600  # Slack retries within minutes; a week of ids is plenty
LEASE = 120.0  # seconds an event is being worked on: after that a retry or the recovery may take it over
MAX_ATTEMPTS = 5  # an event that failed this often is given up (logged), not tried for ever
FAULT_SHOWN = 60.0  # a storage fault is logged at most this often, and reported unhealthy this long
REMEMBERED = 100_000  # event ids and threads kept in memory, for when the database fails
RETENTION_DAYS = 90.0  # questions and votes older than this are deleted
DAY = 86400.0

log = logging.getLogger("faqbot")
T = TypeVar("T")


def _keeps_answering(fallback: Callable[..., Any]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A store operation of the answer path: when the database fails (read-only, corrupt, disk
    full, locked past the busy timeout) the bot answers anyway; the fault is logged once a minute
    and makes the bot unhealthy, and `fallback` (memory) stands in for the database."""
    def wrap(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def guarded(self: Store, *args: Any, **kwargs: Any) -> T:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                self._fault_seen(method.__name__, exc)
                return fallback(self, *args, **kwargs)
        return guarded
    return wrap
MAX_STORED_QUESTION = 2000


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


@dataclass
class ReportLine:
    text: str
    count: int


class Store:
    """The bot's database. One short connection per operation: listeners run on many threads.
    `busy`: how long an operation waits on another's lock (the bot: briefly, so an ack never waits)."""

    def __init__(self, path: Path, busy: float = 30.0, key: bytes | None = None,
                 retention_days: float = RETENTION_DAYS) -> None:
        self.path = path
        self.busy = busy
        self.retention = retention_days * DAY
        self._fault: tuple[float, str] | None = None  # when the database last failed, and how
        self._fault_logged = 0.0
        self._lock = threading.Lock()
        self._events: OrderedDict[str, None] = OrderedDict()  # event ids seen, for when the database fails
        self._threads: set[tuple[str, str]] = set()
        _private(path)
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(questions)")}
            if "delivered" not in columns:  # a database of an earlier faqbot
                db.execute("ALTER TABLE questions ADD COLUMN delivered INTEGER NOT NULL DEFAULT 1")
            # an earlier faqbot kept the salt of its pseudonyms here, beside them: gone, so they stay pseudonyms
            db.execute("DELETE FROM meta WHERE key='salt'")
        for extra in ("-wal", "-shm"):
            if Path(f"{path}{extra}").exists():
                os.chmod(f"{path}{extra}", 0o600)
        self._key = key or _key_file(path)
        self.forget_old()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=self.busy, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout={int(self.busy * 1000)}")
            yield db
        finally:
            db.close()

    def _fault_seen(self, operation: str, exc: sqlite3.Error) -> None:
        now = time.monotonic()
        with self._lock:
            self._fault = (now, f"{type(exc).__name__}: {exc}")
            show = now - self._fault_logged >= FAULT_SHOWN
            if show:
                self._fault_logged = now
        if show:
            log.error("database %s failed (%s: %s); answering on without it", self.path, operation, exc)

    def problem(self) -> str | None:
        """What is wrong with the database, if it failed in the last minute."""
        fault = self._fault
        return fault[1] if fault and time.monotonic() - fault[0] < FAULT_SHOWN else None

    def _remember_event(self, event_id: str, *_: Any) -> bool:
        """Seen for the first time in this process (the fallback when the database fails)."""
        with self._lock:
            if event_id in self._events:
                return False
            self._events[event_id] = None
            if len(self._events) > REMEMBERED:
                self._events.popitem(last=False)
            return True

    def user_hash(self, user: str) -> str:
        """A stable pseudonym: questions per person can be counted, not traced back. A keyed hash
        whose key is not in the database: a copy of the database and a member list are not enough."""
        return hmac.new(self._key, user.encode(), hashlib.sha256).hexdigest()[:16]

    @_keeps_answering(lambda *_: 0)
    def forget_old(self) -> int:
        """Delete questions and votes older than the retention, and the inbox's finished events
        after a week (their text is gone when they are done). Returns the questions deleted."""
        now = time.time()
        with self._db() as db:
            old = "SELECT id FROM questions WHERE asked_at < ?"
            db.execute(f"DELETE FROM feedback WHERE question_id IN ({old})", (now - self.retention,))
            deleted = db.execute("DELETE FROM questions WHERE asked_at < ?", (now - self.retention,)).rowcount
            db.execute("DELETE FROM inbox WHERE state != 'pending' AND received_at < ?", (now - EVENTS_KEPT,))
        return deleted

    # -- the inbox of Slack events ------------------------------------------------------------

    @_keeps_answering(_remember_event)
    def receive(self, event_id: str, body: str) -> bool:
        """Store a delivered event before it is acknowledged; True when it is to be worked on now:
        the first delivery, or a retry of one still pending that nobody works on (its worker died)."""
        now = time.time()
        with self._db() as db:
            if db.execute("INSERT OR IGNORE INTO inbox VALUES (?, ?, ?, 'pending', ?, 1)",
                          (event_id, now, body, now)).rowcount == 1:
                if secrets.randbelow(200) == 0:
                    db.execute("DELETE FROM inbox WHERE state != 'pending' AND received_at < ?", (now - EVENTS_KEPT,))
                taken = True
            else:
                taken = db.execute("UPDATE inbox SET claimed_at=?, attempts=attempts+1 WHERE event_id=?"
                                   " AND state='pending' AND claimed_at < ?",
                                   (now, event_id, now - LEASE)).rowcount == 1
        self._remember_event(event_id)  # should the database fail later, its retries are still known
        return taken

    @_keeps_answering(lambda *_: None)
    def finish(self, event_id: str, state: str = "done") -> None:
        """The event is answered (or needs no answer, or is given up: `state`)."""
        with self._db() as db:  # the event's text is not kept once it needs nothing more
            db.execute("UPDATE inbox SET state=?, body='' WHERE event_id=?", (state, event_id))

    @_keeps_answering(lambda *_: ([], []))
    def unfinished(self, max_age: float, everyone: bool) -> tuple[list[str], list[str]]:
        """Claim the pending events to work on again: younger than `max_age` seconds and not being
        worked on (`everyone`: at start-up, when every claim is a dead process's). Returns their
        bodies, and the ids of those given up (too old, or tried MAX_ATTEMPTS times)."""
        now = time.time()
        with self._db() as db:
            db.execute("BEGIN IMMEDIATE")
            lost = [r[0] for r in db.execute(
                "SELECT event_id FROM inbox WHERE state='pending' AND (received_at < ? OR attempts >= ?)",
                (now - max_age, MAX_ATTEMPTS))]
            db.executemany("UPDATE inbox SET state='missed' WHERE event_id=?", [(e,) for e in lost])
            rows = db.execute("SELECT event_id, body FROM inbox WHERE state='pending' AND claimed_at < ?",
                              (now if everyone else now - LEASE,)).fetchall()
            db.executemany("UPDATE inbox SET claimed_at=?, attempts=attempts+1 WHERE event_id=?",
                           [(now, e) for e, _ in rows])
            db.execute("COMMIT")
        return [body for _, body in rows], lost

    @_keeps_answering(lambda *_: 0)
    def log_question(self, user: str, channel: str, source: str, question: str, top_location: str | None,
                     score: float | None, answered: bool) -> int:
        with self._db() as db:
            cursor = db.execute(
                "INSERT INTO questions (asked_at, user_hash, channel, source, question, top_location, score, answered)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (time.time(), self.user_hash(user), channel, source, question[:MAX_STORED_QUESTION], top_location,
                 score, int(answered)))
            return int(cursor.lastrowid or 0)

    @_keeps_answering(lambda *_: None)
    def undelivered(self, question_id: int) -> None:
        """The answer to this question never reached Slack: it is no answer given."""
        with self._db() as db:
            db.execute("UPDATE questions SET delivered=0 WHERE id=?", (question_id,))

    @_keeps_answering(lambda *_: False)
    def vote(self, question_id: int, user: str, vote: int) -> bool:
        """Record 👍 (+1) or 👎 (-1); a second vote by the same person replaces the first."""
        with self._db() as db:
            if db.execute("SELECT 1 FROM questions WHERE id=?", (question_id,)).fetchone() is None:
                return False
            db.execute("INSERT OR REPLACE INTO feedback VALUES (?, ?, ?, ?)",
                       (question_id, self.user_hash(user), 1 if vote > 0 else -1, time.time()))
        return True

    @_keeps_answering(lambda *_: None)
    def remember_thread(self, channel: str, thread_ts: str) -> None:
        with self._lock:
            if len(self._threads) < REMEMBERED:
                self._threads.add((channel, thread_ts))
        with self._db() as db:
            db.execute("INSERT OR IGNORE INTO threads VALUES (?, ?)", (channel, thread_ts))

    @_keeps_answering(lambda self, channel, thread_ts: (channel, thread_ts) in self._threads)
    def answers_in(self, channel: str, thread_ts: str) -> bool:
        with self._db() as db:
            return db.execute("SELECT 1 FROM threads WHERE channel=? AND thread_ts=?",
                              (channel, thread_ts)).fetchone() is not None

    # -- for docs maintainers ------------------------------------------------------------------

    def unanswered(self, limit: int = 20) -> list[ReportLine]:
        """The questions most often asked without an answer (compared case-insensitively)."""
        with self._db() as db:
            rows = db.execute(
                "SELECT MIN(question), COUNT(*) AS n FROM questions WHERE answered=0 AND trim(question) != ''"
                " GROUP BY lower(trim(question)) ORDER BY n DESC, MAX(asked_at) DESC LIMIT ?", (limit,)).fetchall()
        return [ReportLine(q, n) for q, n in rows]

    def disliked(self, limit: int = 20) -> list[ReportLine]:
        """The answers (sections) with the most 👎."""
        with self._db() as db:
            rows = db.execute(
                "SELECT q.top_location, COUNT(*) AS n FROM feedback f JOIN questions q ON q.id = f.question_id"
                " WHERE f.vote < 0 AND q.top_location IS NOT NULL GROUP BY q.top_location"
                " ORDER BY n DESC LIMIT ?", (limit,)).fetchall()
        return [ReportLine(loc, n) for loc, n in rows]

    def totals(self) -> dict[str, int]:
        with self._db() as db:
            asked, unanswered, undelivered = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(answered=0), 0), COALESCE(SUM(delivered=0), 0)"
                " FROM questions").fetchone()
            up, down = db.execute("SELECT COALESCE(SUM(vote>0), 0), COALESCE(SUM(vote<0), 0) FROM feedback").fetchone()
        return {"questions": asked, "unanswered": unanswered, "undelivered": undelivered, "up": up,
                "down": down}

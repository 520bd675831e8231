"""The store's one interface, and everything its two implementations share: the questions, votes,
followed threads and the inbox of Slack events in SQL both SQLite and PostgreSQL run (`?` for a
parameter), the leases on events, the keyed pseudonyms, and answering on without the database."""

from __future__ import annotations

import functools
import hashlib
import hmac
import logging
import math
import threading
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol, TypeVar

EVENTS_KEPT = 7 * 24 * 3600  # Slack retries within minutes; a week of ids is plenty
LEASE = 60.0  # seconds a claim on an event lasts unless its process renews it (it does, every third)
MAX_ATTEMPTS = 5  # an event that failed this often is given up (logged), not tried for ever
FAULT_SHOWN = 60.0  # a storage fault is logged at most this often, and reported unhealthy this long
REMEMBERED = 100_000  # event ids and threads kept in memory, for when the database fails
RETENTION_DAYS = 90.0  # questions and votes older than this are deleted
MAX_STORED_QUESTION = 2000
DAY = 86400.0
IDS_PER_STATEMENT = 500  # event ids renewed or given back per statement

log = logging.getLogger("faqbot")
T = TypeVar("T")


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Sequence[Any] | None: ...
    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """What the shared SQL needs of a connection: sqlite3's, or psycopg's behind a `?` translation."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Cursor: ...


@dataclass
class ReportLine:
    text: str
    count: int


@dataclass
class PersonLine:
    """A section (None: "not found") and how often its answer was escalated to a person, and how
    often a question answered with it was marked resolved."""

    location: str | None
    escalated: int
    resolved: int


@dataclass
class AskedLine:
    """A question asked without an answer, how often, and where it was last asked (a channel, and
    the thread's ts when it was asked in one)."""

    text: str
    count: int
    channel: str
    thread: str | None
    missing: str = ""  # when the docs hold its topic but not what was asked (Answer.missing), last time


@dataclass
class ChoiceLine:
    """After a 👎: the question, the section it was answered with, and the one its asker chose
    instead ("" for none of those offered)."""

    question: str
    answered_with: str | None
    chosen: str


@dataclass
class Period:
    """The report of the questions asked in [since, until)."""

    since: float
    until: float
    unanswered: list[AskedLine]
    disliked: list[ReportLine]
    chosen: list[ChoiceLine]
    people: list[PersonLine]


def keeps_answering(fallback: Callable[..., Any]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A store operation of the answer path: when the database fails (read-only, corrupt, disk
    full, locked past the busy timeout, the server gone) the bot answers anyway; the fault is logged
    once a minute and makes the bot unhealthy, and `fallback` (memory) stands in for the database."""
    def wrap(method: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(method)
        def guarded(self: Store, *args: Any, **kwargs: Any) -> T:
            try:
                return method(self, *args, **kwargs)
            except self.errors as exc:
                self._fault_seen(method.__name__, exc)
                return fallback(self, *args, **kwargs)
        return guarded
    return wrap


class Claim(Enum):
    """What a delivery of a Slack event is to the process that received it."""

    FIRST = "first"  # never seen before: answer it
    # taken over from a worker that died (its lease ran out), or received while the database failed
    # (another replica, or this process before, may have answered it): answer it unless the
    # conversation already holds its answer
    AGAIN = "again"
    NO = "no"  # answered, or being answered: nothing to do

    def __bool__(self) -> bool:
        return self is not Claim.NO


class Store(ABC):
    """The bot's database: every question and its outcome, every 👍/👎, the threads it answers in,
    and the inbox of Slack events — each stored before it is acknowledged and marked done once
    answered, so a retried or repeated event is answered once and one in flight when its process
    died is answered by the next (or by another replica). An event being worked on is *claimed*: its
    lease lasts `lease` seconds, renewed by its process while it works on it; a lease that ran out
    belongs to a process that died or gave up, and anyone may take the event over."""

    shared = False  # other processes work on the same inbox at the same time (replicas)
    errors: tuple[type[Exception], ...] = ()  # what the database raises when it fails
    pending_lock = ""  # how the selection of pending events to claim locks them

    def __init__(self, name: str, key: bytes | None, lease: float, retention_days: float) -> None:
        self.name = name  # for messages: never a password
        self.lease = lease
        self.retention = retention_days * DAY
        self._key = key
        self._fault: tuple[float, str] | None = None  # when the database last failed, and how
        self._fault_logged = 0.0
        self._lock = threading.Lock()
        self._events: OrderedDict[str, None] = OrderedDict()  # event ids seen, for when the database fails
        self._unstored: set[str] = set()  # ... and those taken while it failed, so never stored
        self._threads: set[tuple[str, str]] = set()
        self._held: set[str] = set()  # the events this process claimed and has not finished

    @abstractmethod
    def _db(self) -> AbstractContextManager[Connection]:
        """A connection for one operation (a transaction on PostgreSQL)."""

    @abstractmethod
    def close(self) -> None:
        """Let go of the database's connections."""

    def _fault_seen(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self._fault = (now, f"{type(exc).__name__}: {str(exc).strip()}")
            show = now - self._fault_logged >= FAULT_SHOWN
            if show:
                self._fault_logged = now
        if show:
            log.error("database %s failed (%s: %s); answering on without it", self.name, operation, exc)

    def problem(self) -> str | None:
        """What is wrong with the database, if it failed in the last minute."""
        fault = self._fault
        return fault[1] if fault and time.monotonic() - fault[0] < FAULT_SHOWN else None

    def _remember_event(self, event_id: str) -> bool:
        """Seen for the first time in this process."""
        with self._lock:
            if event_id in self._events:
                return False
            self._events[event_id] = None
            if len(self._events) > REMEMBERED:
                self._events.popitem(last=False)
            return True

    def _receive_in_memory(self, event_id: str, *_: Any) -> Claim:
        """`receive` while the database fails: an event new to this process is answered, after a
        look at its conversation (another replica, or this one before the fault, may have)."""
        if not self._remember_event(event_id):
            return Claim.NO
        with self._lock:
            self._unstored.add(event_id)
        return Claim.AGAIN

    def user_hash(self, user: str) -> str:
        """A stable pseudonym: questions per person can be counted, not traced back. A keyed hash
        whose key is not in the database: a copy of the database and a member list are not enough."""
        if self._key is None:
            raise RuntimeError(f"no pseudonym key for {self.name} (FAQBOT_PSEUDONYM_KEY)")
        return hmac.new(self._key, user.encode(), hashlib.sha256).hexdigest()[:16]

    @keeps_answering(lambda *_, **__: 0)
    def forget_old(self) -> int:
        """Delete questions and votes older than the retention, and the inbox's finished events
        after a week (their text is gone when they are done). Returns the questions deleted."""
        now = time.time()
        with self._db() as db:
            old = "SELECT id FROM questions WHERE asked_at < ?"
            for table in ("feedback", "outcomes", "choices"):
                db.execute(f"DELETE FROM {table} WHERE question_id IN ({old})", (now - self.retention,))
            deleted = db.execute("DELETE FROM questions WHERE asked_at < ?", (now - self.retention,)).rowcount
            db.execute("DELETE FROM inbox WHERE state != 'pending' AND received_at < ?", (now - EVENTS_KEPT,))
        return deleted

    # -- the inbox of Slack events ------------------------------------------------------------

    @keeps_answering(_receive_in_memory)
    def receive(self, event_id: str, body: str) -> Claim:
        """Store a delivered event before it is acknowledged, and say whether to work on it now:
        its first delivery, or a retry of one still pending whose lease ran out (its worker died,
        perhaps after posting the answer: so AGAIN). Atomic: of all deliveries of an event to all
        replicas, one at a time is to be worked on."""
        now = time.time()
        with self._db() as db:
            if db.execute("INSERT INTO inbox VALUES (?, ?, ?, 'pending', ?, 1) ON CONFLICT DO NOTHING",
                          (event_id, now, body, now)).rowcount == 1:
                claim = Claim.FIRST  # finished events are deleted after a week by forget_old
            elif db.execute("UPDATE inbox SET claimed_at=?, attempts=attempts+1 WHERE event_id=?"
                            " AND state='pending' AND claimed_at < ?",
                            (now, event_id, now - self.lease)).rowcount == 1:
                claim = Claim.AGAIN
            else:
                claim = Claim.NO
        self._remember_event(event_id)  # should the database fail later, its retries are still known
        with self._lock:
            if claim is Claim.FIRST and event_id in self._unstored:
                claim = Claim.AGAIN  # answered from memory while the database failed
            self._unstored.discard(event_id)
            if claim:
                self._held.add(event_id)
        return claim

    @keeps_answering(lambda *_, **__: None)
    def finish(self, event_id: str, state: str = "done") -> None:
        """The event is answered (or needs no answer, or is given up: `state`)."""
        with self._lock:
            self._held.discard(event_id)
        with self._db() as db:  # the event's text is not kept once it needs nothing more
            db.execute("UPDATE inbox SET state=?, body='' WHERE event_id=?", (state, event_id))

    def release(self, event_id: str) -> None:
        """Stop renewing the claim on an event left pending (Slack did not take its answer for a
        passing reason): once its lease runs out, the recovery tries it again."""
        with self._lock:
            self._held.discard(event_id)

    @keeps_answering(lambda *_, **__: 0)
    def renew(self) -> int:
        """Renew the leases of the events this process is working on (or has queued), so that no
        one takes them over while it lives. Returns how many."""
        with self._lock:
            held = sorted(self._held)
        now = time.time()
        with self._db() as db:
            for chunk in _chunks(held, IDS_PER_STATEMENT):
                db.execute(f"UPDATE inbox SET claimed_at=? WHERE state='pending' AND event_id IN ({_marks(chunk)})",
                           (now, *chunk))
        return len(held)

    @keeps_answering(lambda *_, **__: 0)
    def give_back(self) -> int:
        """At a clean stop: the events claimed and never worked on are free for anyone at once (a
        replica, or the next start) instead of when their lease runs out. Returns how many."""
        with self._lock:
            held, self._held = sorted(self._held), set()
        with self._db() as db:
            for chunk in _chunks(held, IDS_PER_STATEMENT):
                db.execute(f"UPDATE inbox SET claimed_at=0 WHERE state='pending' AND event_id IN ({_marks(chunk)})",
                           tuple(chunk))
        return len(held)

    @keeps_answering(lambda *_, **__: ([], []))
    def unfinished(self, max_age: float, everyone: bool) -> tuple[list[str], list[str]]:
        """Claim the pending events to work on again: younger than `max_age` seconds and whose lease
        ran out (`everyone`, at start-up: every claim is a dead process's — unless the store is
        shared, where the other replicas' claims are alive). Returns their bodies, and the ids of
        those given up (too old, or tried MAX_ATTEMPTS times, and nobody working on them)."""
        now = time.time()
        expired = now if everyone and not self.shared else now - self.lease
        with self._db() as db:
            lost = [r[0] for r in db.execute(
                "UPDATE inbox SET state='missed' WHERE state='pending' AND claimed_at < ?"
                " AND (received_at < ? OR attempts >= ?) RETURNING event_id",
                (expired, now - max_age, MAX_ATTEMPTS)).fetchall()]
            rows = db.execute(
                "UPDATE inbox SET claimed_at=?, attempts=attempts+1 WHERE event_id IN (SELECT event_id FROM inbox"
                f" WHERE state='pending' AND claimed_at < ?{self.pending_lock}) RETURNING event_id, body",
                (now, expired)).fetchall()
        with self._lock:
            self._held.update(event_id for event_id, _ in rows)
        return [body for _, body in rows], lost

    # -- questions, votes, threads ---------------------------------------------------------------

    @keeps_answering(lambda *_, **__: 0)
    def log_question(self, user: str, channel: str, source: str, question: str, top_location: str | None,
                     score: float | None, answered: bool, thread: str | None = None, missing: str = "",
                     key: str = "") -> int:
        """A question and its outcome; `thread`: the ts of the thread it was asked in (for links);
        `missing`: of a "not found", what the docs lack though they hold its topic (Answer.missing).
        `key`: the Slack event it came in; a question answered again (a retry, a recovery) keeps the
        row it got the first time, its outcome brought up to date, so it is counted once."""
        with self._db() as db:
            row = db.execute(
                "INSERT INTO questions (asked_at, user_hash, channel, source, question, top_location, score, answered,"
                " thread, missing, event_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_key)"
                " DO UPDATE SET top_location=excluded.top_location, score=excluded.score, answered=excluded.answered,"
                " missing=excluded.missing, delivered=1 RETURNING id",
                (time.time(), self.user_hash(user), channel, source, question[:MAX_STORED_QUESTION], top_location,
                 score, int(answered), thread, missing or None, key or None)).fetchone()
        return int(row[0]) if row else 0

    @keeps_answering(lambda *_, **__: None)
    def undelivered(self, question_id: int) -> None:
        """The answer to this question never reached Slack: it is no answer given."""
        with self._db() as db:
            db.execute("UPDATE questions SET delivered=0 WHERE id=?", (question_id,))

    @keeps_answering(lambda *_, **__: False)
    def vote(self, question_id: int, user: str, vote: int) -> bool:
        """Record 👍 (+1) or 👎 (-1); a second vote by the same person replaces the first."""
        return self._say("feedback", "vote", question_id, user, 1 if vote > 0 else -1)

    def _say(self, table: str, column: str, question_id: int, user: str, value: object) -> bool:
        """A person's say on a question (a vote, a section chosen), replacing their earlier one;
        False when the question is unknown."""
        with self._db() as db:
            if db.execute("SELECT 1 FROM questions WHERE id=?", (question_id,)).fetchone() is None:
                return False
            db.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?) ON CONFLICT (question_id, user_hash)"
                       f" DO UPDATE SET {column}=excluded.{column}, at=excluded.at",
                       (question_id, self.user_hash(user), value, time.time()))
        return True

    @keeps_answering(lambda *_, **__: None)
    def remember_thread(self, channel: str, thread_ts: str) -> None:
        with self._lock:
            if len(self._threads) < REMEMBERED:
                self._threads.add((channel, thread_ts))
        with self._db() as db:
            db.execute("INSERT INTO threads VALUES (?, ?) ON CONFLICT DO NOTHING", (channel, thread_ts))

    @keeps_answering(lambda self, channel, thread_ts: (channel, thread_ts) in self._threads)
    def answers_in(self, channel: str, thread_ts: str) -> bool:
        with self._db() as db:
            return db.execute("SELECT 1 FROM threads WHERE channel=? AND thread_ts=?",
                              (channel, thread_ts)).fetchone() is not None

    @keeps_answering(lambda *_, **__: None)
    def question(self, question_id: int) -> tuple[str, str | None] | None:
        """The question asked and the section it was answered with (None: not found)."""
        with self._db() as db:
            row = db.execute("SELECT question, top_location FROM questions WHERE id=?", (question_id,)).fetchone()
        return (str(row[0]), row[1]) if row else None

    @keeps_answering(lambda *_, **__: False)
    def outcome(self, question_id: int, user: str, outcome: str) -> bool:
        """Record that a person asked for a person ("escalated") or marked the question
        "resolved"; once per question and outcome (the first click counts). False when the
        question is unknown or this was already recorded."""
        with self._db() as db:
            if db.execute("SELECT 1 FROM questions WHERE id=?", (question_id,)).fetchone() is None:
                return False
            cursor = db.execute("INSERT INTO outcomes VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                (question_id, outcome, self.user_hash(user), time.time()))
        return cursor.rowcount > 0

    @keeps_answering(lambda *_, **__: None)
    def withdraw(self, question_id: int, outcome: str) -> None:
        """Forget an outcome that did not come about (the people asked for were never told), so
        that the next click tries again."""
        with self._db() as db:
            db.execute("DELETE FROM outcomes WHERE question_id=? AND outcome=?", (question_id, outcome))

    @keeps_answering(lambda *_, **__: False)
    def choose(self, question_id: int, user: str, location: str) -> bool:
        """After a 👎, the section the person was looking for ("" for none of those offered)."""
        return self._say("choices", "location", question_id, user, location)

    # -- for docs maintainers ------------------------------------------------------------------

    def unanswered(self, limit: int = 20) -> list[AskedLine]:
        """The questions most often asked without an answer (compared case-insensitively)."""
        return self.period(0.0, math.inf, limit).unanswered

    def disliked(self, limit: int = 20) -> list[ReportLine]:
        """The answers (sections) with the most 👎."""
        return self.period(0.0, math.inf, limit).disliked

    def chosen_instead(self, limit: int = 20) -> list[ChoiceLine]:
        """Questions answered with one section whose askers chose another (newest first): sections
        the docs' maintainers may want to make findable by such questions."""
        return self.period(0.0, math.inf, limit).chosen

    def people_asked(self, limit: int = 20) -> list[PersonLine]:
        """Per section (None: not found), questions escalated to a person and questions resolved."""
        return self.period(0.0, math.inf, limit).people

    def period(self, since: float, until: float, limit: int = 10) -> Period:
        """What the docs' maintainers should see of the questions asked in [since, until): the
        unanswered (with where one was asked), the sections with 👎 and what was chosen instead,
        and the sections people asked a person about."""
        window = (since, until)
        with self._db() as db:
            grouped = db.execute(
                "SELECT MIN(question), COUNT(*) AS n FROM questions WHERE answered=0"
                " AND trim(question) != '' AND asked_at >= ? AND asked_at < ? GROUP BY lower(trim(question))"
                " ORDER BY n DESC, MAX(asked_at) DESC LIMIT ?", (*window, limit)).fetchall()
            unanswered = []
            for question, n in grouped:  # where it was asked last, channel and thread of one row
                where = db.execute(
                    "SELECT channel, thread, missing FROM questions WHERE answered=0"
                    " AND lower(trim(question)) = lower(trim(?))"
                    " AND asked_at >= ? AND asked_at < ? ORDER BY asked_at DESC LIMIT 1",
                    (question, *window)).fetchone()
                unanswered.append((question, n, *(where or ("", None, None))))
            disliked = db.execute(
                "SELECT q.top_location, COUNT(*) AS n FROM feedback f JOIN questions q ON q.id = f.question_id"
                " WHERE f.vote < 0 AND q.top_location IS NOT NULL AND q.asked_at >= ? AND q.asked_at < ?"
                " GROUP BY q.top_location ORDER BY n DESC, q.top_location LIMIT ?", (*window, limit)).fetchall()
            chosen = db.execute(
                "SELECT q.question, q.top_location, c.location FROM choices c JOIN questions q ON q.id = c.question_id"
                " WHERE q.asked_at >= ? AND q.asked_at < ? ORDER BY c.at DESC LIMIT ?", (*window, limit)).fetchall()
            people = db.execute(
                "SELECT q.top_location, SUM(CASE WHEN o.outcome='escalated' THEN 1 ELSE 0 END) AS e,"
                " SUM(CASE WHEN o.outcome='resolved' THEN 1 ELSE 0 END) FROM outcomes o"
                " JOIN questions q ON q.id = o.question_id WHERE q.asked_at >= ? AND q.asked_at < ?"
                " GROUP BY q.top_location ORDER BY e DESC, q.top_location LIMIT ?", (*window, limit)).fetchall()
        return Period(since, until,
                      [AskedLine(str(q), int(n), str(channel), thread, missing or "")
                       for q, n, channel, thread, missing in unanswered],
                      [ReportLine(loc, int(n)) for loc, n in disliked],
                      [ChoiceLine(str(q), loc, str(c)) for q, loc, c in chosen],
                      [PersonLine(loc, int(e), int(r)) for loc, e, r in people])


    def totals(self) -> dict[str, int]:
        with self._db() as db:
            row = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN answered=0 THEN 1 ELSE 0 END), 0),"
                " COALESCE(SUM(CASE WHEN delivered=0 THEN 1 ELSE 0 END), 0) FROM questions").fetchone()
            votes = db.execute("SELECT COALESCE(SUM(CASE WHEN vote>0 THEN 1 ELSE 0 END), 0),"
                               " COALESCE(SUM(CASE WHEN vote<0 THEN 1 ELSE 0 END), 0) FROM feedback").fetchone()
            outcomes = db.execute("SELECT COALESCE(SUM(CASE WHEN outcome='escalated' THEN 1 ELSE 0 END), 0),"
                                  " COALESCE(SUM(CASE WHEN outcome='resolved' THEN 1 ELSE 0 END), 0) FROM outcomes"
                                  ).fetchone()
        assert row is not None and votes is not None and outcomes is not None
        asked, unanswered, undelivered = (int(v) for v in row)
        return {"questions": asked, "unanswered": unanswered, "undelivered": undelivered, "up": int(votes[0]),
                "down": int(votes[1]), "escalated": int(outcomes[0]), "resolved": int(outcomes[1])}


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" for _ in values)

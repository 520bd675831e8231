"""What the bot keeps of people is kept privately: owner-only files, pseudonyms that a copy of
the database cannot undo, questions deleted after the retention, and a report that prints no
control characters."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
import subprocess
import sys
import time

from bot.store.sqlite import SqliteStore
from tests.bot.conftest import REPO


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_is_owner_only_in_an_owner_only_folder(tmp_path):
    path = tmp_path / "new" / "faqbot.sqlite3"
    store = SqliteStore(path)
    store.log_question("U1", "C1", "dm", "wat is QMS?", None, None, True)
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    assert _mode(path.with_name(path.name + ".key")) == 0o600
    for extra in ("-wal", "-shm"):
        wal = path.with_name(path.name + extra)
        assert not wal.exists() or _mode(wal) == 0o600


def test_a_pseudonym_cannot_be_recomputed_from_the_database_alone(tmp_path):
    path = tmp_path / "faqbot.sqlite3"
    with sqlite3.connect(path) as db:  # a database of an earlier faqbot: its salt beside the pseudonyms
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('salt', 'abc123')")
    store = SqliteStore(path)
    store.log_question("U0123ABC", "C1", "dm", "wat is QMS?", None, None, True)
    with sqlite3.connect(path) as db:
        [(pseudonym,)] = db.execute("SELECT user_hash FROM questions").fetchall()
        values = [str(v) for table in ("meta", "questions") for row in db.execute(f"SELECT * FROM {table}")
                  for v in row]
    key = path.with_name(path.name + ".key").read_bytes()
    assert all(key.hex() not in v and "abc123" not in v for v in values)  # neither key nor old salt is there
    for guess in values:  # nothing in the database, used as a salt, gives the pseudonym
        assert hashlib.sha256((guess + "U0123ABC").encode()).hexdigest()[:16] != pseudonym
    assert SqliteStore(path).user_hash("U0123ABC") == pseudonym  # stable with the key
    assert SqliteStore(path, key=b"another key").user_hash("U0123ABC") != pseudonym


def test_questions_and_votes_past_the_retention_are_deleted(tmp_path):
    path = tmp_path / "faqbot.sqlite3"
    store = SqliteStore(path, retention_days=90)
    old = store.log_question("U1", "C1", "dm", "oude vraag", "x/", 1.0, True)
    new = store.log_question("U1", "C1", "dm", "nieuwe vraag", "x/", 1.0, True)
    store.vote(old, "U2", -1)
    store.vote(new, "U2", 1)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE questions SET asked_at=? WHERE id=?", (time.time() - 91 * 86400, old))
    assert SqliteStore(path, retention_days=90).forget_old() == 0  # the start-up deleted it already
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT question FROM questions").fetchall() == [("nieuwe vraag",)]
        assert db.execute("SELECT question_id FROM feedback").fetchall() == [(new,)]


def test_the_report_prints_no_control_characters(tmp_path):
    path = tmp_path / "faqbot.sqlite3"
    store = SqliteStore(path)
    store.log_question("U1", "C1", "dm", "rood\x1b[31m\x07 \u202eevil\u202c vraag", None, None, False)
    run = subprocess.run([sys.executable, "-m", "bot.cli", "report", "--db", str(path)], cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "rood" in run.stdout and "evil" in run.stdout
    assert not any(c in run.stdout for c in "\x1b\x07\u202e\u202c")


def test_a_database_of_the_faqbot_before_gets_the_new_column_and_keeps_its_questions(tmp_path):
    path = tmp_path / "faqbot.sqlite3"
    with sqlite3.connect(path) as db:  # questions as the faqbot before kept them: no `missing`
        db.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY, asked_at REAL NOT NULL, user_hash TEXT NOT NULL,"
                   " channel TEXT NOT NULL, source TEXT NOT NULL, question TEXT NOT NULL, top_location TEXT,"
                   " score REAL, answered INTEGER NOT NULL, delivered INTEGER NOT NULL DEFAULT 1, thread TEXT)")
        db.execute("INSERT INTO questions (asked_at, user_hash, channel, source, question, answered)"
                   " VALUES (?, 'h', 'C1', 'dm', 'een oude vraag', 0)", (time.time(),))
    store = SqliteStore(path)
    store.log_question("U1", "C1", "dm", "wat is het uurtarief?", None, None, False, missing="amount")
    assert {line.text: line.missing for line in store.unanswered()} == \
        {"een oude vraag": "", "wat is het uurtarief?": "amount"}

"""The store's behaviour, the same on both implementations: an embedded SQLite file, and a real
PostgreSQL server shared by replicas. Each test opens the store as several processes would (one
`open_again()` per process or replica) on one database."""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.store import Claim, Store, open_store
from bot.store.base import EVENTS_KEPT, MAX_ATTEMPTS

KEY = b"k" * 32
LEASE = 60.0
OpenAgain = Callable[..., Store]


@pytest.fixture(params=["sqlite", "postgresql"])
def open_again(request, tmp_path) -> OpenAgain:
    """Opens the test's one database once more, as another process (or replica) would."""
    database = (str(tmp_path / "faqbot.sqlite3") if request.param == "sqlite"
                else request.getfixturevalue("postgres_server").new_database())
    opened: list[Store] = []

    def again(**settings) -> Store:
        store = open_store(database, **{"key": KEY, "lease": LEASE, "connections": 16, **settings})
        opened.append(store)
        return store

    yield again
    for store in opened:
        store.close()


def _sql(store: Store, statement: str, *params) -> list:
    """Change or read the database as time would (rows made older), in the shared SQL dialect."""
    with store._db() as db:
        cursor = db.execute(statement, params)
        return cursor.fetchall() if statement.lstrip().upper().startswith("SELECT") else []


def _leases_run_out(store: Store) -> None:
    _sql(store, "UPDATE inbox SET claimed_at = claimed_at - ?", LEASE + 1)


def _body(event_id: str) -> str:
    return json.dumps({"event_id": event_id, "event": {"type": "app_mention", "text": "wat is QMS?"}})


# -- the inbox of events -----------------------------------------------------------------------


def test_an_event_is_taken_once_and_a_retry_only_when_its_lease_ran_out(open_again):
    one, other = open_again(), open_again()
    assert one.receive("E1", _body("E1")) is Claim.FIRST
    assert one.receive("E1", _body("E1")) is Claim.NO  # a repeat while it is worked on
    assert other.receive("E1", _body("E1")) is Claim.NO  # a retry reaching another replica
    _leases_run_out(one)
    # its worker died, perhaps after posting the answer: the retry takes it over, and looks first
    assert other.receive("E1", _body("E1")) is Claim.AGAIN
    assert one.receive("E1", _body("E1")) is Claim.NO
    other.finish("E1")
    _leases_run_out(one)
    assert one.receive("E1", _body("E1")) is Claim.NO  # answered: never again
    assert _sql(one, "SELECT state, body, attempts FROM inbox WHERE event_id = ?", "E1") == [("done", "", 2)]


def test_with_many_replicas_delivering_at_once_each_event_is_taken_once(open_again):
    replicas = [open_again() for _ in range(3)]
    events = [f"E{n}" for n in range(150)]
    deliveries = [(event, replica) for event in events for replica in replicas for _ in range(2)]
    random.Random(18).shuffle(deliveries)  # first deliveries and retries, every replica, any order
    with ThreadPoolExecutor(12) as pool:
        taken = list(pool.map(lambda d: (d[0], d[1].receive(d[0], _body(d[0]))), deliveries))
    assert Counter(event for event, took in taken if took) == Counter(events)
    assert all(replica.problem() is None for replica in replicas)


def test_pending_work_of_a_dead_replica_is_claimed_once_by_the_living(open_again):
    dead, *living = [open_again() for _ in range(4)]
    events = [f"E{n}" for n in range(120)]
    for event in events:
        assert dead.receive(event, _body(event))
    for event in events[:40]:
        dead.finish(event)  # answered before it died
    assert all(replica.unfinished(600, everyone=False) == ([], []) for replica in living)  # its leases hold
    _leases_run_out(dead)
    rounds = [replica for replica in living for _ in range(3)]
    with ThreadPoolExecutor(9) as pool:
        claimed = list(pool.map(lambda replica: replica.unfinished(600, everyone=False), rounds))
    bodies = [json.loads(body)["event_id"] for found, lost in claimed for body in found]
    assert sorted(bodies) == sorted(events[40:])  # each once, none of the answered ones
    assert all(lost == [] for _, lost in claimed)


def test_renewed_leases_hold_and_released_ones_run_out(open_again):
    worker, other = open_again(), open_again()
    for event in ("E1", "E2", "E3"):
        assert worker.receive(event, _body(event))
    worker.release("E1")  # Slack did not take its answer: to be tried again later
    worker.finish("E3")
    _leases_run_out(worker)
    assert worker.renew() == 1  # E2: still being worked on
    found, _ = other.unfinished(600, everyone=False)
    assert [json.loads(b)["event_id"] for b in found] == ["E1"]


def test_at_start_up_claims_are_a_dead_process_s_unless_the_store_is_shared(open_again):
    running, starting = open_again(), open_again()
    assert running.receive("E1", _body("E1"))
    found, _ = starting.unfinished(600, everyone=True)
    # one SQLite file, one process: its claims died with it; PostgreSQL: the replica's lease still holds
    assert len(found) == (0 if starting.shared else 1)


def test_a_clean_stop_gives_back_what_it_claimed_so_another_takes_it_at_once(open_again):
    stopping, other = open_again(), open_again()
    for event in ("E1", "E2"):
        assert stopping.receive(event, _body(event))
    stopping.finish("E1")
    assert stopping.give_back() == 1
    found, _ = other.unfinished(600, everyone=False)
    assert [json.loads(b)["event_id"] for b in found] == ["E2"]


def test_events_too_old_or_tried_too_often_are_given_up_once_nobody_holds_them(open_again):
    store = open_again()
    for event in ("OLD", "TRIED", "HELD_OLD", "FRESH"):
        assert store.receive(event, _body(event))
    _sql(store, "UPDATE inbox SET received_at = received_at - 700 WHERE event_id IN ('OLD', 'HELD_OLD')")
    _sql(store, "UPDATE inbox SET attempts = ? WHERE event_id = 'TRIED'", MAX_ATTEMPTS)
    _sql(store, "UPDATE inbox SET claimed_at = claimed_at - ? WHERE event_id != 'HELD_OLD'", LEASE + 1)
    found, lost = open_again().unfinished(600, everyone=False)
    assert [json.loads(b)["event_id"] for b in found] == ["FRESH"]
    assert sorted(lost) == ["OLD", "TRIED"]  # HELD_OLD: its worker is still on it
    assert dict(_sql(store, "SELECT event_id, state FROM inbox")) == {
        "OLD": "missed", "TRIED": "missed", "HELD_OLD": "pending", "FRESH": "pending"}


# -- questions, votes, threads, the report -------------------------------------------------------


def test_questions_votes_and_threads_are_shared_by_every_process(open_again):
    one, other, report = open_again(), open_again(), open_again()
    asked = one.log_question("U1", "C1", "mention", "wat kost break en fix?", "diensten/#break-en-fix", 0.9, True)
    unanswered = [other.log_question("U2", "C1", "dm", text, None, None, False)
                  for text in ("Koffieautomaat kapot?", "koffieautomaat kapot? ", "salarisstrook")]
    assert asked > 0 and len(set(unanswered)) == 3
    assert other.vote(asked, "U3", -1) and one.vote(asked, "U4", -1) and one.vote(asked, "U5", 1)
    assert other.vote(asked, "U5", -1)  # a second vote by the same person replaces the first
    assert not one.vote(999_999, "U3", 1)  # no such question
    other.undelivered(unanswered[2])
    one.remember_thread("C1", "1700000000.000100")
    one.remember_thread("C1", "1700000000.000100")
    assert other.answers_in("C1", "1700000000.000100") and not other.answers_in("C1", "1700000000.000200")

    assert report.totals() == {"questions": 4, "unanswered": 3, "undelivered": 1, "up": 0, "down": 3, "escalated": 0,
                               "resolved": 0}
    assert [(line.text.strip().lower(), line.count) for line in report.unanswered()] == [
        ("koffieautomaat kapot?", 2), ("salarisstrook", 1)]
    assert [(line.text, line.count) for line in report.disliked()] == [("diensten/#break-en-fix", 3)]


def test_a_long_question_is_stored_cut_and_the_report_limits_its_lines(open_again):
    store = open_again()
    store.log_question("U1", "C1", "dm", "x" * 5000, None, None, False)
    for n in range(5):
        store.log_question("U1", "C1", "dm", f"vraag {n}", None, None, False)
    assert max(len(line.text) for line in store.unanswered()) == 2000
    assert len(store.unanswered(limit=3)) == 3


def test_pseudonyms_are_keyed_stable_across_processes_and_never_the_user_id(open_again):
    one, other = open_again(), open_again()
    one.log_question("U0123ABC", "C1", "dm", "wat is QMS?", None, None, True)
    [(pseudonym,)] = _sql(one, "SELECT user_hash FROM questions")
    assert "U0123ABC" not in pseudonym
    assert other.user_hash("U0123ABC") == pseudonym
    assert open_again(key=b"another key of 32 bytes........").user_hash("U0123ABC") != pseudonym


def test_questions_votes_and_finished_events_past_their_time_are_deleted(open_again):
    store = open_again(retention_days=90)
    old = store.log_question("U1", "C1", "dm", "oude vraag", "x/", 1.0, True)
    new = store.log_question("U1", "C1", "dm", "nieuwe vraag", "x/", 1.0, True)
    store.vote(old, "U2", -1)
    store.vote(new, "U2", 1)
    for event in ("DONE_OLD", "PENDING_OLD", "DONE_NEW"):
        store.receive(event, _body(event))
    store.finish("DONE_OLD")
    store.finish("DONE_NEW")
    _sql(store, "UPDATE questions SET asked_at = asked_at - ? WHERE id = ?", 91 * 86400, old)
    _sql(store, "UPDATE inbox SET received_at = received_at - ? WHERE event_id != 'DONE_NEW'", EVENTS_KEPT + 1)
    assert store.forget_old() == 1
    assert _sql(store, "SELECT question FROM questions") == [("nieuwe vraag",)]
    assert _sql(store, "SELECT question_id FROM feedback") == [(new,)]
    assert sorted(r[0] for r in _sql(store, "SELECT event_id FROM inbox")) == ["DONE_NEW", "PENDING_OLD"]


def test_without_its_tables_the_store_answers_from_memory_and_says_what_fails(open_again):
    store = open_again()
    store.remember_thread("C1", "1.0")
    for table in ("inbox", "threads", "feedback", "outcomes", "choices", "questions"):
        _sql(store, f"DROP TABLE {table}")
    assert store.problem() is None
    # from memory: answered after a look at the conversation (another replica may have), once
    assert store.receive("E1", _body("E1")) is Claim.AGAIN and store.receive("E1", _body("E1")) is Claim.NO
    assert store.answers_in("C1", "1.0") and not store.answers_in("C1", "2.0")
    assert store.log_question("U1", "C1", "dm", "wat is QMS?", None, None, True) == 0
    assert store.unfinished(600, everyone=False) == ([], [])
    assert "inbox" in (store.problem() or "")
    started = time.monotonic()
    store.finish("E1")
    assert time.monotonic() - started < 5


def test_people_asked_for_resolutions_and_sections_chosen_are_shared_and_reported(open_again):
    one, other = open_again(), open_again()
    answered = one.log_question("U1", "C1", "mention", "wie doet de firewall?", "FAQs/#security", 3.0, True)
    missed = one.log_question("U2", "C1", "dm", "koffieautomaat kapot", None, None, False)
    assert other.outcome(answered, "U1", "escalated") and other.outcome(missed, "U2", "escalated")
    assert not one.outcome(answered, "U3", "escalated")  # the first click counts
    assert one.outcome(answered, "U1", "resolved")
    assert not one.outcome(999_999, "U1", "resolved")  # no such question
    assert other.choose(answered, "U1", "FAQs/#firewall") and other.choose(answered, "U1", "FAQs/#netwerk")
    assert not other.choose(999_999, "U1", "x")
    assert one.question(answered) == ("wie doet de firewall?", "FAQs/#security")
    people = {line.location: (line.escalated, line.resolved) for line in other.people_asked()}
    assert people == {"FAQs/#security": (1, 1), None: (1, 0)}
    [choice] = one.chosen_instead()
    assert (choice.question, choice.answered_with, choice.chosen) == ("wie doet de firewall?", "FAQs/#security",
                                                                      "FAQs/#netwerk")  # the person's last choice
    totals = one.totals()
    assert (totals["escalated"], totals["resolved"]) == (2, 1)
    _sql(one, "UPDATE questions SET asked_at = asked_at - ?", 91 * 86400.0)
    one.forget_old()
    assert one.people_asked() == [] and one.chosen_instead() == []


def test_the_report_reads_without_deleting_or_making_a_key(open_again, tmp_path):
    bot = open_again()
    old = bot.log_question("U1", "C1", "dm", "een oude vraag", None, None, False)
    _sql(bot, "UPDATE questions SET asked_at = asked_at - ? WHERE id = ?", 200 * 86400.0, old)
    report = open_again(key=None, retention_days=90, reader=True)
    assert [line.text for line in report.unanswered()] == ["een oude vraag"]  # kept: the bot's retention rules
    assert not list(tmp_path.glob("*.key"))


def test_the_report_links_each_question_to_where_it_was_asked_last(open_again):
    store = open_again()
    store.log_question("U1", "CZZZ", "thread", "kantine open?", None, None, False, thread="1700000001.000100")
    _sql(store, "UPDATE questions SET asked_at = asked_at - 60")
    store.log_question("U2", "CAAA", "mention", "Kantine open?", None, None, False)
    [line] = store.unanswered()
    assert (line.count, line.channel, line.thread) == (2, "CAAA", None)


def test_the_report_says_what_the_docs_lack_of_a_question_about_their_topic(open_again):
    # "not found" because the docs give no price, though they hold the topic: the report says so
    store = open_again()
    store.log_question("U1", "C1", "dm", "wat is het uurtarief?", None, None, False, missing="amount")
    store.log_question("U1", "C1", "dm", "wie bakt de taart?", None, None, False)
    lines = {line.text: line.missing for line in store.unanswered()}
    assert lines == {"wat is het uurtarief?": "amount", "wie bakt de taart?": ""}


def test_a_question_answered_again_under_its_event_key_is_one_question(open_again):
    store = open_again()
    first = store.log_question("U1", "C1", "mention", "wat is QMS?", None, None, False, key="Ev1")
    store.undelivered(first)  # Slack did not take the first answer
    again = store.log_question("U1", "C1", "mention", "wat is QMS?", "qms/", 4.0, True, key="Ev1")
    other = store.log_question("U1", "C1", "mention", "wat is QMS?", "qms/", 4.0, True)  # asked once more
    assert again == first != other
    totals = store.totals()
    assert (totals["questions"], totals["undelivered"], totals["unanswered"]) == (2, 0, 0)


def test_a_sqlite_database_of_an_earlier_faqbot_gets_the_event_key(tmp_path):
    import sqlite3

    path = tmp_path / "faqbot.sqlite3"
    with sqlite3.connect(path) as db:  # the questions table as faqbot had it before
        db.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY, asked_at REAL NOT NULL, user_hash TEXT NOT NULL,"
                   " channel TEXT NOT NULL, source TEXT NOT NULL, question TEXT NOT NULL, top_location TEXT,"
                   " score REAL, answered INTEGER NOT NULL)")
        db.execute("INSERT INTO questions VALUES (1, ?, 'h', 'C1', 'dm', 'een oude vraag', NULL, NULL, 0)",
                   (time.time(),))
    store = open_store(str(path), key=KEY)
    assert store.log_question("U1", "C1", "dm", "q", None, None, True, key="Ev1") == \
        store.log_question("U1", "C1", "dm", "q", None, None, True, key="Ev1") == 2
    assert store.totals()["questions"] == 2

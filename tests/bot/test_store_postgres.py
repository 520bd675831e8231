"""What only the PostgreSQL store has: a schema faqbot creates and migrates (replicas starting
together take turns), a refusal of a schema newer than it knows, a pool that replaces the
connections a restarted or unwell server dropped, and operations cut off when the server or the
network stops answering."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from bot.store import Claim
from bot.store.postgres import MIGRATION_LOCK, MIGRATIONS, PostgresStore, SchemaError, describe
from tests.bot.conftest import until

KEY = b"k" * 32


def _version(url: str) -> list:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT version FROM faqbot_schema").fetchall()


def test_replicas_starting_together_create_the_schema_once(postgres_server):
    url = postgres_server.new_database()
    with ThreadPoolExecutor(4) as pool:
        stores = list(pool.map(lambda _: PostgresStore(url, key=KEY), range(4)))
    try:
        assert {store.version for store in stores} == {len(MIGRATIONS)}
        assert _version(url) == [(len(MIGRATIONS),)]
        question = stores[0].log_question("U1", "C1", "dm", "wat is QMS?", None, None, True)
        assert stores[3].vote(question, "U2", 1)
    finally:
        for store in stores:
            store.close()
    again = PostgresStore(url, key=KEY)  # a restart: nothing to migrate, nothing lost
    try:
        assert again.totals()["questions"] == 1 and _version(url) == [(len(MIGRATIONS),)]
    finally:
        again.close()


def test_a_database_migrated_by_a_newer_faqbot_is_refused_untouched(postgres_server):
    url = postgres_server.new_database()
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE faqbot_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO faqbot_schema VALUES (%s)", (len(MIGRATIONS) + 1,))
    with pytest.raises(SchemaError, match="newer than this faqbot knows"):
        PostgresStore(url, key=KEY)
    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == {"faqbot_schema"}


def test_connections_the_server_dropped_are_replaced(postgres_server):
    url = postgres_server.new_database()
    store = PostgresStore(url, key=KEY, connections=4)
    try:
        store.remember_thread("C1", "1.0")
        with psycopg.connect(url, autocommit=True) as conn:  # what a server restart or a failover does to them
            killed = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                  " WHERE application_name = 'faqbot' AND pid != pg_backend_pid()").fetchone()
        assert killed and killed[0] >= 1
        assert store.answers_in("C1", "1.0")
        assert store.receive("E1", "{}") is Claim.FIRST
        assert store.problem() is None
    finally:
        store.close()


def test_while_the_server_is_down_the_store_answers_from_memory_quickly_and_recovers_when_it_is_back():
    from tests.postgres import NoServer, PostgresServer

    try:
        server = PostgresServer.start()  # a server of its own: this one goes down
    except NoServer as exc:
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    try:
        store = PostgresStore(server.new_database(), busy=0.5, key=KEY, connections=4)
        assert store.receive("E1", "{}") is Claim.FIRST
        server.halt()
        started = time.monotonic()
        assert store.receive("E2", "{}") is Claim.AGAIN and store.receive("E2", "{}") is Claim.NO  # from memory
        assert not store.answers_in("C1", "1.0")
        assert time.monotonic() - started < 5  # acks do not wait on the server
        assert store.problem()  # /healthz says so
        server.resume()
        until(lambda: store.log_question("U1", "C1", "dm", "q", None, None, True) > 0, timeout=30)
        # into the database now, where it was not; answered from memory before, so looked for first
        assert store.receive("E2", "{}") is Claim.AGAIN
        assert store.totals()["questions"] == 1
        store.close()
    finally:
        server.stop()


class SilentNetwork:
    """A TCP relay on 127.0.0.1 to the server that can fall silent: while silent it forwards
    nothing either way and keeps every connection open, as a network partition or a frozen host
    looks to a client (its requests are taken, no reply comes, TCP reports nothing)."""

    def __init__(self, port: int) -> None:
        self.upstream = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.talking = threading.Event()
        self.talking.set()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, url: str) -> str:
        return url.replace(f":{self.upstream[1]}/", f":{self.port}/")

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._relay, args=(source, target), daemon=True).start()

    def _relay(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self.talking.wait()  # taken, and held while silent
                target.sendall(data)
        except OSError:
            pass
        for sock in (source, target):
            sock.close()

    def close(self) -> None:
        self.talking.set()
        self.listener.close()
        for sock in self.sockets:
            sock.close()


def test_a_server_that_stops_answering_is_cut_off_and_the_store_answers_from_memory(postgres_server):
    url = postgres_server.new_database()
    network = SilentNetwork(postgres_server.port)
    store = PostgresStore(network.url(url), busy=0.5, key=KEY, connections=2, no_reply=1.0)
    try:
        assert store.receive("E1", "{}") is Claim.FIRST and store.problem() is None
        network.talking.clear()
        results: list[Claim] = []
        worker = threading.Thread(target=lambda: results.append(store.receive("E2", "{}")), daemon=True)
        started = time.monotonic()
        worker.start()
        worker.join(timeout=60)  # without a deadline of its own it waits as long as TCP does: hours
        assert results == [Claim.AGAIN] and time.monotonic() - started < 10  # cut after 1.5 s: from memory
        assert store.receive("E2", "{}") is Claim.NO  # memory remembers it
        assert store.problem()  # /healthz says so
        network.talking.set()
        until(lambda: store.log_question("U1", "C1", "dm", "q", None, None, True) > 0, timeout=30)
        assert store.receive("E3", "{}") is Claim.FIRST and store.problem()  # in the database again
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT event_id FROM inbox ORDER BY event_id").fetchall() == [("E1",), ("E3",)]
    finally:
        network.talking.set()
        store.close()
        network.close()


def _in_time(work, seconds: float = 60) -> list:
    """What `work()` returned or raised, from a thread given `seconds`: a call that hangs fails the
    test instead of the run."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:  # the outcome is the test's to judge
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    assert outcome, f"still waiting after {seconds} s"
    return outcome


def test_a_statement_without_a_reply_on_a_lent_connection_is_cut_and_a_slow_one_is_not(postgres_server):
    url = postgres_server.new_database()
    network = SilentNetwork(postgres_server.port)
    store = PostgresStore(network.url(url), busy=0.5, key=KEY, connections=2, no_reply=1.0)
    try:
        def slow_operation() -> bool:  # each statement answered within its 1.5 s, all of them in 2.4 s
            with store._db() as db:
                for _ in range(4):
                    db.execute("SELECT pg_sleep(0.6)")
            return True

        assert _in_time(slow_operation) == [True]

        def silenced_midway() -> None:
            with store._db() as db:
                db.execute("SELECT 1")
                network.talking.clear()  # the connection is lent: no check of the pool's stands between
                db.execute("SELECT 2")

        started = time.monotonic()
        [outcome] = _in_time(silenced_midway)
        assert isinstance(outcome, psycopg.OperationalError) and time.monotonic() - started < 10

        network.talking.set()

        def silenced_then_failed() -> None:
            with store._db() as db:
                db.execute("SELECT 1")  # a transaction is open: leaving on an error rolls it back
                network.talking.clear()
                raise LookupError("the caller's own error")

        started = time.monotonic()
        [outcome] = _in_time(silenced_then_failed)
        assert isinstance(outcome, LookupError) and time.monotonic() - started < 10
    finally:
        network.talking.set()
        store.close()
        network.close()


def test_messages_name_the_database_without_its_password():
    assert describe("postgresql://faqbot:s3cret@db.internal:6432/faqbot?sslmode=require") == \
        "postgresql://db.internal:6432/faqbot"


def test_a_start_up_migration_without_a_reply_is_cut_and_the_next_start_migrates(postgres_server):
    # no reply to the migration for longer than it may wait (here another session holds the
    # migration's lock; a silent server looks the same to the client): the start fails in time,
    # with the database's error, instead of hanging; once the server answers, a start migrates
    url = postgres_server.new_database()
    with psycopg.connect(url) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        started = time.monotonic()
        [outcome] = _in_time(lambda: PostgresStore(url, key=KEY, migration_reply=1.0))
        assert isinstance(outcome, psycopg.OperationalError) and time.monotonic() - started < 10
        holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    store = PostgresStore(url, key=KEY, migration_reply=1.0)
    try:
        assert store.receive("E1", "{}") is Claim.FIRST
    finally:
        store.close()


def test_a_database_of_the_faqbot_before_is_migrated_with_its_questions(postgres_server):
    # a database at schema version 3 (before the `missing` column): the next start adds it
    url = postgres_server.new_database()
    with psycopg.connect(url) as conn:
        for step in MIGRATIONS[:3]:
            conn.execute(step)
        conn.execute("CREATE TABLE faqbot_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO faqbot_schema VALUES (3)")
        conn.execute("INSERT INTO questions (asked_at, user_hash, channel, source, question, answered)"
                     " VALUES (%s, 'h', 'C1', 'dm', 'een oude vraag', 0)", (time.time(),))
    store = PostgresStore(url, key=KEY)
    try:
        assert store.version == len(MIGRATIONS) == 5 and _version(url) == [(5,)]
        store.log_question("U1", "C1", "dm", "wat is het uurtarief?", None, None, False, missing="amount")
        assert {line.text: line.missing for line in store.period(0.0, float("inf")).unanswered} == \
            {"een oude vraag": "", "wat is het uurtarief?": "amount"}
        # answered again under its event's key (a retry): the same row, counted once
        first = store.log_question("U1", "C1", "dm", "wat is QMS?", None, None, False, key="Ev1")
        store.undelivered(first)
        assert store.log_question("U1", "C1", "dm", "wat is QMS?", "qms/", 3.0, True, key="Ev1") == first
        assert store.totals()["questions"] == 3 and store.totals()["undelivered"] == 0
    finally:
        store.close()

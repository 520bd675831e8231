"""What only the PostgreSQL store has: a schema faqbot creates and migrates (replicas starting
together take turns), a refusal of a schema newer than it knows, and a pool that replaces the
connections a restarted or unwell server dropped."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from bot.store.postgres import MIGRATIONS, PostgresStore, SchemaError, describe
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
        assert store.receive("E1", "{}") is True
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
        assert store.receive("E1", "{}") is True
        server.halt()
        started = time.monotonic()
        assert store.receive("E2", "{}") is True and store.receive("E2", "{}") is False  # from memory
        assert not store.answers_in("C1", "1.0")
        assert time.monotonic() - started < 5  # acks do not wait on the server
        assert store.problem()  # /healthz says so
        server.resume()
        until(lambda: store.log_question("U1", "C1", "dm", "q", None, None, True) > 0, timeout=30)
        assert store.receive("E2", "{}") is True  # into the database now, where it was not
        assert store.totals()["questions"] == 1
        store.close()
    finally:
        server.stop()


def test_messages_name_the_database_without_its_password():
    assert describe("postgresql://faqbot:s3cret@db.internal:6432/faqbot?sslmode=require") == \
        "postgresql://db.internal:6432/faqbot"

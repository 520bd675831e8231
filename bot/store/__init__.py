"""What the bot learns from use, and the inbox of Slack events: one interface (`Store`), two
implementations — SQLite, embedded, the default (`bot.store.sqlite`); PostgreSQL, shared by
replicas, when FAQBOT_DB is a `postgresql://` URL (`bot.store.postgres`)."""

from __future__ import annotations

from pathlib import Path

from bot.store.base import FAULT_SHOWN, LEASE, RETENTION_DAYS, Claim, ReportLine, Store

__all__ = ["FAULT_SHOWN", "LEASE", "Claim", "ReportLine", "Store", "is_postgres", "open_store"]


def is_postgres(database: str) -> bool:
    """FAQBOT_DB names a PostgreSQL database (else it is a SQLite file)."""
    return database.startswith(("postgresql://", "postgres://"))


def open_store(database: str, busy: float = 30.0, key: bytes | None = None, lease: float = LEASE,
               retention_days: float = RETENTION_DAYS, connections: int = 8, reader: bool = False) -> Store:
    """The store `database` names: a `postgresql://` URL, or a SQLite file's path. Raises the
    implementation's errors (`Store.errors`, OSError, `SchemaError`) when it cannot be used.
    `reader` (`faqbot report`): deletes nothing past the retention and makes no key file, whoever
    runs it with whatever settings; the bot keeps the database."""
    if is_postgres(database):
        from bot.store.postgres import PostgresStore

        return PostgresStore(database, busy=busy, key=key, lease=lease, retention_days=retention_days,
                             connections=connections, reader=reader)
    from bot.store.sqlite import SqliteStore

    return SqliteStore(Path(database).expanduser(), busy=busy, key=key, lease=lease, retention_days=retention_days,
                       reader=reader)

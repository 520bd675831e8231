"""`faqbot serve --http` when its database fails: questions are still answered, acks stay quick,
and /healthz says what is wrong."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from tests.bot.conftest import SECRET, free_port, start_bot, stop_bot, unique
from tests.bot.slack_api import SlackApi


def _mention(channel: str, text: str = "wat kost break en fix?") -> dict:
    return {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": f"17000006{unique('')}.000100",
            "channel": channel}


@pytest.fixture
def bot(tmp_path: Path):
    api = SlackApi().start()
    port = free_port()
    process = start_bot(api, tmp_path, ["--http", "--host", "127.0.0.1", "--port", str(port)],
                        SLACK_SIGNING_SECRET=SECRET)
    process.url = f"http://127.0.0.1:{port}"
    process.wait_line(r"faqbot: ready")
    yield process
    stop_bot(process)
    api.stop()


def _answered(bot, channel: str) -> None:
    bot.api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel, timeout=30)


def _answers_while_the_database_fails(bot, text: str = "wat kost break en fix?") -> None:
    """Five questions are each answered, and /healthz says the database fails."""
    channels = [unique("C") for _ in range(5)]
    for channel in channels:
        assert bot.event(_mention(channel, text)) == 200
    for channel in channels:
        _answered(bot, channel)
    status, body = bot.get("/healthz")
    assert status == 503
    health = json.loads(body)
    assert health["ok"] is False and health["problems"][0].startswith("database: ")


def test_a_corrupt_database_does_not_stop_the_answers_and_makes_the_bot_unhealthy(bot):
    first = unique("C")
    assert bot.event(_mention(first)) == 200
    _answered(bot, first)
    assert bot.get("/healthz")[0] == 200

    for suffix in ("-wal", "-shm"):
        Path(f"{bot.db}{suffix}").unlink(missing_ok=True)
    bot.db.write_bytes(b"\0" * 4096)  # the database is garbage now: no query works
    _answers_while_the_database_fails(bot)

    repeated = unique("Ev")  # without the database, a repeat is still known to this process
    again = unique("C")
    assert bot.event(_mention(again), event_id=repeated) == 200
    _answered(bot, again)
    assert bot.event(_mention(again), event_id=repeated) == 200
    later = unique("C")
    assert bot.event(_mention(later)) == 200
    _answered(bot, later)
    assert len(bot.api.of("chat.postMessage", where=lambda d: d.get("channel") == again)) == 1


def test_a_long_lock_on_the_database_keeps_acks_quick_and_questions_answered(bot):
    holder = sqlite3.connect(bot.db, isolation_level=None, timeout=30)
    holder.execute("BEGIN EXCLUSIVE")  # e.g. a backup or `sqlite3` shell holding the database
    try:
        channels = [unique("C") for _ in range(5)]
        for channel in channels:
            started = time.monotonic()
            assert bot.event(_mention(channel)) == 200
            assert time.monotonic() - started < 1.0
        for channel in channels:
            _answered(bot, channel)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    status, body = bot.get("/healthz")  # the lock made writes fail: said, for a minute
    assert status == 503 and "locked" in json.loads(body)["problems"][0]


def _run(*command: str) -> bool:
    import subprocess

    return subprocess.run(command, capture_output=True).returncode == 0


def _immutable(paths: list[Path]) -> list[str] | None:
    """Make the database's files immutable (even root cannot write them): those made so, or None
    where chattr is not permitted. The -wal and -shm files may vanish meanwhile, when the last
    connection closes; the database itself is what must be immutable."""
    made: list[str] = []
    for path in paths:
        if _run("chattr", "+i", str(path)):
            made.append(str(path))
        elif path == paths[0] or path.exists():
            if made:
                _run("chattr", "-i", *made)
            return None
    return made


def test_a_database_made_read_only_mid_run_does_not_stop_the_answers(bot):
    first = unique("C")
    assert bot.event(_mention(first)) == 200
    _answered(bot, first)
    files = _immutable([bot.db, Path(f"{bot.db}-wal"), Path(f"{bot.db}-shm")])
    if files is None:
        pytest.skip("chattr +i is not permitted here (needs CAP_LINUX_IMMUTABLE on ext4)")
    try:
        _answers_while_the_database_fails(bot)
    finally:
        _run("chattr", "-i", *files)


def test_a_full_disk_under_the_database_does_not_stop_the_answers(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)):
        pytest.skip("mounting a small tmpfs is not permitted here (needs CAP_SYS_ADMIN)")
    api = SlackApi().start()
    port = free_port()
    process = start_bot(api, tmp_path, ["--http", "--host", "127.0.0.1", "--port", str(port)],
                        SLACK_SIGNING_SECRET=SECRET, FAQBOT_DB=str(disk / "faqbot.sqlite3"))
    process.url = f"http://127.0.0.1:{port}"
    try:
        process.wait_line(r"faqbot: ready")
        first = unique("C")
        assert process.event(_mention(first)) == 200
        _answered(process, first)
        with (disk / "filler").open("wb") as filler:  # the disk fills up
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        _answers_while_the_database_fails(process, "wat is QMS, en wie doet de netwerk security?")
    finally:
        stop_bot(process)
        api.stop()
        _run("umount", str(disk))

"""A restart loses no question: events are stored before Slack gets its ack, and what a killed
process did not finish is answered by the next one, once, though Slack sends nothing again."""

from __future__ import annotations

import os
import signal
import sqlite3

from tests.bot.conftest import SECRET, each_answered_once, free_port, start_bot, stop_bot, unique, until
from tests.bot.slack_api import SlackApi


def _mention(channel: str) -> dict:
    return {"type": "app_mention", "user": "U1", "text": "<@UBOT> wat kost break en fix?",
            "ts": f"17000005{unique('')}.000100", "channel": channel}


def _http_bot(api: SlackApi, tmp, port: int):
    bot = start_bot(api, tmp, ["--http", "--host", "127.0.0.1", "--port", str(port)], SLACK_SIGNING_SECRET=SECRET)
    bot.url = f"http://127.0.0.1:{port}"
    bot.wait_line(r"faqbot: ready")
    return bot


def test_a_killed_process_leaves_its_questions_to_the_next_one_which_answers_each_once(tmp_path):
    api = SlackApi().start()
    api.slow["chat.postMessage"] = 0.2  # Slack takes its time: many answers are in flight at the kill
    try:
        port = free_port()
        first = _http_bot(api, tmp_path, port)
        channels = [unique("C") for _ in range(100)]
        for channel in channels:
            assert first.event(_mention(channel)) == 200  # acknowledged: Slack will never send it again
        api.wait_for("chat.postMessage", count=3)
        os.kill(first.proc.pid, signal.SIGKILL)
        first.proc.wait(timeout=10)
        answered_before = len(api.of("chat.postMessage"))
        assert answered_before < 100

        second = _http_bot(api, tmp_path, free_port())  # the same database; no retry is sent
        try:
            each_answered_once(api, channels)

            def finished() -> bool:
                with sqlite3.connect(second.db) as db:
                    return db.execute("SELECT COUNT(*) FROM inbox WHERE state != 'done'").fetchone()[0] == 0

            until(finished)
        finally:
            stop_bot(second)
    finally:
        api.stop()


def test_sigterm_finishes_or_leaves_the_questions_in_flight_and_none_is_answered_twice(tmp_path):
    api = SlackApi().start()
    api.slow["chat.postMessage"] = 0.5
    try:
        first = _http_bot(api, tmp_path, free_port())
        channels = [unique("C") for _ in range(100)]
        for channel in channels:
            assert first.event(_mention(channel)) == 200
        api.wait_for("chat.postMessage", count=3)
        first.proc.send_signal(signal.SIGTERM)  # what every deploy sends
        assert first.proc.wait(timeout=60) == 0
        first.wait_line(r"faqbot: stopped")

        second = _http_bot(api, tmp_path, free_port())
        try:
            each_answered_once(api, channels)
        finally:
            stop_bot(second)
    finally:
        api.stop()


def test_the_recovery_loop_works_while_the_process_lives_and_ends_when_it_stops():
    import threading
    from unittest.mock import MagicMock

    from bot.app import recover_every

    bot = MagicMock()
    bot.store.lease = 0.03  # a look every 10 ms
    bot.store.unfinished.return_value = ([], [])
    stopping = threading.Event()
    loop = threading.Thread(target=recover_every, args=(MagicMock(), bot, stopping), daemon=True)
    loop.start()
    until(lambda: bot.store.unfinished.call_count >= 2)  # leases renewed, unfinished events taken up
    stopping.set()  # shutting down: the workers drain, nothing is taken up any more
    loop.join(timeout=5)
    assert not loop.is_alive()
    looks = bot.store.unfinished.call_count
    assert bot.store.renew.call_count >= looks

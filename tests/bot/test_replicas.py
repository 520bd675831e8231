"""Two `faqbot serve --http` replicas over one real PostgreSQL database, as behind a load balancer:
Slack's deliveries and retries reach either in any order and each question is answered once; a
replica killed with answers in flight leaves them to the other, which finishes them; a thread one
started is followed by the other; `faqbot report` sees the questions of both."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.bot.conftest import REPO, SECRET, BotProcess, bot_env, free_port, start_bot, stop_bot, unique, until
from tests.bot.slack_api import SlackApi

KEY = "replicas-share-this-pseudonym-key"
LEASE = "5"  # seconds: a dead replica's work is taken over within this and a third of it


@dataclass
class Replicas:
    api: SlackApi
    database: str
    bots: list[BotProcess]

    def states(self, event_ids: list[str] | None = None) -> Counter:
        """How many events of the inbox (of `event_ids`) are in each state."""
        with psycopg.connect(self.database) as conn:
            rows = conn.execute("SELECT event_id, state FROM inbox").fetchall()
        return Counter(state for event_id, state in rows if event_ids is None or event_id in event_ids)

    def report(self) -> dict:
        env = {**bot_env(self.api, Path("/nonexistent")), "FAQBOT_DB": self.database}
        run = subprocess.run([sys.executable, "-m", "bot.cli", "report", "--json"], cwd=REPO, env=env,
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        return json.loads(run.stdout)


def _start(api: SlackApi, tmp: Path, database: str) -> BotProcess:
    port = free_port()
    bot = start_bot(api, tmp, ["--http", "--host", "127.0.0.1", "--port", str(port)], SLACK_SIGNING_SECRET=SECRET,
                    FAQBOT_DB=database, FAQBOT_PSEUDONYM_KEY=KEY, FAQBOT_LEASE=LEASE)
    bot.url = f"http://127.0.0.1:{port}"
    return bot


@contextmanager
def _replicas(postgres_server, tmp: Path) -> Iterator[Replicas]:
    api = SlackApi().start()
    database = postgres_server.new_database()
    bots = [_start(api, tmp / name, database) for name in ("a", "b")]
    try:
        for bot in bots:
            bot.wait_line(r"faqbot: ready")
        yield Replicas(api, database, bots)
    finally:
        for bot in bots:
            stop_bot(bot)
        api.stop()


@pytest.fixture(scope="module")
def replicas(postgres_server, tmp_path_factory) -> Iterator[Replicas]:
    with _replicas(postgres_server, tmp_path_factory.mktemp("replicas")) as pair:
        yield pair


def _mention(channel: str, text: str = "wat kost break en fix?") -> dict:
    return {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": f"17000007{unique('')}.000100",
            "channel": channel}


def _answers(api: SlackApi, channels: list[str]) -> Counter:
    with api.changed:
        return Counter(m["channel"] for m in api.messages if m["channel"] in channels)


def test_deliveries_and_retries_in_any_order_on_either_replica_are_answered_once(replicas):
    events = {unique("Ev"): _mention(unique("C")) for _ in range(40)}
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    chance = random.Random(18)
    deliveries = [(event_id, chance.choice(replicas.bots), headers) for event_id in events
                  for headers in (None, retry, {**retry, "X-Slack-Retry-Num": "2"})]
    chance.shuffle(deliveries)
    with ThreadPoolExecutor(8) as pool:  # as Slack sends them: at once, to whichever replica the balancer picks
        statuses = list(pool.map(lambda d: d[1].event(events[d[0]], event_id=d[0], headers=d[2]), deliveries))
    assert statuses == [200] * len(deliveries)
    until(lambda: replicas.states(list(events)) == Counter(done=len(events)), timeout=120)
    channels = [event["channel"] for event in events.values()]
    assert _answers(replicas.api, channels) == Counter(channels)  # every one once, none twice


def test_a_thread_started_on_one_replica_is_followed_on_the_other(replicas):
    first, second = replicas.bots
    channel = unique("C")
    mention = _mention(channel, "wat is QMS?")
    assert first.event(mention) == 200
    replicas.api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    stranger = {"type": "message", "user": "U2", "text": "en wat kost dat?", "channel": channel,
                "ts": f"17000008{unique('')}.000100", "thread_ts": "1600000000.000100"}  # a thread it never answered
    follow_up = {"type": "message", "user": "U2", "text": "en wat kost break en fix?", "channel": channel,
                 "ts": f"17000008{unique('')}.000100", "thread_ts": mention["ts"]}
    stranger_id = unique("Ev")
    assert second.event(stranger, event_id=stranger_id) == 200 and second.event(follow_up) == 200
    [_, reply] = replicas.api.wait_for("chat.postMessage", count=2, where=lambda d: d.get("channel") == channel)
    assert reply.data["thread_ts"] == mention["ts"]
    until(lambda: replicas.states([stranger_id]) == Counter(done=1))  # looked at, and left alone
    assert replicas.api.of("chat.postMessage", where=lambda d: d.get("thread_ts") == "1600000000.000100") == []


def test_the_report_counts_the_questions_and_votes_of_both_replicas(replicas):
    first, second = replicas.bots
    before = replicas.report()["totals"]
    asked = [(first, "waar staat de koffieautomaat van kantoor"), (second, "hoe vraag ik een salarisstrook aan")]
    channels = [unique("C") for _ in asked]
    for (bot, text), channel in zip(asked, channels, strict=True):
        assert bot.event(_mention(channel, text)) == 200
    answered_on_first = unique("C")
    assert first.event(_mention(answered_on_first, "wat kost break en fix")) == 200
    [answer] = replicas.api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == answered_on_first)
    [down] = [e for b in answer.data["blocks"] if b["type"] == "actions" for e in b["elements"]
              if e["action_id"] == "feedback_down"]
    status, response = second.interaction({  # the vote reaches the other replica
        "type": "block_actions", "user": {"id": "U9"}, "channel": {"id": answered_on_first},
        "container": {"type": "message"}, "actions": [{**down, "type": "button", "block_id": "b"}]})
    assert status == 200
    replicas.api.wait_for(response)
    for channel in channels:
        replicas.api.wait_for("chat.postMessage", where=lambda d, c=channel: d.get("channel") == c)

    report = replicas.report()
    assert report["totals"]["questions"] == before["questions"] + 3
    assert report["totals"]["down"] == before["down"] + 1
    assert {line["text"] for line in report["unanswered"]} >= {text for _, text in asked}
    assert any(line["text"].startswith("Dienstverlening/Diensten/Break-en-Fix/") for line in report["disliked"])


def test_a_replica_killed_with_answers_in_flight_leaves_them_to_the_other(postgres_server, tmp_path):
    with _replicas(postgres_server, tmp_path) as pair:
        doomed, _survivor = pair.bots
        pair.api.slow["chat.postMessage"] = 0.2  # Slack takes its time: many answers are in flight at the kill
        channels = [unique("C") for _ in range(60)]
        for channel in channels:
            assert doomed.event(_mention(channel)) == 200  # acknowledged: Slack will never send it again
        pair.api.wait_for("chat.postMessage", count=3)
        os.kill(doomed.proc.pid, signal.SIGKILL)
        doomed.proc.wait(timeout=10)
        assert len(_answers(pair.api, channels)) < len(channels)

        # no retry, no restart: the survivor's recovery finds the leases run out and answers the rest
        until(lambda: pair.states() == Counter(done=len(channels)), timeout=120)
        assert _answers(pair.api, channels) == Counter(channels)


def test_a_replica_stopped_for_an_upgrade_leaves_its_queue_to_the_other(postgres_server, tmp_path):
    with _replicas(postgres_server, tmp_path) as pair:
        stopping, _staying = pair.bots
        pair.api.slow["chat.postMessage"] = 0.5
        channels = [unique("C") for _ in range(80)]
        for channel in channels:
            assert stopping.event(_mention(channel)) == 200
        pair.api.wait_for("chat.postMessage", count=3)
        stopping.proc.send_signal(signal.SIGTERM)  # what a deploy sends: drain, give back the queue, exit
        assert stopping.proc.wait(timeout=60) == 0
        stopping.wait_line(r"faqbot: stopped")
        until(lambda: pair.states() == Counter(done=len(channels)), timeout=120)
        assert _answers(pair.api, channels) == Counter(channels)

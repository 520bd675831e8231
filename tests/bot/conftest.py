"""`faqbot serve` as a real process against the local Web API server, driven with signed HTTP
requests as Slack sends them; a copy of the bundled knowledge base as its docs."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import knowledge
from tests.bot.slack_api import SlackApi

SECRET = "test-signing-secret"
REPO = Path(__file__).resolve().parents[2]
_ids = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_ids):06d}"


def until(check: Any, timeout: float = 20, every: float = 0.05) -> Any:
    """`check()`'s first true value, polled until `timeout` (for state another process writes
    without telling anyone, such as its database)."""
    done = threading.Event()
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"still false after {timeout} s: {check}"
        done.wait(every)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign(body: str, timestamp: int, secret: str = SECRET) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class BotProcess:
    """A running `faqbot serve`: its output lines arrive on a queue as they are printed."""

    proc: subprocess.Popen
    api: SlackApi
    docs: Path
    db: Path
    url: str = ""
    lines: queue.Queue = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def read_output(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_line(self, pattern: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no line matching {pattern!r}; got {self.seen[-20:]}"
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return line

    def post(self, body: str | bytes, content_type: str = "application/json", signed: bool = True,
             timestamp: int | None = None, headers: dict[str, str] | None = None,
             secret: str = SECRET) -> tuple[int, str]:
        raw = body.encode() if isinstance(body, str) else body
        ts = int(time.time()) if timestamp is None else timestamp
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if signed:
            all_headers["X-Slack-Request-Timestamp"] = str(ts)
            all_headers["X-Slack-Signature"] = sign(raw.decode("utf-8", "replace"), ts, secret)
        request = urllib.request.Request(self.url + "/slack/events", data=raw, headers=all_headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def event(self, event: dict[str, Any], event_id: str | None = None, headers: dict[str, str] | None = None) -> int:
        body = {"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id or unique("Ev"), "event_time": int(time.time()), "event": event,
                "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}]}
        return self.post(json.dumps(body), headers=headers)[0]

    def command(self, text: str, user: str = "U1", channel: str = "C1") -> tuple[int, str]:
        response_id = unique("r")
        form = {"command": "/faq", "text": text, "user_id": user, "channel_id": channel, "team_id": "T1",
                "response_url": f"{self.api.url}/response/{response_id}", "trigger_id": unique("tr")}
        status, _ = self.post(urllib.parse.urlencode(form), "application/x-www-form-urlencoded")
        return status, f"response/{response_id}"

    def interaction(self, payload: dict[str, Any]) -> tuple[int, str]:
        response_id = unique("r")
        payload = {"team": {"id": "T1"}, "trigger_id": unique("tr"),
                   "response_url": f"{self.api.url}/response/{response_id}", **payload}
        body = urllib.parse.urlencode({"payload": json.dumps(payload)})
        status, _ = self.post(body, "application/x-www-form-urlencoded")
        return status, f"response/{response_id}"

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def copy_knowledge(target: Path) -> Path:
    if target.is_dir():
        return target  # a bot started again in the same folder: the same docs
    shutil.copytree(knowledge.location(), target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def bot_env(api: SlackApi, tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FAQBOT_"))}
    env.update({"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": api.url + "/api/",
                "FAQBOT_DB": str(tmp / "faqbot.sqlite3"), "FAQBOT_INDEX": str(tmp / "faqbot.idx"),
                "PYTHONUNBUFFERED": "1", **extra})
    return env


def start_bot(api: SlackApi, tmp: Path, args: list[str], **extra: str) -> BotProcess:
    docs = copy_knowledge(tmp / "knowledge")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--docs", str(docs), *args], cwd=REPO,
                            env=bot_env(api, tmp, **extra), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    bot = BotProcess(proc, api, docs, tmp / "faqbot.sqlite3")
    threading.Thread(target=bot.read_output, daemon=True).start()
    return bot


def stop_bot(bot: BotProcess) -> None:
    bot.proc.terminate()
    try:
        bot.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        bot.proc.kill()


@pytest.fixture(scope="module")
def slack_api() -> Iterator[SlackApi]:
    api = SlackApi().start()
    yield api
    api.stop()


@pytest.fixture(scope="module")
def http_bot(slack_api: SlackApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    port = free_port()
    bot = start_bot(slack_api, tmp_path_factory.mktemp("bot"),
                    ["--http", "--host", "127.0.0.1", "--port", str(port)],
                    SLACK_SIGNING_SECRET=SECRET, FAQBOT_ADMINS="UADMIN", FAQBOT_ANSWER_CHANNELS="CANSWER",
                    FAQBOT_CONTACT="Mail support@example.org")
    bot.url = f"http://127.0.0.1:{port}"
    bot.wait_line(r"faqbot: ready")
    yield bot
    stop_bot(bot)


def each_answered_once(api: SlackApi, channels: list[str]) -> None:
    """Every channel got exactly one answer (each event was answered once)."""
    def all_answered() -> bool:
        with api.changed:
            return {m["channel"] for m in api.messages} >= set(channels)

    until(all_answered, timeout=120)
    with api.changed:
        per_channel = Counter(m["channel"] for m in api.messages)
    assert all(per_channel[c] == 1 for c in channels), [c for c in channels if per_channel[c] != 1]


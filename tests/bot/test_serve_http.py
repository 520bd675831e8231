"""`faqbot serve --http` as a process: signatures, bad bodies, health, rate limits, settings, and
docs edited while it runs."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.bot.block_kit import section_texts
from tests.bot.conftest import REPO, SECRET, bot_env, unique


def _mention(channel: str, text: str) -> dict:
    return {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": "1700000301.000100",
            "channel": channel}


def test_health_check(http_bot):
    status, body = http_bot.get("/healthz")
    assert status == 200 and json.loads(body) == {"ok": True, "pages": 2, "sections": 12}


@pytest.mark.parametrize("case", ["unsigned", "wrong secret", "stale", "future"])
def test_bad_or_stale_signatures_get_401(http_bot, slack_api, case):
    channel = unique("C")
    body = json.dumps({"type": "event_callback", "event_id": unique("Ev"), "event": _mention(channel, "wat is QMS")})
    now = int(time.time())
    status, _ = http_bot.post(body, signed=case != "unsigned", secret="other" if case == "wrong secret" else SECRET,
                              timestamp={"stale": now - 600, "future": now + 600}.get(case, now))
    assert status == 401
    assert not slack_api.of("chat.postMessage", where=lambda d: d.get("channel") == channel)


@pytest.mark.parametrize("body", [b"", b"{not json", b"\xff\xfe\x00garbage", b"payload=%7Bbroken",
                                  b'{"type": "no_such_thing"}', b"x" * 2_000_000])
def test_a_body_that_is_not_a_slack_request_gets_4xx_and_the_process_lives_on(http_bot, body):
    content_type = "application/x-www-form-urlencoded" if body.startswith(b"payload") else "application/json"
    status, _ = http_bot.post(body, content_type)
    assert 400 <= status < 500
    assert http_bot.proc.poll() is None
    assert http_bot.get("/healthz")[0] == 200


def test_url_verification_is_answered(http_bot):
    status, body = http_bot.post(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"}))
    assert status == 200 and "abc123" in body


def test_a_rate_limited_post_is_retried(http_bot, slack_api):
    channel = unique("C")
    slack_api.rate_limit_next.add("chat.postMessage")
    http_bot.event(_mention(channel, "wat is QMS?"))
    [_call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert slack_api.of("chat.postMessage (429)", where=lambda d: d.get("channel") == channel)


def test_pages_edited_and_added_while_it_runs_are_answered_from_their_new_text(http_bot, slack_api):
    page = http_bot.docs / "docs" / "Dienstverlening" / "Diensten" / "Break-en-Fix" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Zeilboten\n\nWij repareren ook zeilboten op zondag.\n",
                    encoding="utf-8")
    http_bot.wait_line(r"index updated .*\"changed\": 1")
    answer = _ask_in_a_new_channel(http_bot, slack_api, "repareren jullie zeilboten?")
    assert "Zeilboten" in answer and "#zeilboten" in answer

    new = http_bot.docs / "docs" / "Nieuw" / "kano.md"
    new.parent.mkdir()
    new.write_text("# Kanoverhuur\n\nQuarkpulse verhuurt geen kano's, maar adviseert over kanoverhuur-software.\n",
                   encoding="utf-8")
    http_bot.wait_line(r"index updated .*\"added\": 1")
    answer = _ask_in_a_new_channel(http_bot, slack_api, "kanoverhuur software")
    assert "Kanoverhuur" in answer and "Nieuw/kano/" in answer


def _ask_in_a_new_channel(http_bot, slack_api, question: str) -> str:
    channel = unique("C")
    http_bot.event(_mention(channel, question))
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    return section_texts(call.data)


@pytest.mark.parametrize("env, args, message", [
    ({"SLACK_BOT_TOKEN": ""}, ["--http"], "SLACK_BOT_TOKEN is not set"),
    ({"SLACK_BOT_TOKEN": "not-a-token", "SLACK_SIGNING_SECRET": "s"}, ["--http"], "SLACK_BOT_TOKEN does not look"),
    ({"SLACK_SIGNING_SECRET": ""}, ["--http"], "SLACK_SIGNING_SECRET is not set"),
    ({}, [], "SLACK_APP_TOKEN is not set"),
    ({"SLACK_APP_TOKEN": "xoxb-wrong-kind"}, [], "SLACK_APP_TOKEN does not look"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "ftp://x"}, ["--http"], "SLACK_API_URL"),
    ({"SLACK_SIGNING_SECRET": "s", "FAQBOT_LANGUAGE": "fr"}, ["--http"], "FAQBOT_LANGUAGE"),
    ({"SLACK_SIGNING_SECRET": "s", "FAQBOT_ADMINS": "not an id"}, ["--http"], "FAQBOT_ADMINS"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "http://127.0.0.1:9/api/"}, ["--http"], "SLACK_API_URL"),
    ({"SLACK_SIGNING_SECRET": "s", "FAQBOT_DB": "postgresql://faqbot@127.0.0.1:9/faqbot"}, ["--http"],
     "FAQBOT_PSEUDONYM_KEY is not set"),
    ({"SLACK_SIGNING_SECRET": "s", "FAQBOT_PSEUDONYM_KEY": "short"}, ["--http"], "FAQBOT_PSEUDONYM_KEY: shorter"),
    ({"SLACK_SIGNING_SECRET": "s", "FAQBOT_DB": "postgresql://faqbot:s3cret@127.0.0.1:9/faqbot",
      "FAQBOT_PSEUDONYM_KEY": "k" * 32}, ["--http"], "FAQBOT_DB: cannot use postgresql://127.0.0.1:9/faqbot"),
    ({"SLACK_SIGNING_SECRET": "s", "FAQBOT_DB": "mysql://db/faqbot"}, ["--http"], "FAQBOT_DB / database: mysql://"),
    ({"SLACK_SIGNING_SECRET": "s", "FAQBOT_LEASE": "0"}, ["--http"], "FAQBOT_LEASE"),
])
def test_missing_or_malformed_settings_exit_2_naming_the_setting(slack_api, tmp_path, env, args, message):
    out = subprocess.run([sys.executable, "-m", "bot.cli", "serve", *args], cwd=REPO, capture_output=True, text=True,
                         env={**bot_env(slack_api, tmp_path), **env}, timeout=120)
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
    assert "s3cret" not in out.stderr  # a database's password is never printed


def test_idle_and_slow_connections_neither_starve_the_server_nor_stay_open(http_bot, slack_api):
    import socket

    from bot.server import READ_TIMEOUT

    port = int(http_bot.url.rsplit(":", 1)[1])
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(900)]  # never send a thing
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(100)]
    for sock in slow:  # headers, then a body that never comes
        sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{")
    try:
        channel = unique("C")
        started = time.monotonic()
        assert http_bot.event(_mention(channel, "wat is QMS?")) == 200
        assert time.monotonic() - started < 1.0
        slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
        assert http_bot.get("/healthz")[0] == 200
        for sock in (idle[0], idle[-1]):  # closed by the server once READ_TIMEOUT has passed
            sock.settimeout(READ_TIMEOUT + 10)
            assert sock.recv(1) == b""
        slow[0].settimeout(READ_TIMEOUT + 10)
        assert slow[0].recv(100).startswith(b"HTTP/1.1 408")
    finally:
        for sock in idle + slow:
            sock.close()


def test_a_replayed_signed_command_is_answered_once(http_bot, slack_api):
    import urllib.parse

    response_id = unique("r")
    form = urllib.parse.urlencode({"command": "/faq", "text": "wat is QMS", "user_id": "U1", "channel_id": "C1",
                                   "team_id": "T1", "trigger_id": unique("tr"),
                                   "response_url": f"{slack_api.url}/response/{response_id}"})
    timestamp = int(time.time())
    first = http_bot.post(form, "application/x-www-form-urlencoded", timestamp=timestamp)
    slack_api.wait_for(f"response/{response_id}")
    replayed = http_bot.post(form, "application/x-www-form-urlencoded", timestamp=timestamp)  # the same signature
    assert first[0] == replayed[0] == 200 and replayed[1] == ""
    # the replay was turned away before any listener saw it: a later command is answered, the replay never
    later = unique("r")
    http_bot.post(form.replace(response_id, later), "application/x-www-form-urlencoded")
    slack_api.wait_for(f"response/{later}")
    assert len(slack_api.of(f"response/{response_id}")) == 1


def test_a_port_variable_that_is_not_a_number_is_one_line_and_exit_2(slack_api, tmp_path):
    out = subprocess.run([sys.executable, "-m", "bot.cli", "serve", "--http"], cwd=REPO, capture_output=True,
                         text=True, env=bot_env(slack_api, tmp_path, SLACK_SIGNING_SECRET=SECRET, PORT="abc"),
                         timeout=120)
    assert out.returncode == 2
    assert out.stderr == "faqbot: PORT must be a number (a TCP port), not 'abc'\n"


def test_the_start_output_has_no_warning_about_an_unused_token(slack_api, tmp_path):
    import threading

    from tests.bot.conftest import BotProcess, copy_knowledge, free_port, stop_bot

    docs = copy_knowledge(tmp_path / "knowledge")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--docs", str(docs), "--http", "--host",
                             "127.0.0.1", "--port", str(free_port())], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env=bot_env(slack_api, tmp_path, SLACK_SIGNING_SECRET=SECRET))
    bot = BotProcess(proc, slack_api, docs, tmp_path / "faqbot.sqlite3")
    threading.Thread(target=bot.read_output, daemon=True).start()
    try:
        bot.wait_line(r"faqbot: ready")  # stdout and stderr, everything said at the start
    finally:
        stop_bot(bot)
    assert not [line for line in bot.seen if "WARNING" in line or "will be unused" in line], bot.seen

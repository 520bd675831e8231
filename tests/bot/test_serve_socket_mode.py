"""`faqbot serve` in Socket Mode, against a local WebSocket server that sends envelopes as Slack
does (as slack_sdk's own tests do) and a local Web API server."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator

import pytest
from websockets.sync.server import ServerConnection, serve

from tests.bot.block_kit import problems, section_texts
from tests.bot.conftest import BotProcess, free_port, start_bot, stop_bot, unique

HEALTH_PORT = free_port()


class SocketServer:
    """Accepts the bot's connection, says hello, sends envelopes and collects the bot's acks."""

    def __init__(self) -> None:
        self.connected: queue.Queue[ServerConnection] = queue.Queue()
        self.acks: queue.Queue[dict] = queue.Queue()
        self.server = serve(self._handle, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"

    def _handle(self, connection: ServerConnection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"},
                                    "debug_info": {"host": "local"}}))
        self.connected.put(connection)
        for message in connection:
            self.acks.put(json.loads(message))

    def envelope(self, connection: ServerConnection, kind: str, payload: dict, retry: int = 0) -> str:
        envelope_id = unique("env")
        connection.send(json.dumps({"envelope_id": envelope_id, "type": kind, "payload": payload,
                                    "accepts_response_payload": kind != "events_api", "retry_attempt": retry,
                                    "retry_reason": "timeout" if retry else ""}))
        return envelope_id

    def wait_ack(self, envelope_id: str) -> dict:
        while True:
            ack = self.acks.get(timeout=30)
            if ack.get("envelope_id") == envelope_id:
                return ack


@pytest.fixture(scope="module")
def socket_bot(slack_api, tmp_path_factory) -> Iterator[tuple[BotProcess, SocketServer, ServerConnection]]:
    server = SocketServer()
    slack_api.socket_url = server.url
    bot = start_bot(slack_api, tmp_path_factory.mktemp("socket"), ["--host", "127.0.0.1", "--health-port",
                                                                   str(HEALTH_PORT)], SLACK_APP_TOKEN="xapp-test")
    connection = server.connected.get(timeout=60)
    bot.wait_line(r"faqbot: ready \(socket mode")
    yield bot, server, connection
    stop_bot(bot)
    server.server.shutdown()


def _event(channel: str, text: str, ts: str, event_id: str) -> dict:
    return {"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": event_id,
            "event": {"type": "app_mention", "user": "U1", "text": text, "ts": ts, "channel": channel},
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}]}


def test_a_mention_over_socket_mode_is_acknowledged_and_answered_in_its_thread(socket_bot, slack_api):
    _bot, server, connection = socket_bot
    channel = unique("C")
    envelope = server.envelope(connection, "events_api",
                               _event(channel, "<@UBOT> wie is verantwoordelijk voor network security", "1.000100",
                                      unique("Ev")))
    server.wait_ack(envelope)
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert call.data["thread_ts"] == "1.000100"
    assert "*Quarkpulse › Network Security*" in section_texts(call.data) and not problems(call.data)
    assert slack_api.of("apps.connections.open")


def test_a_redelivered_envelope_is_answered_once(socket_bot, slack_api):
    _bot, server, connection = socket_bot
    channel, event_id = unique("C"), unique("Ev")
    payload = _event(channel, "<@UBOT> wat is QMS?", "2.000100", event_id)
    server.wait_ack(server.envelope(connection, "events_api", payload))
    slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    server.wait_ack(server.envelope(connection, "events_api", payload, retry=1))
    server.wait_ack(server.envelope(connection, "events_api", payload, retry=2))
    server.wait_ack(server.envelope(connection, "events_api",
                                    _event(channel, "<@UBOT> wat is break en fix?", "2.000200", unique("Ev"))))
    slack_api.wait_for("chat.postMessage", count=2, where=lambda d: d.get("channel") == channel)
    assert len(slack_api.of("chat.postMessage", where=lambda d: d.get("thread_ts") == "2.000100")) == 1


def test_a_slash_command_over_socket_mode_answers_privately(socket_bot, slack_api):
    _bot, server, connection = socket_bot
    response_id = unique("r")
    envelope = server.envelope(connection, "slash_commands", {
        "command": "/faq", "text": "wat is break en fix", "user_id": "U1", "channel_id": "C1", "team_id": "T1",
        "response_url": f"{slack_api.url}/response/{response_id}", "trigger_id": "t"})
    server.wait_ack(envelope)
    [call] = slack_api.wait_for(f"response/{response_id}")
    assert call.data["response_type"] == "ephemeral" and "Break en Fix" in section_texts(call.data)


def test_socket_mode_answers_health_checks_on_its_own_port(socket_bot):
    bot, _server, _connection = socket_bot
    bot.url = f"http://127.0.0.1:{HEALTH_PORT}"
    status, body = bot.get("/healthz")
    assert status == 200 and json.loads(body) == {"ok": True, "pages": 2, "sections": 12}


def test_a_health_port_in_use_is_one_line_and_exit_code_3_as_an_http_port_in_use(slack_api, tmp_path):
    import socket
    import subprocess
    import sys

    from tests.bot.conftest import REPO, SECRET, bot_env, copy_knowledge

    docs = copy_knowledge(tmp_path / "knowledge")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        runs = {mode: subprocess.run([sys.executable, "-m", "bot.cli", "serve", "--docs", str(docs), "--host",
                                      "127.0.0.1", *args], cwd=REPO, capture_output=True, text=True, timeout=120,
                                     env=bot_env(slack_api, tmp_path, **env))
                for mode, args, env in (("http", ["--http", "--port", port], {"SLACK_SIGNING_SECRET": SECRET}),
                                        ("socket", ["--health-port", port], {"SLACK_APP_TOKEN": "xapp-test"}))}
    for out in runs.values():
        assert out.returncode == 3 and "Traceback" not in out.stderr, out.stderr
        assert len([line for line in out.stderr.splitlines() if "in use" in line.lower()]) == 1, out.stderr
    assert runs["socket"].stderr == \
        f"faqbot: --health-port: cannot listen on 127.0.0.1:{port} (Address already in use)\n"


def test_socket_mode_health_says_when_slack_has_been_disconnected_and_recovers_once_reconnected(tmp_path):
    """The WebSocket closed and apps.connections.open refused (a revoked app token): /healthz turns
    503 once FAQBOT_SOCKET_GRACE (lowered from 30 s) has passed, and 200 again once reconnected."""
    import re

    from tests.bot.conftest import until
    from tests.bot.slack_api import SlackApi

    api = SlackApi().start()
    server = SocketServer()
    api.socket_url = server.url
    port = free_port()
    bot = start_bot(api, tmp_path, ["--host", "127.0.0.1", "--health-port", str(port)], SLACK_APP_TOKEN="xapp-test",
                    FAQBOT_SOCKET_GRACE="1")
    bot.url = f"http://127.0.0.1:{port}"
    try:
        connection = server.connected.get(timeout=60)
        bot.wait_line(r"faqbot: ready \(socket mode")
        assert bot.get("/healthz")[0] == 200
        with api.changed:
            api.faults["apps.connections.open"] = ["error:invalid_auth"] * 1000
        connection.close()
        api.wait_for("apps.connections.open (error:invalid_auth)")  # the client tried again, and was refused
        status, body = until(lambda: (found := bot.get("/healthz"))[0] != 200 and found, timeout=60)
        assert status == 503
        [problem] = json.loads(body)["problems"]
        assert re.fullmatch(r"slack: not connected since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", problem), problem
        with api.changed:
            api.faults["apps.connections.open"] = []  # the token works again: the client reconnects by itself
        server.connected.get(timeout=60)
        status, body = until(lambda: (found := bot.get("/healthz"))[0] == 200 and found, timeout=30)
        assert json.loads(body) == {"ok": True, "pages": 2, "sections": 12}
    finally:
        stop_bot(bot)
        server.server.shutdown()
        api.stop()

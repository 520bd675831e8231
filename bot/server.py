"""Running the app: Socket Mode (SLACK_APP_TOKEN), or HTTP on a production ASGI server (uvicorn):
`POST /slack/events` for events, commands and interactivity (signature checked by Bolt), and
`GET /healthz`. Bolt's dispatch runs on a worker thread, so a slow request never stalls the server."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt import App
from slack_bolt.request import BoltRequest

from indexer import KnowledgeBase

log = logging.getLogger("faqbot")
MAX_BODY = 1 << 20  # Slack's payloads are far smaller; anything bigger is not from Slack
READ_TIMEOUT = 10.0  # seconds a connection may take to send a whole request (Slack sends at once)
MAX_CONNECTIONS = 2000  # at once; past that new ones get 503 (Slack retries events)
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class SlackAsgi:
    """The ASGI application: Slack's endpoint and a health check."""

    def __init__(self, app: App, knowledge: KnowledgeBase, on_ready: Callable[[], None] | None = None,
                 problems: Callable[[], list[str]] = list) -> None:
        self.app = app
        self.knowledge = knowledge
        self.on_ready = on_ready
        self.problems = problems

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        if path == "/healthz" and method in ("GET", "HEAD"):
            await _respond(send, *health(self.knowledge, self.problems))
        elif path == "/slack/events" and method == "POST":
            try:
                body = await _read_body(receive)
            except TimeoutError:  # a body that never comes: the connection is not held for it
                await _respond(send, 408, {"error": "request body too slow"})
                return
            if body is None:
                await _respond(send, 413, {"error": "request too large"})
                return
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
            try:
                request = BoltRequest(body=body.decode("utf-8", "replace"),
                                      query=scope.get("query_string", b"").decode("latin-1"), headers=headers)
                response = await asyncio.to_thread(self.app.dispatch, request)
            except Exception as exc:  # a body Bolt cannot parse: the sender's problem, not ours
                log.warning("bad request to /slack/events: %s", type(exc).__name__)
                await _respond(send, 400, {"error": "bad request"})
                return
            await _send(send, response.status, response.headers, response.body.encode("utf-8"))
        elif path == "/slack/events":
            await _respond(send, 405, {"error": "use POST"})
        else:
            await _respond(send, 404, {"error": "not found"})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self.on_ready:
                    self.on_ready()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


def health(knowledge: KnowledgeBase, problems: Callable[[], list[str]]) -> tuple[int, dict[str, Any]]:
    """/healthz: 200 and the knowledge base's size, or 503 naming what fails (database, Slack).
    Docs followed from git add `docs`: the commit answered from and the last fetch's error. A
    failing fetch is not a 503: the bot answers from the docs it has, and a load balancer taking
    every replica out because the git server is down would stop all answers."""
    state = knowledge.state()
    found = problems()
    body: dict[str, Any] = {"ok": not found, "pages": state.pages, "sections": state.sections}
    if found:
        body["problems"] = found
    source = knowledge.source_status()
    if source is not None:
        body["docs"] = source
    return (503 if found else 200), body


def serve_health(knowledge: KnowledgeBase, host: str, port: int, problems: Callable[[], list[str]]) -> None:
    """GET /healthz on its own port, for Socket Mode (which has no HTTP server of its own)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Health(BaseHTTPRequestHandler):
        timeout = READ_TIMEOUT

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            status, body = health(knowledge, problems) if self.path == "/healthz" else (404, {"error": "not found"})
            raw = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    server = ThreadingHTTPServer((host, port), Health)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="faqbot-health", daemon=True).start()


async def _read_body(receive: Receive) -> bytes | None:
    chunks, size = [], 0
    deadline = asyncio.get_running_loop().time() + READ_TIMEOUT
    while True:
        message = await asyncio.wait_for(receive(), max(deadline - asyncio.get_running_loop().time(), 0.01))
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def _respond(send: Send, status: int, data: dict[str, Any]) -> None:
    await _send(send, status, {"content-type": ["application/json"]}, json.dumps(data).encode())


async def _send(send: Send, status: int, headers: dict[str, Any], body: bytes) -> None:
    raw = [(k.lower().encode("latin-1"), str(v).encode("latin-1"))
           for k, values in headers.items() for v in (values if isinstance(values, list) else [values])
           if k.lower() != "content-length"]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def serve_http(app: App, knowledge: KnowledgeBase, host: str, port: int, on_ready: Callable[[], None],
               problems: Callable[[], list[str]] = list) -> None:
    """Until SIGTERM or SIGINT: then the server stops taking requests and this returns."""
    import signal

    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started:  # listening now: only then is the bot ready
                on_ready()

        def handle_exit(self, sig: int, frame: Any) -> None:
            # stop serving, then return to faqbot, which gives the answers in flight their time;
            # uvicorn's own handler would raise the signal again once the server is down
            if self.should_exit and sig == signal.SIGINT:
                self.force_exit = True
            self.should_exit = True

    config = uvicorn.Config(SlackAsgi(app, knowledge, problems=problems), host=host, port=port, lifespan="on",
                            log_level="warning", access_log=False, proxy_headers=True, http=_timed_h11(),
                            timeout_keep_alive=5, limit_concurrency=MAX_CONNECTIONS)
    Server(config).run()


def _timed_h11() -> type:
    """uvicorn's h11 protocol, closing a connection that has not sent a whole request within
    READ_TIMEOUT (uvicorn times out idle keep-alive connections, but not a new one that sends
    nothing, or sends its headers a byte at a time): idle connections cannot pile up."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TimedH11(H11Protocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._request_timer = self.loop.call_later(READ_TIMEOUT, self._too_slow)

        def _too_slow(self) -> None:
            if self.cycle is None or self.cycle.response_complete:  # no request in hand: close
                self.transport.close()

        def on_response_complete(self) -> None:
            self._request_timer.cancel()  # from here uvicorn's keep-alive timeout applies
            super().on_response_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._request_timer.cancel()
            super().connection_lost(exc)

    return TimedH11


CONNECTION_CHECKED = 1.0  # seconds between looks at Socket Mode's connection (for /healthz)


def serve_socket_mode(app: App, app_token: str, on_ready: Callable[[], None],
                      on_connection: Callable[[bool], None] = lambda connected: None) -> None:
    """Until SIGTERM or SIGINT: then the connection is closed (no new work) and this returns.
    Meanwhile `on_connection` hears every CONNECTION_CHECKED seconds whether the WebSocket is
    connected (the client reconnects by itself, and says nothing when it cannot)."""
    import signal

    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(app, app_token)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    handler.connect()
    on_connection(True)
    on_ready()
    while not stop.wait(CONNECTION_CHECKED):  # the Socket Mode client runs on its own threads meanwhile
        on_connection(handler.client.is_connected())
    handler.close()

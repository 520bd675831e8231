"""A local Slack-compatible Web API server over 127.0.0.1 that records every call (as slack-bolt's
own tests do), plus response_url endpoints. Tests wait on its records with a condition variable.
It keeps the messages posted (with their metadata) for conversations.replies and .history, and
can fail a method's next calls as Slack and the proxies before it do (`faults`)."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Call:
    path: str  # "chat.postMessage" for /api/chat.postMessage, "response/<id>" for response URLs
    data: dict[str, Any]
    headers: dict[str, str]


@dataclass
class SlackApi:
    server: ThreadingHTTPServer | None = None
    calls: list[Call] = field(default_factory=list)
    socket_url: str = ""
    rate_limit_next: set[str] = field(default_factory=set)  # methods that answer 429 once
    retry_after: str = "0"  # the Retry-After of those 429s
    # method -> how its next calls fail, in order: "500", "503", "502" (a proxy's HTML page), "badjson",
    # "error:<code>" (ok: false), "lost" (the call is carried out, the connection closes unanswered)
    faults: dict[str, list[str]] = field(default_factory=dict)
    messages: list[dict[str, Any]] = field(default_factory=list)
    slow: dict[str, float] = field(default_factory=dict)  # method -> seconds between doing it and answering
    changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> SlackApi:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
                if "json" in (self.headers.get("content-type") or ""):
                    data = json.loads(body or "{}")
                else:
                    data = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
                path = self.path.split("?")[0].removeprefix("/api/").lstrip("/")
                if path in api.rate_limit_next:
                    api.rate_limit_next.discard(path)
                    api.record(Call(path + " (429)", data, dict(self.headers)))
                    self._reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": api.retry_after})
                    return
                fault = api.next_fault(path)
                if fault == "lost":  # done, but the answer never reaches the caller
                    api.response(path, data)
                    api.record(Call(path + " (lost)", data, dict(self.headers)))
                    self.close_connection = True
                    return
                if fault:
                    status, raw, kind = {
                        "500": (500, b"Internal Server Error", "text/plain"),
                        "503": (503, b'{"ok": false, "error": "service_unavailable"}', "application/json"),
                        "502": (502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
                        "badjson": (200, b'{"ok": true, "ts": ', "application/json"),
                    }.get(fault) or (200, json.dumps({"ok": False, "error": fault.removeprefix("error:")}).encode(),
                                     "application/json")
                    api.record(Call(f"{path} ({fault})", data, dict(self.headers)))
                    self._reply(status, raw, content_type=kind)
                    return
                payload = api.response(path, data)
                api.record(Call(path, data, dict(self.headers)))  # recorded before the caller hears back
                if api.slow.get(path):  # done already: a caller that dies now never hears of it
                    time.sleep(api.slow[path])
                self._reply(200, payload)

            def _reply(self, status: int, payload: dict[str, Any] | bytes, headers: dict[str, str] | None = None,
                       content_type: str = "application/json") -> None:
                raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(raw)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(raw)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def response(self, path: str, data: dict[str, Any]) -> dict[str, Any]:
        if path == "auth.test":
            return {"ok": True, "url": "https://test.slack.com/", "team": "Test", "user": "faqbot", "team_id": "T1",
                    "user_id": "UBOT", "bot_id": "BBOT"}
        if path == "chat.postMessage":
            metadata = data.get("metadata")
            message = {"ts": f"{time.time():.6f}", "channel": data.get("channel"), "thread_ts": data.get("thread_ts"),
                       "text": data.get("text", ""), "bot_id": "BBOT",
                       "metadata": json.loads(metadata) if isinstance(metadata, str) else metadata}
            with self.changed:
                self.messages.append(message)
            return {"ok": True, "channel": data.get("channel"), "ts": message["ts"], "message": message}
        if path in ("conversations.replies", "conversations.history"):
            ts = data.get("ts")
            with self.changed:
                found = [m for m in self.messages if m["channel"] == data.get("channel")
                         and (ts is None or ts in (m["ts"], m["thread_ts"]))]
            if path == "conversations.history":
                return {"ok": True, "messages": found}
            # a thread's replies a page at a time, oldest first, as Slack gives them
            start, limit = int(data.get("cursor") or 0), int(data.get("limit") or 1000)
            more = start + limit < len(found)
            return {"ok": True, "messages": found[start:start + limit], "has_more": more,
                    "response_metadata": {"next_cursor": str(start + limit) if more else ""}}
        if path == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        return {"ok": True}

    def next_fault(self, path: str) -> str:
        with self.changed:
            pending = self.faults.get(path)
            return pending.pop(0) if pending else ""

    def record(self, call: Call) -> None:
        with self.changed:
            self.calls.append(call)
            self.changed.notify_all()

    def wait_for(self, path: str, count: int = 1, where: Any = None, timeout: float = 20) -> list[Call]:
        """The calls to `path` (matching `where`) once there are `count` of them; fails after `timeout`."""
        def matching() -> list[Call]:
            return [c for c in self.calls if c.path == path and (where is None or where(c.data))]

        with self.changed:
            ok = self.changed.wait_for(lambda: len(matching()) >= count, timeout=timeout)
            assert ok, f"{count} x {path} expected; calls: {[c.path for c in self.calls]}"
            return matching()

    def of(self, path: str, where: Any = None) -> list[Call]:
        with self.changed:
            return [c for c in self.calls if c.path == path and (where is None or where(c.data))]

"""A local Slack-compatible Web API server over 127.0.0.1 that records every call (as slack-bolt's
own tests do), plus response_url endpoints. Tests wait on its records with a condition variable."""

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
                    self._reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
                    api.record(Call(path + " (429)", data, dict(self.headers)))
                    return
                self._reply(200, api.response(path, data))
                api.record(Call(path, data, dict(self.headers)))

            def _reply(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
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
            return {"ok": True, "channel": data.get("channel"), "ts": f"{time.time():.6f}",
                    "message": {"text": data.get("text", "")}}
        if path == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        return {"ok": True}

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

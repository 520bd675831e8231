"""The Slack app: a Bolt App with a Web API client that retries, the inbox of events (stored before
the ack, so a retry is answered once and an event in flight when the process died is answered after
the next start), and every listener (bot/listeners). Thin on purpose: the behaviour lives in the
listeners."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient

from bot import listeners
from bot.delivery import retry_handlers
from bot.faqbot import RECOVERED, FaqBot
from bot.store import Claim

log = logging.getLogger("faqbot")


def web_client(token: str, api_url: str) -> WebClient:
    """A Web API client that waits out rate limits (429) and retries dropped connections and server
    errors (posts excepted: bot.delivery posts once)."""
    return WebClient(token=token, base_url=api_url, timeout=30, retry_handlers=retry_handlers())


def create_app(bot: FaqBot, http: bool) -> App:
    settings = bot.settings
    app = App(client=web_client(settings.bot_token, settings.api_url),
              signing_secret=settings.signing_secret if http else None,
              request_verification_enabled=http, ignoring_self_events_enabled=True, logger=log,
              listener_executor=ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="faqbot-answer"))

    @app.middleware
    def once_per_event(body: dict[str, Any], context: dict[str, Any],
                       next: Callable[[], BoltResponse]) -> BoltResponse | None:
        # Slack retries an event it thinks was not received (X-Slack-Retry-Num, retry_attempt) and may
        # deliver one twice; and it never resends one it got an ack for. So the event is stored before
        # the ack: a repeat is answered only while it is pending and nobody works on it, and what the
        # process did not finish is answered after the next start (`recover`).
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not context.get(RECOVERED):
            claim = bot.store.receive(str(event_id), json.dumps(body))
            if not claim:
                return BoltResponse(status=200, body="")
            if claim is Claim.AGAIN:  # its answer may be posted already: look before posting
                context[RECOVERED] = True
        return next()

    replays = SeenRecently(REPLAY_WINDOW)

    @app.middleware
    def once_per_request(req: BoltRequest, body: dict[str, Any],
                         next: Callable[[], BoltResponse]) -> BoltResponse | None:
        # A signed request captured and sent again within Slack's five minutes passes the signature
        # check; commands, buttons and shortcuts carry no event id, so their signature tells them apart.
        if req.mode == "http" and body.get("type") not in ("event_callback", "url_verification"):
            signature = (req.headers.get("x-slack-signature") or [""])[0]
            if signature and not replays.first(signature):
                log.warning("a replayed request was ignored (%s)", body.get("type") or body.get("command"))
                return BoltResponse(status=200, body="")
        return next()

    @app.middleware
    def with_the_bot(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse | None:
        context[FaqBot.CONTEXT_KEY] = bot  # listeners take it from there: FaqBot.of(context)
        return next()

    listeners.register(app)
    return app


REPLAY_WINDOW = 6 * 60.0  # Slack accepts a signature for five minutes; remembered a little longer


class SeenRecently:
    """Keys seen in the last `window` seconds (in memory: a replay reaches the process that served
    the original, or one that did not serve it at all)."""

    def __init__(self, window: float) -> None:
        self.window = window
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def first(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen = {k: t for k, t in self._seen.items() if now - t < self.window}
            if now - self._seen.get(key, -self.window) < self.window:
                return False
            self._seen[key] = now
            return True


def recover(app: App, bot: FaqBot, everyone: bool) -> int:
    """Work again on the events stored but not finished: at start-up every one (their process is
    gone; on a shared store, those of the replicas that died), later those whose lease ran out.
    Events older than the settings' `pending_max_age` are logged as missed. Returns how many were
    taken up."""
    bodies, missed = bot.store.unfinished(bot.settings.pending_max_age, everyone)
    for event_id in missed:
        log.error("event %s missed: not answered in time or failed too often", event_id)
    for raw in bodies:
        body = json.loads(raw)
        event = body.get("event") or {}
        log.info("answering event %s again (unfinished): channel %s, thread %s", body.get("event_id"),
                 event.get("channel"), event.get("thread_ts") or event.get("ts"))
        app.dispatch(BoltRequest(body=body, mode="socket_mode", context={RECOVERED: True}))
    return len(bodies)


RECOVER_EVERY = 30.0  # at most this many seconds between looks for events whose worker gave up or died
FORGET_EVERY = 3600.0  # seconds between deletions of questions past the retention


def recover_every(app: App, bot: FaqBot, stopping: threading.Event) -> None:
    """Until `stopping` is set (the process is shutting down: no new work), every third of the
    lease (at most RECOVER_EVERY): renew the leases of the events it works on, take up events whose
    lease ran out (their worker gave up or died, here or in another replica), and now and then
    delete the questions past the retention."""
    every = min(RECOVER_EVERY, bot.store.lease / 3)
    forget_at = time.monotonic() + FORGET_EVERY
    while not stopping.wait(every):
        try:
            bot.store.renew()
            recover(app, bot, everyone=False)
            if time.monotonic() >= forget_at:
                forget_at = time.monotonic() + FORGET_EVERY
                bot.store.forget_old()
        except Exception:  # the database may be unwell for a while: look again later
            log.exception("recovering unfinished events failed")


def drain(app: App, seconds: float) -> bool:
    """At shutdown: take no new work, give the answers being worked on `seconds` to finish. What is
    left stays pending in the inbox for the next start. True when everything finished in time."""
    executor = app.listener_runner.listener_executor
    assert isinstance(executor, ThreadPoolExecutor)
    executor.shutdown(wait=False, cancel_futures=True)  # queued work stays pending for the next start
    finished = threading.Event()

    def wait_for_workers() -> None:
        executor.shutdown(wait=True)
        finished.set()

    threading.Thread(target=wait_for_workers, daemon=True).start()
    return finished.wait(seconds)

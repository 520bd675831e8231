"""The Slack app: a Bolt App with a Web API client that retries, the de-duplication of Slack's
retries, and every listener (bot/listeners). Thin on purpose: the behaviour lives in the listeners."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from bot import listeners
from bot.delivery import retry_handlers
from bot.faqbot import FaqBot

log = logging.getLogger("faqbot")


def web_client(token: str, api_url: str) -> WebClient:
    """A Web API client that waits out rate limits (429) and retries dropped connections and server
    errors (posts excepted: bot.delivery posts once)."""
    return WebClient(token=token, base_url=api_url, timeout=30, retry_handlers=retry_handlers())


def create_app(bot: FaqBot, http: bool) -> App:
    settings = bot.settings
    app = App(client=web_client(settings.bot_token, settings.api_url),
              signing_secret=settings.signing_secret if http else None,
              request_verification_enabled=http, ignoring_self_events_enabled=True, logger=log)

    @app.middleware
    def once_per_event(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse | None:
        # Slack retries an event it thinks was not received (X-Slack-Retry-Num, retry_attempt) and may
        # deliver one twice: the event id is recorded before answering, so the answer is given once.
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not bot.store.first_time(str(event_id)):
            return BoltResponse(status=200, body="")
        return next()

    listeners.register(app, bot)
    return app

"""`@faqbot vraag…` in a channel: the answer goes in the thread of that message."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.faqbot import FaqBot
from bot.listeners.events.message import event_key, from_a_person


def register(app: App, bot: FaqBot) -> None:
    @app.event("app_mention")
    def answer_mention(event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        if not from_a_person(event):
            return
        thread = event.get("thread_ts") or event["ts"]
        bot.answer_in_thread(client, event["channel"], thread, event.get("user", ""), event.get("text", ""),
                             source="mention", key=event_key(body, event))

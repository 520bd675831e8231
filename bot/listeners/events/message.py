"""Messages without a mention: every direct message is a question; so is a reply in a thread the
bot answered in, and every message in a channel configured to get answers without a mention.
Edits, deletions, joins and messages from bots (its own included) are ignored."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.faqbot import FaqBot

PERSON_SUBTYPES = {None, "file_share", "thread_broadcast"}  # anything else is not a new question


def from_a_person(event: dict[str, Any]) -> bool:
    return (event.get("subtype") in PERSON_SUBTYPES and not event.get("bot_id") and bool(event.get("user"))
            and not event.get("bot_profile"))


def event_key(body: dict[str, Any], event: dict[str, Any]) -> str:
    """What an answer to this event is known by: Slack's event id (the same in every retry)."""
    return str(body.get("event_id") or f"{event.get('channel')}/{event.get('ts')}")


def register(app: App, bot: FaqBot) -> None:
    @app.event("message")
    def answer_message(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                       context: dict[str, Any]) -> None:
        if not from_a_person(event):
            return
        channel, text = event["channel"], event.get("text", "")
        own_id = context.get("bot_user_id")
        if own_id and f"<@{own_id}>" in text:
            return  # a mention: app_mention answers it
        thread = event.get("thread_ts")
        if event.get("channel_type") == "im":
            source = "dm"
        elif thread and bot.store.answers_in(channel, thread):
            source = "thread"
        elif channel in bot.settings.answer_channels and not thread:
            source = "channel"
        else:
            return
        # in a DM the answer is a plain reply (or stays in the thread it was asked in)
        reply_in = thread if source == "dm" else thread or event["ts"]
        bot.answer_in_thread(client, channel, reply_in, event["user"], text, source=source, key=event_key(body, event))

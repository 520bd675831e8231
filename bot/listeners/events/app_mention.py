"""`@faqbot vraag…` in a channel: the answer goes in the thread of that message. In a channel
where the bot is switched off, the person alone is told where to ask instead."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.faqbot import FaqBot
from bot.listeners.events.message import from_a_person


def answer_mention(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    bot = FaqBot.of(context)
    if not from_a_person(event):
        bot.finish(body)
        return
    if bot.settings.channel_mode(event["channel"]) == "off":
        bot.tell(client, event["channel"], event.get("user", ""), bot.texts_of(event.get("text", "")).channel_off)
        bot.finish(body)
        return
    thread = event.get("thread_ts") or event["ts"]
    bot.answer_event(body, context, client, event["channel"], thread, event.get("user", ""),
                     event.get("text", ""), source="mention", follows=event.get("thread_ts"))

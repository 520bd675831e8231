"""The message shortcut "Vraag de FAQ-bot": answers that message in its thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.delivery import Undelivered
from bot.faqbot import FaqBot

log = logging.getLogger("faqbot")


def ask_faq(ack: Ack, shortcut: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    message = shortcut.get("message") or {}
    channel = (shortcut.get("channel") or {}).get("id", "")
    thread = message.get("thread_ts") or message.get("ts")
    user = (shortcut.get("user") or {}).get("id", "")
    try:
        bot.answer_in_thread(client, channel, thread, user, message.get("text", ""), source="shortcut",
                             key=str(shortcut.get("trigger_id") or f"{channel}/{thread}"), said_privately=True)
    except Undelivered as exc:  # e.g. not_in_channel: the same answer, to the person privately
        log.warning("shortcut answer not posted in %s: %s", channel, exc)
        respond(response_type="ephemeral", **exc.message)

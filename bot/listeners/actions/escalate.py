""""Ik wil een mens spreken" under an answer or "not found": the configured people or user groups
are told in the thread, with the question; counted per section in `faqbot report`."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.blocks import is_question_number
from bot.faqbot import FaqBot


def ask_for_a_person(ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient,
                     context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    value = str(action.get("value", ""))
    if not is_question_number(value):
        return
    message = body.get("message") or {}  # absent for a private (ephemeral) answer: told in the channel
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    bot.escalate(client, int(value), body.get("user", {}).get("id", ""), channel,
                 message.get("thread_ts") or message.get("ts"))

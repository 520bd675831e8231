"""The share button under a private `/faq` answer: the answer goes to the channel for everyone,
and the private copy is removed."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.faqbot import FaqBot


def share_answer(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond,
                 context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    user = body.get("user", {}).get("id", "")
    channel = (body.get("channel") or {}).get("id", "")
    question = action.get("value", "")
    reply = bot.reply(question, user, channel, source="share", shared_by=user)
    respond(response_type="in_channel", replace_original=False, **reply.message)
    respond(delete_original=True)

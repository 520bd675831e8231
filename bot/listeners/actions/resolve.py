""""Opgelost" under an answer or "not found": the question is marked resolved (counted per section
in `faqbot report`), and the message shows who marked it instead of the buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot import blocks
from bot.faqbot import FaqBot


def mark_resolved(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient,
                  context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    value, user = str(action.get("value", "")), body.get("user", {}).get("id", "")
    if not blocks.is_question_number(value) or not bot.store.outcome(int(value), user, "resolved"):
        return  # not ours, or marked already
    t = bot.texts_of((bot.store.question(int(value)) or ("", None))[0])
    bot.show_on_message(client, body, respond, lambda shown: blocks.with_resolved(shown, t, user),
                        t.resolved.format(user=user))

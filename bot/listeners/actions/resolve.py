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
    if not value.isdigit() or not bot.store.outcome(int(value), user, "resolved"):
        return  # not ours, or marked already
    t = bot.texts_of(int(value))
    shown = (body.get("message") or {}).get("blocks")
    if shown:
        bot.show_on_message(client, body, respond, blocks.with_resolved(shown, t, user), t.resolved.format(user=user))
    else:
        respond(response_type="ephemeral", replace_original=False, text=t.resolved.format(user=user))

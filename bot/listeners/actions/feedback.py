"""👍 / 👎 under an answer: stored with the question, thanked privately."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.faqbot import FaqBot


def record_feedback(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond,
                    context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    up = action["action_id"] == "feedback_up"
    try:
        question_id = int(action.get("value", ""))
    except ValueError:
        return
    if bot.store.vote(question_id, body.get("user", {}).get("id", ""), 1 if up else -1):
        respond(response_type="ephemeral", replace_original=False,
                text=bot.texts.thanks_up if up else bot.texts.thanks_down)

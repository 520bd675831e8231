"""👍 / 👎 under an answer: stored with the question, and the message shows the choice instead of
the buttons. After a 👎 the person is asked privately which of the other matches it was."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot import blocks
from bot.faqbot import FaqBot


def record_feedback(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond, client: WebClient,
                    context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    up = action["action_id"] == "feedback_up"
    value = str(action.get("value", ""))
    user = body.get("user", {}).get("id", "")
    if not blocks.is_question_number(value) or not bot.store.vote(int(value), user, 1 if up else -1):
        return
    question, answered_with = bot.store.question(int(value)) or ("", None)
    t = bot.texts_of(question)
    bot.show_on_message(client, body, respond, lambda shown: blocks.with_vote(shown, t, up),
                        t.voted_up if up else t.voted_down)
    if not up and question and (others := bot.others(question, answered_with)):
        respond(response_type="ephemeral", replace_original=False, **blocks.which_one_message(t, int(value), others))

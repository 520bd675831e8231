"""The share button under a private `/faq` answer: the question and its answer go to the channel
for everyone, crediting who shared it, and the private copy is removed. Not a new question: votes
on the shared answer count for the one asked."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.blocks import is_question_number
from bot.faqbot import FaqBot


def share_answer(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond,
                 context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    user = body.get("user", {}).get("id", "")
    number, _, question = str(action.get("value", "")).partition("|")
    if not is_question_number(number) or not question:
        return  # a button of an older version, or not ours
    shared = respond(response_type="in_channel", replace_original=False, **bot.shared(question, int(number), user))
    if shared.status_code == 200:  # the private copy goes only once the shared one is there
        respond(delete_original=True)
    else:
        respond(response_type="ephemeral", replace_original=False, text=bot.texts_of(question).share_failed)

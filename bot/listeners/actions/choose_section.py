"""After a 👎, "Welke was het?": the section the person chose (or "Geen van deze") is stored and
shows in `faqbot report` as question → section, for the docs' maintainers to make findable."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.blocks import is_question_number
from bot.faqbot import FaqBot


def record_choice(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond,
                  context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()
    number, _, location = str(action.get("value", "")).partition("|")
    if is_question_number(number) and bot.store.choose(int(number), body.get("user", {}).get("id", ""), location):
        respond(replace_original=True, text=bot.texts_of((bot.store.question(int(number)) or ("", None))[0]).chosen)

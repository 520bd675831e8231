from __future__ import annotations

import re

from slack_bolt import App

from bot.blocks import CHOOSE
from bot.listeners.actions.choose_section import record_choice
from bot.listeners.actions.escalate import ask_for_a_person
from bot.listeners.actions.feedback import record_feedback
from bot.listeners.actions.open_docs import open_docs
from bot.listeners.actions.resolve import mark_resolved
from bot.listeners.actions.share_answer import share_answer


def register(app: App) -> None:
    app.action("feedback_up")(record_feedback)
    app.action("feedback_down")(record_feedback)
    app.action(re.compile(f"^{CHOOSE}\\d+$"))(record_choice)
    app.action("share_answer")(share_answer)
    app.action("escalate")(ask_for_a_person)
    app.action("resolve")(mark_resolved)
    app.action("open_docs")(open_docs)

from __future__ import annotations

from slack_bolt import App

from bot.faqbot import FaqBot
from bot.listeners.actions import feedback, open_docs, share_answer


def register(app: App, bot: FaqBot) -> None:
    feedback.register(app, bot)
    share_answer.register(app, bot)
    open_docs.register(app, bot)

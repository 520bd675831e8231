from __future__ import annotations

from slack_bolt import App

from bot.faqbot import FaqBot
from bot.listeners.commands import faq


def register(app: App, bot: FaqBot) -> None:
    faq.register(app, bot)

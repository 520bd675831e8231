from __future__ import annotations

from slack_bolt import App

from bot.faqbot import FaqBot
from bot.listeners.shortcuts import ask_faq


def register(app: App, bot: FaqBot) -> None:
    ask_faq.register(app, bot)

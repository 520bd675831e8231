from __future__ import annotations

from slack_bolt import App

from bot.faqbot import FaqBot
from bot.listeners.events import app_home_opened, app_mention, message


def register(app: App, bot: FaqBot) -> None:
    app_mention.register(app, bot)
    message.register(app, bot)
    app_home_opened.register(app, bot)

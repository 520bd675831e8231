from __future__ import annotations

from slack_bolt import App

from bot.listeners.events.app_home_opened import publish_home
from bot.listeners.events.app_mention import answer_mention
from bot.listeners.events.message import answer_message


def register(app: App) -> None:
    app.event("app_mention")(answer_mention)
    app.event("message")(answer_message)
    app.event("app_home_opened")(publish_home)

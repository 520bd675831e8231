from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands.faq import faq_command


def register(app: App) -> None:
    app.command("/faq")(faq_command)

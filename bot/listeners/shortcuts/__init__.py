from __future__ import annotations

from slack_bolt import App

from bot.listeners.shortcuts.ask_faq import ask_faq


def register(app: App) -> None:
    app.shortcut("ask_faq")(ask_faq)

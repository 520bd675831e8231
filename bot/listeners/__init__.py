"""Every Slack listener, one per file, registered here (as slack-samples' starter template does)."""

from __future__ import annotations

from slack_bolt import App

from bot.faqbot import FaqBot
from bot.listeners import actions, commands, events, shortcuts


def register(app: App, bot: FaqBot) -> None:
    events.register(app, bot)
    commands.register(app, bot)
    actions.register(app, bot)
    shortcuts.register(app, bot)

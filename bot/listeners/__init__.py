"""Every Slack listener: one named function per file, registered here, kind by kind (as
slack-samples' starter template does). A listener gets the FaqBot from Bolt's `context`
(`FaqBot.of(context)`, put there by a middleware in bot/app.py), so each is a plain function a
test calls with a mock client."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, events, shortcuts


def register(app: App) -> None:
    events.register(app)
    commands.register(app)
    actions.register(app)
    shortcuts.register(app)

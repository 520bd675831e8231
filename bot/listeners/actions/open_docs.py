"""The link button to the site opens in the browser; Slack still sends the click, which is acknowledged."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.faqbot import FaqBot


def register(app: App, bot: FaqBot) -> None:
    @app.action("open_docs")
    def open_docs(ack: Ack) -> None:
        ack()

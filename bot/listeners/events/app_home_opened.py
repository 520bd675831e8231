"""The App Home tab: how to ask, example questions, the knowledge base's state."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.faqbot import FaqBot


def publish_home(event: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    bot = FaqBot.of(context)
    if event.get("tab", "home") == "home":
        bot.publish_home(client, event["user"])
    bot.finish(body)  # not a question: published or not, nothing to answer again

"""Messages without a mention: every direct message is a question; a message in a group DM with
the bot, a reply in a thread the bot answered in, and a message in a channel configured to get
answers without a mention are when they ask what the docs answer (bot.faqbot.UNADDRESSED).
Edits, deletions, joins and messages from bots (its own included) are ignored."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.faqbot import FaqBot

PERSON_SUBTYPES = {None, "file_share", "thread_broadcast"}  # anything else is not a new question


def from_a_person(event: dict[str, Any]) -> bool:
    """A new message a person wrote: not a bot's, and not an edit (Slack sends `app_mention` again,
    with a new event id, when a message that mentions the bot is edited)."""
    return (event.get("subtype") in PERSON_SUBTYPES and not event.get("bot_id") and bool(event.get("user"))
            and not event.get("bot_profile") and not event.get("edited"))


def answer_message(event: dict[str, Any], body: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    bot = FaqBot.of(context)
    source = _source(bot, event, context)
    if source is None:
        bot.finish(body)
        return
    thread = event.get("thread_ts")
    # in a DM or group DM the answer is a plain reply (or stays in the thread it was asked in)
    reply_in = thread if source in ("dm", "group") else thread or event["ts"]
    bot.answer_event(body, context, client, event["channel"], reply_in, event["user"], event.get("text", ""),
                     source=source, follows=thread)


def _source(bot: FaqBot, event: dict[str, Any], context: BoltContext) -> str | None:
    """Why this message is a question for the bot ("dm", "group", "thread", "channel"), None when
    it is not."""
    if not from_a_person(event):
        return None
    channel, text = event["channel"], event.get("text", "")
    if event.get("channel_type") == "im":
        return "dm"  # Slack sends no app_mention for a DM, even one that mentions the bot
    own_id = context.get("bot_user_id")
    if own_id and f"<@{own_id}>" in text:
        return None  # a mention: app_mention answers it
    thread = event.get("thread_ts")
    if event.get("channel_type") == "mpim":
        return "group"  # a group DM: no mention needed, but people talk there too
    mode = bot.settings.channel_mode(channel)
    if mode == "off":
        return None
    if thread and bot.store.answers_in(channel, thread):
        return "thread"
    if mode == "questions" and not thread:
        return "channel"
    return None

"""`/faq <vraag>`: a private answer with a button to share it; `/faq` or `/faq help`: how to ask;
`/faq reindex`: admins update the index now and get its summary."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot import blocks, mrkdwn
from bot.faqbot import FaqBot, question_text

log = logging.getLogger("faqbot")
HELP_WORDS = {"", "help", "hulp", "?"}


def faq_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    bot = FaqBot.of(context)
    ack()  # within Slack's 3 seconds; the answer follows through the response URL
    user, channel = command.get("user_id", ""), command.get("channel_id", "")
    question = question_text(command.get("text", ""))
    if question.lower() in HELP_WORDS:
        respond(response_type="ephemeral", **blocks.help_message(bot.texts))
    elif question.lower() == "reindex":
        reindex(bot, user, respond)
    else:
        reply = bot.reply(question, user, channel, source="command", private=True)
        respond(response_type="ephemeral", **reply.message)


def reindex(bot: FaqBot, user: str, respond: Respond) -> None:
    t = bot.texts
    if not bot.is_admin(user):
        respond(response_type="ephemeral", text=t.reindex_refused)
        return
    fetch_error = bot.knowledge.fetch()  # docs followed from git: their newest commit first
    try:
        report = bot.knowledge.update()
    except Exception as exc:  # the previous index keeps answering
        log.exception("reindex failed")
        respond(response_type="ephemeral", text=t.reindex_failed.format(error=type(exc).__name__))
        return
    summary = report.summary()
    summary["seconds"] = round(summary["seconds"], 2)
    text = t.reindex_done.format(**summary)
    if fetch_error:
        text += "\n" + t.reindex_fetch_failed.format(error=mrkdwn.escape(fetch_error))
    respond(response_type="ephemeral", text=text)

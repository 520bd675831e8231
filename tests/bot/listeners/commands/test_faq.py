from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.commands.faq import faq_command
from tests.bot.listeners.conftest import ADMIN, text_of


def run(text: str, context, user: str = "U1") -> tuple[MagicMock, MagicMock]:
    ack, respond = MagicMock(), MagicMock()
    faq_command(ack, {"text": text, "user_id": user, "channel_id": "C1"}, respond, context)
    ack.assert_called_once()
    return ack, respond


def test_a_question_gets_a_private_answer_with_a_share_button(faqbot, context):
    _, respond = run("wie is verantwoordelijk voor network security?", context)
    reply = respond.call_args.kwargs
    assert reply["response_type"] == "ephemeral"
    assert "Network Security" in text_of(reply)
    buttons = [e["action_id"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "share_answer" in buttons
    assert faqbot.store.totals()["questions"] == 1


def test_help_and_an_empty_command_explain_how_to_ask(faqbot, context):
    for text in ("", "help", "hulp"):
        _, respond = run(text, context)
        assert respond.call_args.kwargs["text"] == faqbot.texts.help_title
    assert faqbot.store.totals()["questions"] == 0


def test_reindex_is_for_admins(faqbot, context):
    _, respond = run("reindex", context)
    assert respond.call_args.kwargs["text"] == faqbot.texts.reindex_refused
    _, respond = run("reindex", context, user=ADMIN)
    assert f"{faqbot.knowledge.state().pages}" in respond.call_args.kwargs["text"]

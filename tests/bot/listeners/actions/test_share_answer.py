from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.actions.share_answer import share_answer
from tests.bot.listeners.conftest import text_of


def test_sharing_posts_question_and_answer_for_everyone_and_removes_the_private_copy(faqbot, context):
    ack, respond = MagicMock(), MagicMock()
    respond.return_value.status_code = 200
    share_answer(ack, {"action_id": "share_answer", "value": "7|wie is verantwoordelijk voor network security?"},
                 {"user": {"id": "U1"}, "channel": {"id": "C1"}}, respond, context)
    ack.assert_called_once()
    shared, removed = (call.kwargs for call in respond.call_args_list)
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    text = text_of(shared)
    assert "wie is verantwoordelijk voor network security?" in text  # the question, restated
    assert "Network Security" in text and "<@U1>" in text  # the answer, and who shared it
    votes = [e["value"] for b in shared["blocks"] if b["type"] == "actions" for e in b["elements"]
             if e["action_id"].startswith("feedback")]
    assert votes == ["7", "7"]  # votes on it count for the question asked
    assert removed == {"delete_original": True}
    assert faqbot.store.totals()["questions"] == 0  # sharing is not asking again


def test_a_share_button_without_its_question_is_ignored(faqbot, context):
    ack, respond = MagicMock(), MagicMock()
    share_answer(ack, {"action_id": "share_answer", "value": "wat is QMS?"}, {"user": {"id": "U1"}}, respond,
                 context)
    ack.assert_called_once()
    respond.assert_not_called()


def test_when_sharing_fails_the_private_answer_stays(faqbot, context):
    ack, respond = MagicMock(), MagicMock()
    respond.return_value.status_code = 500
    share_answer(ack, {"action_id": "share_answer", "value": "7|wat is QMS?"},
                 {"user": {"id": "U1"}, "channel": {"id": "C1"}}, respond, context)
    shared, told = (call.kwargs for call in respond.call_args_list)
    assert shared["response_type"] == "in_channel"
    assert told == {"response_type": "ephemeral", "replace_original": False, "text": faqbot.texts.share_failed}

from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.actions.feedback import record_feedback


def click(action_id: str, value: str, user: str, context) -> MagicMock:
    ack, respond = MagicMock(), MagicMock()
    record_feedback(ack, {"action_id": action_id, "value": value}, {"user": {"id": user}}, respond, context)
    ack.assert_called_once()
    return respond


def test_a_vote_is_stored_once_per_person_and_thanked_privately(faqbot, context):
    question_id = faqbot.reply("wat kost break en fix", "U1", "C1", source="mention").question_id
    respond = click("feedback_down", str(question_id), "U2", context)
    assert respond.call_args.kwargs == {"response_type": "ephemeral", "replace_original": False,
                                        "text": faqbot.texts.thanks_down}
    click("feedback_down", str(question_id), "U2", context)  # the same person again
    click("feedback_up", str(question_id), "U3", context)
    assert (faqbot.store.totals()["down"], faqbot.store.totals()["up"]) == (1, 1)


def test_a_button_with_a_strange_value_is_acknowledged_and_ignored(faqbot, context):
    respond = click("feedback_up", "not-a-number", "U2", context)
    respond.assert_not_called()
    assert faqbot.store.totals()["up"] == 0

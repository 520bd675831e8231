from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.actions.resolve import mark_resolved


def test_resolved_is_recorded_once_and_the_answer_shows_who_marked_it(faqbot, context):
    reply = faqbot.reply("wat is QMS", "U1", "C1", source="mention")
    ack, respond = MagicMock(), MagicMock()
    body = {"user": {"id": "U1"}, "message": {"blocks": reply.message["blocks"]}}
    mark_resolved(ack, {"value": str(reply.question_id)}, body, respond, MagicMock(), context)
    ack.assert_called_once()
    shown = respond.call_args.kwargs["blocks"]
    actions = [e["action_id"] for b in shown if b["type"] == "actions" for e in b["elements"]]
    assert "resolve" not in actions and "escalate" not in actions and "feedback_up" in actions
    assert faqbot.texts.resolved.format(user="U1") in str(shown)
    mark_resolved(MagicMock(), {"value": str(reply.question_id)}, body, respond, MagicMock(), context)
    assert respond.call_count == 1 and faqbot.store.totals()["resolved"] == 1

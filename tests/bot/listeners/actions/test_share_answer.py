from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.actions.share_answer import share_answer
from tests.bot.listeners.conftest import text_of


def test_sharing_posts_the_answer_for_everyone_and_removes_the_private_copy(context):
    ack, respond = MagicMock(), MagicMock()
    share_answer(ack, {"action_id": "share_answer", "value": "wat is QMS?"},
                 {"user": {"id": "U1"}, "channel": {"id": "C1"}}, respond, context)
    ack.assert_called_once()
    shared, removed = (call.kwargs for call in respond.call_args_list)
    assert shared["response_type"] == "in_channel" and shared["replace_original"] is False
    assert "Maandelijkse" in text_of(shared) and "<@U1>" in text_of(shared)
    assert removed == {"delete_original": True}

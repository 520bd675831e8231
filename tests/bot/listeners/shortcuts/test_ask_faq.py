from __future__ import annotations

from unittest.mock import MagicMock

from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.listeners.shortcuts.ask_faq import ask_faq
from tests.bot.listeners.conftest import posted, text_of


def shortcut(text: str) -> dict:
    return {"type": "message_action", "callback_id": "ask_faq", "trigger_id": "T1", "user": {"id": "U2"},
            "channel": {"id": "C1"}, "message": {"text": text, "ts": "1700000005.000100", "user": "U1"}}


def test_the_message_is_answered_in_its_thread(context, client):
    ack, respond = MagicMock(), MagicMock()
    ask_faq(ack, shortcut("wat kost break en fix?"), client, respond, context)
    ack.assert_called_once()
    [message] = posted(client)
    assert message["channel"] == "C1" and message["thread_ts"] == "1700000005.000100"
    assert "Break" in text_of(message)
    respond.assert_not_called()


def test_where_the_bot_may_not_post_the_person_gets_the_answer_privately(faqbot, context, client):
    refused = SlackResponse(client=None, http_verb="POST", api_url="chat.postMessage", req_args={},
                            data={"ok": False, "error": "not_in_channel"}, headers={}, status_code=200)
    client.chat_postMessage.side_effect = SlackApiError("not_in_channel", refused)
    ack, respond = MagicMock(), MagicMock()
    ask_faq(ack, shortcut("wat kost break en fix?"), client, respond, context)
    reply = respond.call_args.kwargs
    assert reply["response_type"] == "ephemeral" and "Break" in text_of(reply)
    client.chat_postEphemeral.assert_not_called()  # no "something went wrong" beside the answer
    assert faqbot.store.totals()["questions"] == 1  # asked once, logged once

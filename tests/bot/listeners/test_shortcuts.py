"""The message shortcut "Vraag de FAQ-bot" answers the message it was used on, in its thread."""

from __future__ import annotations

from tests.bot.block_kit import problems, section_texts
from tests.bot.conftest import unique


def test_the_shortcut_answers_that_message_in_its_thread(http_bot, slack_api):
    channel = unique("C")
    status, _ = http_bot.interaction({
        "type": "message_action", "callback_id": "ask_faq", "user": {"id": "U2"}, "channel": {"id": channel},
        "message": {"type": "message", "user": "U7", "text": "Wie regelt de incident response, wij of Quarkpulse?",
                    "ts": "1700000201.000100"}})
    assert status == 200
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert call.data["thread_ts"] == "1700000201.000100"
    assert "*Quarkpulse › Incident Response*" in section_texts(call.data) and not problems(call.data)

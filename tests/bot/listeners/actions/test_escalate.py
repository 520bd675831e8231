from __future__ import annotations

import dataclasses
from unittest.mock import MagicMock

from bot.listeners.actions.escalate import ask_for_a_person
from tests.bot.listeners.conftest import posted


def click(value: str, context, client, message: dict | None = None, user: str = "U2") -> None:
    body = {"user": {"id": user}, "channel": {"id": "C1"}, **({"message": message} if message else {})}
    ack = MagicMock()
    ask_for_a_person(ack, {"action_id": "escalate", "value": value}, body, client, context)
    ack.assert_called_once()


def test_asking_for_a_person_tags_the_configured_group_in_the_thread_once(faqbot, context, client):
    faqbot.settings = dataclasses.replace(faqbot.settings, escalate=("S0HELP", "U0JAN"))
    reply = faqbot.reply("koffieautomaat kapot", "U1", "C1", source="mention")
    message = {"ts": "1700000009.000200", "thread_ts": "1700000009.000100"}
    click(str(reply.question_id), context, client, message)
    click(str(reply.question_id), context, client, message, user="U3")  # asked already: nobody tagged twice
    [post] = posted(client)
    assert post["channel"] == "C1" and post["thread_ts"] == "1700000009.000100"
    assert "<!subteam^S0HELP>" in post["text"] and "<@U0JAN>" in post["text"] and "<@U2>" in post["text"]
    assert "koffieautomaat kapot" in post["text"]
    assert faqbot.store.totals()["escalated"] == 1
    assert [(line.location, line.escalated) for line in faqbot.store.people_asked()] == [(None, 1)]


def test_with_nobody_configured_the_message_says_so(faqbot, context, client):
    reply = faqbot.reply("wat is QMS", "U1", "C1", source="mention")
    click(str(reply.question_id), context, client, {"ts": "1700000010.000100"})
    [post] = posted(client)
    assert post["thread_ts"] == "1700000010.000100" and "FAQBOT_ESCALATE" in post["text"]


def test_from_a_dm_the_escalation_channel_is_told_or_else_the_asker_whom_to_contact(faqbot, context, client):
    faqbot.settings = dataclasses.replace(faqbot.settings, escalate=("S0HELP",), contact="Bel 123")
    reply = faqbot.reply("koffieautomaat kapot", "U1", "D1", source="dm")
    body = {"user": {"id": "U1"}, "channel": {"id": "D1"}, "message": {"ts": "1700000011.000100"}}
    ask_for_a_person(MagicMock(), {"value": str(reply.question_id)}, body, client, context)
    assert posted(client) == [] and client.chat_postEphemeral.call_args.kwargs["text"] == "Bel 123"
    faqbot.settings = dataclasses.replace(faqbot.settings, escalate_channel="C0HELPDESK")
    again = faqbot.reply("printer kapot", "U1", "D1", source="dm")
    ask_for_a_person(MagicMock(), {"value": str(again.question_id)}, body, client, context)
    [post] = posted(client)
    assert post["channel"] == "C0HELPDESK" and post["thread_ts"] is None
    assert "<!subteam^S0HELP>" in post["text"] and "<@U1>" in post["text"] and "printer kapot" in post["text"]


def test_an_escalation_slack_did_not_take_is_posted_when_asked_again(faqbot, context, client):
    faqbot.settings = dataclasses.replace(faqbot.settings, escalate=("S0HELP",))
    reply = faqbot.reply("koffieautomaat kapot", "U1", "C1", source="mention")
    message = {"ts": "1700000011.000200", "thread_ts": "1700000011.000100"}
    client.chat_postMessage.side_effect = [RuntimeError("503 Service Unavailable"), {"ok": True, "ts": "1.0"}]
    click(str(reply.question_id), context, client, message)
    assert client.chat_postEphemeral.call_args.kwargs["text"] == faqbot.texts.failed  # "try again"
    assert faqbot.store.totals()["escalated"] == 0
    click(str(reply.question_id), context, client, message)
    assert len(posted(client)) == 2 and "<!subteam^S0HELP>" in posted(client)[1]["text"]
    assert faqbot.store.totals()["escalated"] == 1

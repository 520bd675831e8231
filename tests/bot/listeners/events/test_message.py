from __future__ import annotations

from bot.faqbot import RECOVERED
from bot.listeners.events.message import answer_message
from tests.bot.listeners.conftest import event_body, posted, text_of


def message(text: str, channel: str = "C1", **extra) -> dict:
    return {"type": "message", "user": "U1", "text": text, "ts": "1700000002.000200", "channel": channel,
            "channel_type": "channel", **extra}


def test_a_direct_message_is_answered_as_a_plain_reply(context, client):
    event = message("wat is QMS?", channel="D1", channel_type="im")
    answer_message(event, event_body(event), client, context)
    [reply] = posted(client)
    assert reply["channel"] == "D1" and reply["thread_ts"] is None
    assert "Maandelijkse" in text_of(reply)


def test_a_reply_in_a_followed_thread_is_answered_there(faqbot, context, client):
    faqbot.store.remember_thread("C1", "1700000002.000100")
    event = message("wat kost break en fix?", thread_ts="1700000002.000100")
    answer_message(event, event_body(event), client, context)
    [reply] = posted(client)
    assert reply["thread_ts"] == "1700000002.000100"


def test_a_channel_configured_for_answers_gets_them_in_a_thread(context, client):
    event = message("wat is break en fix dienstverlening?", channel="CANSWER")
    answer_message(event, event_body(event), client, context)
    [reply] = posted(client)
    assert reply["channel"] == "CANSWER" and reply["thread_ts"] == "1700000002.000200"


def test_other_messages_get_no_answer(faqbot, context, client):
    ignored = [
        message("wat is QMS?"),  # a channel the bot does not answer in
        message("wat is QMS?", thread_ts="1700000009.000100"),  # a thread it never answered in
        message("wat is QMS?", channel="D1", channel_type="im", bot_id="B9"),  # a bot
        message("wat is QMS?", channel="D1", channel_type="im", subtype="message_changed"),  # an edit
        message("<@UBOT> wat is QMS?", channel="C1"),  # a mention: app_mention answers it
    ]
    for number, event in enumerate(ignored):
        answer_message(event, event_body(event, f"Ev{number}"), client, context)
    assert posted(client) == [] and faqbot.store.totals()["questions"] == 0


def test_in_a_followed_thread_conversation_and_unanswerable_questions_stay_quiet(faqbot, context, client):
    faqbot.store.remember_thread("C1", "1700000002.000100")
    quiet = ["top, bedankt!", "<@U0JAN> kun jij hier even naar kijken?", "ok 👍", "goedemorgen allemaal!",
             "waar staat de koffieautomaat?"]  # the last: a question, but not one the docs answer
    for number, text in enumerate(quiet):
        event = message(text, thread_ts="1700000002.000100", ts=f"1700000002.00030{number}")
        answer_message(event, event_body(event, f"Ev{number}"), client, context)
    assert posted(client) == [] and faqbot.store.totals()["questions"] == 0  # nothing logged as a doc gap


def test_in_an_answer_channel_only_questions_get_answers(faqbot, context, client):
    for number, text in enumerate(["goedemorgen allemaal!", "wat kost break en fix?"]):
        event = message(text, channel="CANSWER", ts=f"1700000003.00010{number}")
        answer_message(event, event_body(event, f"Ev{number}"), client, context)
    [reply] = posted(client)
    assert reply["thread_ts"] == "1700000003.000101" and faqbot.store.totals()["questions"] == 1


def test_a_follow_up_is_answered_with_its_threads_first_question(faqbot, context, client):
    faqbot.store.remember_thread("C1", "1700000004.000100")
    client.conversations_replies.return_value = {"ok": True, "messages": [
        {"ts": "1700000004.000100", "text": "<@UBOT> wie is verantwoordelijk voor network security?"},
        {"ts": "1700000004.000200", "bot_id": "BBOT", "metadata": {
            "event_type": "faqbot_answer",
            "event_payload": {"key": "Ev0", "question": "wie is verantwoordelijk voor network security?"}}}]}
    event = message("en wie doet de firewall updates?", thread_ts="1700000004.000100")
    answer_message(event, event_body(event), client, context)
    [reply] = posted(client)
    assert "Network Security" in text_of(reply)
    assert reply["metadata"]["event_payload"]["question"] == "en wie doet de firewall updates?"


def _thread_with(*answers: tuple[str, str]) -> dict:
    """A followed thread: its question, then the bot's answers (key, question) with their metadata."""
    return {"ok": True, "messages": [
        {"ts": "1700000004.000100", "text": "<@UBOT> wie is verantwoordelijk voor network security?"},
        *({"ts": f"1700000004.00020{n}", "bot_id": "BBOT", "metadata": {
            "event_type": "faqbot_answer", "event_payload": {"key": key, "question": question}}}
          for n, (key, question) in enumerate(answers))]}


def test_a_follow_up_taken_up_after_a_restart_reads_its_thread_once(faqbot, context, client):
    # The thread tells both what the follow-up is about and whether its answer was posted before
    # the restart: one read, not two.
    faqbot.store.remember_thread("C1", "1700000004.000100")
    client.conversations_replies.return_value = _thread_with(("Ev0", "wie is verantwoordelijk voor network security?"))
    context[RECOVERED] = True
    event = message("en wie doet de firewall updates?", thread_ts="1700000004.000100")
    answer_message(event, event_body(event), client, context)
    [reply] = posted(client)
    assert "Network Security" in text_of(reply)
    assert client.conversations_replies.call_count == 1

    client.reset_mock()
    client.conversations_replies.return_value = _thread_with(
        ("Ev0", "wie is verantwoordelijk voor network security?"), ("Ev1", "en wie doet de firewall updates?"))
    answer_message(event, event_body(event), client, context)
    assert posted(client) == [] and client.conversations_replies.call_count == 1  # posted before: not again


def test_a_channel_switched_off_gets_no_answers_even_in_followed_threads(faqbot, context, client):
    import dataclasses

    faqbot.settings = dataclasses.replace(faqbot.settings, channel_modes={"COFF": "off", "CANSWER": "off"})
    faqbot.store.remember_thread("COFF", "1700000005.000100")
    for number, event in enumerate([message("wat is QMS?", channel="COFF", thread_ts="1700000005.000100"),
                                    message("wat is QMS?", channel="CANSWER")]):
        answer_message(event, event_body(event, f"Ev{number}"), client, context)
    assert posted(client) == []


def test_a_group_dm_gets_answers_to_questions_only(faqbot, context, client):
    for number, text in enumerate(["zullen we morgen lunchen?", "bedankt!", "wat kost break en fix?"]):
        event = message(text, channel="G1", channel_type="mpim", ts=f"1700000006.00010{number}")
        answer_message(event, event_body(event, f"Ev{number}"), client, context)
    [reply] = posted(client)
    assert reply["channel"] == "G1" and reply["thread_ts"] is None and "Break" in text_of(reply)
    assert faqbot.store.totals()["questions"] == 1


def test_a_direct_message_that_mentions_the_bot_is_answered(context, client):
    event = message("<@UBOT> wat is QMS?", channel="D1", channel_type="im")
    answer_message(event, event_body(event), client, context)  # Slack sends no app_mention for a DM
    [reply] = posted(client)
    assert reply["channel"] == "D1"

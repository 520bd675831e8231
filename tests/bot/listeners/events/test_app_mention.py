from __future__ import annotations

from bot.listeners.events.app_mention import answer_mention
from tests.bot.listeners.conftest import event_body, posted, text_of


def mention(text: str, **extra) -> dict:
    return {"type": "app_mention", "user": "U1", "text": text, "ts": "1700000001.000100", "channel": "C1", **extra}


def test_a_mention_is_answered_in_its_thread_with_the_row(faqbot, context, client):
    event = mention("<@UBOT> wie is verantwoordelijk voor network security?")
    answer_mention(event, event_body(event), client, context)
    [message] = posted(client)
    assert message["channel"] == "C1" and message["thread_ts"] == "1700000001.000100"
    assert "Network Security" in text_of(message) and "Klant" in text_of(message)
    assert faqbot.store.answers_in("C1", "1700000001.000100")  # the thread is followed from now on
    assert faqbot.store.totals()["questions"] == 1


def test_a_mention_in_a_thread_is_answered_in_that_thread(context, client):
    event = mention("<@UBOT> wat is QMS?", ts="1700000001.000200", thread_ts="1700000001.000100")
    answer_mention(event, event_body(event), client, context)
    [message] = posted(client)
    assert message["thread_ts"] == "1700000001.000100"


def test_a_bare_mention_gets_the_help(context, client):
    event = mention("<@UBOT>")
    answer_mention(event, event_body(event), client, context)
    [message] = posted(client)
    assert "/faq" in text_of(message)


def test_a_mention_by_a_bot_is_not_answered(faqbot, context, client):
    event = mention("<@UBOT> wat is QMS?", bot_id="B9")
    answer_mention(event, event_body(event), client, context)
    assert posted(client) == [] and faqbot.store.totals()["questions"] == 0


def test_conversation_with_the_bot_gets_a_short_friendly_reply_and_no_log(faqbot, context, client):
    for number, text in enumerate(["<@UBOT> hallo", "<@UBOT> top, bedankt!"]):
        event = mention(text, ts=f"1700000006.00010{number}")
        answer_mention(event, event_body(event, f"Ev{number}"), client, context)
    greeting, thanks = posted(client)
    assert text_of(greeting).startswith("Hallo!") and faqbot.texts.chat_thanks in text_of(thanks)
    assert faqbot.store.totals()["questions"] == 0


def test_an_english_question_gets_english_headings_and_buttons(context, client):
    event = mention("<@UBOT> who is responsible for network security?")
    answer_mention(event, event_body(event), client, context)
    [reply] = posted(client)
    labels = [e["text"]["text"] for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "Open in the documentation" in labels and "🙋 Talk to a person" in labels


def test_a_mention_where_the_bot_is_off_is_told_privately_where_to_ask(faqbot, context, client):
    import dataclasses

    faqbot.settings = dataclasses.replace(faqbot.settings, channel_modes={"C1": "off"})
    event = mention("<@UBOT> wat is QMS?")
    answer_mention(event, event_body(event), client, context)
    assert posted(client) == []
    assert client.chat_postEphemeral.call_args.kwargs["text"] == faqbot.texts.channel_off


def test_an_answer_slack_refuses_for_good_is_told_to_the_person(faqbot, context, client):
    from slack_sdk.errors import SlackApiError
    from slack_sdk.web import SlackResponse

    refused = SlackResponse(client=None, http_verb="POST", api_url="chat.postMessage", req_args={},
                            data={"ok": False, "error": "channel_not_found"}, headers={}, status_code=200)
    client.chat_postMessage.side_effect = SlackApiError("channel_not_found", refused)
    event = mention("<@UBOT> wat is QMS?")
    answer_mention(event, event_body(event), client, context)
    assert client.chat_postEphemeral.call_args.kwargs == {"channel": "C1", "user": "U1", "text": faqbot.texts.failed}


def test_small_talk_and_the_off_channel_note_are_in_the_askers_language(faqbot, context, client):
    import dataclasses

    from bot.texts import texts

    event = mention("<@UBOT> thank you so much!")
    answer_mention(event, event_body(event), client, context)
    [thanks] = posted(client)
    assert texts("en").chat_thanks in text_of(thanks)
    faqbot.settings = dataclasses.replace(faqbot.settings, channel_modes={"C1": "off"})
    event = mention("<@UBOT> where can I ask about the SLA for critical incidents?", ts="1700000001.000300")
    answer_mention(event, event_body(event, "Ev2"), client, context)
    assert client.chat_postEphemeral.call_args.kwargs["text"] == texts("en").channel_off != texts("nl").channel_off


def test_an_answer_given_while_the_database_fails_still_carries_its_question(faqbot, context, client, monkeypatch):
    # a follow-up in the thread reads the question it follows from the answer's metadata
    monkeypatch.setattr(faqbot.store, "log_question", lambda *args, **kwargs: 0)  # what a failing store gives
    event = mention("<@UBOT> wie is verantwoordelijk voor network security?")
    answer_mention(event, event_body(event), client, context)
    [message] = posted(client)
    assert message["metadata"]["event_payload"]["question"] == "wie is verantwoordelijk voor network security?"


def test_an_answer_slack_took_only_when_tried_again_is_one_question_delivered(faqbot, context, client, monkeypatch):
    from slack_sdk.errors import SlackApiError
    from slack_sdk.web import SlackResponse

    import bot.delivery

    monkeypatch.setattr(bot.delivery, "FIRST_WAIT", 0.0)
    down = SlackResponse(client=None, http_verb="POST", api_url="chat.postMessage", req_args={},
                         data={"ok": False, "error": "service_unavailable"}, headers={}, status_code=503)
    client.chat_postMessage.side_effect = [SlackApiError("503", down)] * bot.delivery.ATTEMPTS + [
        {"ok": True, "ts": "1700000000.999999"}]
    event = mention("<@UBOT> wat is QMS?")
    answer_mention(event, event_body(event, "EvDown"), client, context)  # Slack down: left pending
    assert faqbot.store.totals()["undelivered"] == 1
    answer_mention(event, event_body(event, "EvDown"), client, context)  # tried again (the recovery)
    totals = faqbot.store.totals()
    assert (totals["questions"], totals["undelivered"]) == (1, 0)

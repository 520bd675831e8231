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

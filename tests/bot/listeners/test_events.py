"""Events as Slack sends them to `faqbot serve --http`: mentions, DMs, threads, App Home, retries."""

from __future__ import annotations

import json
import sqlite3

from tests.bot.block_kit import problems, section_texts
from tests.bot.conftest import unique, until

SITE = "https://quarkpulse.github.io/docs/"


def mention(text: str, channel: str, ts: str, **extra) -> dict:
    return {"type": "app_mention", "user": "U1", "text": text, "ts": ts, "channel": channel, "event_ts": ts,
            **extra}


def test_a_mention_is_answered_in_its_thread_with_the_row_and_the_deep_link(http_bot, slack_api):
    channel, ts = unique("C"), "1700000001.000100"
    assert http_bot.event(mention("<@UBOT> wie is verantwoordelijk voor network security?", channel, ts)) == 200
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert call.data["thread_ts"] == ts
    text = section_texts(call.data)
    assert "*Quarkpulse › Network Security*" in text and "Quarkpulse:" in text and "Klant:" in text
    assert SITE + "FAQs/Diensten/#" in text
    assert not problems(call.data)


def test_a_reply_in_an_answered_thread_needs_no_mention(http_bot, slack_api):
    channel, ts = unique("C"), "1700000002.000100"
    http_bot.event(mention("<@UBOT> wat is break en fix?", channel, ts))
    slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    http_bot.event({"type": "message", "user": "U1", "text": "en wat kost dat?", "ts": "1700000002.000200",
                    "thread_ts": ts, "channel": channel, "channel_type": "channel"})
    calls = slack_api.wait_for("chat.postMessage", count=2, where=lambda d: d.get("channel") == channel)
    assert all(c.data["thread_ts"] == ts for c in calls)


def test_a_direct_message_is_a_question(http_bot, slack_api):
    channel = unique("D")
    http_bot.event({"type": "message", "user": "U1", "text": "wat is QMS?", "ts": "1700000003.000100",
                    "channel": channel, "channel_type": "im"})
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert "thread_ts" not in call.data or call.data["thread_ts"] is None
    assert "Maandelijkse" in section_texts(call.data) and not problems(call.data)


def test_channels_configured_for_it_get_answers_without_a_mention(http_bot, slack_api):
    http_bot.event({"type": "message", "user": "U1", "text": "wat is break en fix dienstverlening?",
                    "ts": "1700000004.000100", "channel": "CANSWER", "channel_type": "channel"})
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == "CANSWER")
    assert call.data["thread_ts"] == "1700000004.000100"


def test_bots_edits_deletions_and_other_channels_get_no_answer(http_bot, slack_api):
    channel = unique("C")
    ignored = [
        {"type": "message", "subtype": "bot_message", "bot_id": "B9", "text": "wat is QMS?", "channel": channel},
        {"type": "message", "user": "UBOT", "bot_id": "BBOT", "text": "wat is QMS?", "channel": channel},
        {"type": "message", "subtype": "message_changed", "channel": channel,
         "message": {"user": "U1", "text": "wat is QMS?"}},
        {"type": "message", "subtype": "message_deleted", "channel": channel, "deleted_ts": "1.0"},
        {"type": "message", "user": "U1", "text": "wat is QMS?", "channel": channel, "channel_type": "channel"},
    ]
    for n, event in enumerate(ignored):
        event.setdefault("ts", f"1700000005.00010{n}")
        assert http_bot.event(event) == 200
    # a question in the same channel afterwards is the only one answered there
    http_bot.event(mention("<@UBOT> wat is QMS?", channel, "1700000005.000200"))
    slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert len(slack_api.of("chat.postMessage", where=lambda d: d.get("channel") == channel)) == 1


def test_an_edited_mention_is_not_answered_again(http_bot, slack_api):
    # Slack sends app_mention again, with a new event id, when a message that mentions the bot is edited
    channel, ts, edit_id = unique("C"), "1700000005.000300", unique("EvEdit")
    http_bot.event(mention("<@UBOT> wat is QMS?", channel, ts))
    slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    edited = mention("<@UBOT> wat is QMS precies?", channel, ts, edited={"user": "U1", "ts": "1700000005.000400"})
    assert http_bot.event(edited, event_id=edit_id) == 200

    def handled() -> bool:
        with sqlite3.connect(http_bot.db) as db:
            return db.execute("SELECT state FROM inbox WHERE event_id=?", (edit_id,)).fetchall() == [("done",)]

    until(handled)
    assert len(slack_api.of("chat.postMessage", where=lambda d: d.get("channel") == channel)) == 1


def test_retries_and_repeated_event_ids_are_answered_once(http_bot, slack_api):
    channel, event_id = unique("C"), unique("EvRetry")
    event = mention("<@UBOT> wat is QMS?", channel, "1700000006.000100")
    assert http_bot.event(event, event_id=event_id) == 200
    slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert http_bot.event(event, event_id=event_id, headers={"X-Slack-Retry-Num": "1",
                                                              "X-Slack-Retry-Reason": "http_timeout"}) == 200
    assert http_bot.event(event, event_id=event_id) == 200
    # a later question in the same channel is answered; the repeats never were
    http_bot.event(mention("<@UBOT> wat is break en fix?", channel, "1700000006.000200"))
    slack_api.wait_for("chat.postMessage", count=2, where=lambda d: d.get("channel") == channel)
    assert len(slack_api.of("chat.postMessage", where=lambda d: d.get("thread_ts") == "1700000006.000100")) == 1

    def done() -> bool:
        with sqlite3.connect(http_bot.db) as db:
            return db.execute("SELECT state FROM inbox WHERE event_id=?", (event_id,)).fetchall() == [("done",)]

    until(done)


def test_a_retry_taken_over_from_a_worker_that_died_after_posting_is_not_answered_twice(http_bot, slack_api):
    channel, event_id, ts = unique("C"), unique("EvDied"), "1700000006.000300"
    event = mention("<@UBOT> wat is QMS?", channel, ts)

    def state() -> list[tuple[str]]:
        with sqlite3.connect(http_bot.db) as db:
            return db.execute("SELECT state FROM inbox WHERE event_id=?", (event_id,)).fetchall()

    http_bot.event(event, event_id=event_id)
    slack_api.wait_for("chat.postMessage", where=lambda d: d.get("thread_ts") == ts)
    until(lambda: state() == [("done",)])
    # as if its worker had posted the answer and died before marking the event done, long enough ago
    # for its lease to have run out: Slack's retry takes it over
    with sqlite3.connect(http_bot.db) as db:
        db.execute("UPDATE inbox SET state='pending', claimed_at=0 WHERE event_id=?", (event_id,))
    assert http_bot.event(event, event_id=event_id, headers={"X-Slack-Retry-Num": "2",
                                                              "X-Slack-Retry-Reason": "http_timeout"}) == 200
    until(lambda: state() == [("done",)])
    assert len(slack_api.of("chat.postMessage", where=lambda d: d.get("thread_ts") == ts)) == 1


def test_mentions_and_broadcasts_in_a_question_are_never_echoed_live(http_bot, slack_api):
    channel = unique("C")
    text = "<@UBOT> <!channel> <!here> <!everyone> <!subteam^S123|@admins> <@U999> xyzzy plugh &amp; <b>"
    http_bot.event(mention(text, channel, "1700000007.000100"))
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    dumped = json.dumps(call.data)
    for live in ("<!channel>", "<!here>", "<!everyone>", "<!subteam", "<@U999>", "<b>"):
        assert live not in dumped


def test_a_64_kb_message_gets_an_answer_within_block_kit_limits(http_bot, slack_api):
    channel = unique("C")
    text = "<@UBOT> wie is verantwoordelijk voor network security? " + "lange tekst " * 5500
    assert len(text) > 64_000
    assert http_bot.event(mention(text, channel, "1700000008.000100")) == 200
    [call] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    assert not problems(call.data)


def test_the_app_home_shows_how_to_ask_and_the_state_of_the_knowledge_base(http_bot, slack_api):
    user = unique("U")
    http_bot.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home",
                    "event_ts": "1700000009.000100"})
    [call] = slack_api.wait_for("views.publish", where=lambda d: d.get("user_id") == user)
    view = call.data["view"] if isinstance(call.data["view"], dict) else json.loads(call.data["view"])
    text = section_texts(view)
    assert view["type"] == "home" and "/faq" in text
    assert "2 pagina's" in text and "secties" in text and "<!date^" in text
    assert not problems(view)

"""`faqbot serve --http` against a Web API that fails as Slack and the proxies before it do: every
answer arrives, and arrives once."""

from __future__ import annotations

import sqlite3

from tests.bot.conftest import unique, until


def _mention(channel: str, text: str) -> dict:
    return {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "ts": f"17000004{unique('')}.000100",
            "channel": channel}


def _posted(slack_api, channel: str) -> list[dict]:
    with slack_api.changed:
        return [m for m in slack_api.messages if m["channel"] == channel]


def test_server_errors_error_pages_and_broken_bodies_delay_answers_and_never_double_them(http_bot, slack_api):
    slack_api.faults["chat.postMessage"] = ["500", "503", "502", "badjson"] * 2
    channels = [unique("C") for _ in range(4)]
    for channel in channels:
        assert http_bot.event(_mention(channel, "wat kost break en fix?")) == 200
    for channel in channels:
        slack_api.wait_for("chat.postMessage", where=lambda d, c=channel: d.get("channel") == c, timeout=60)
    assert slack_api.faults["chat.postMessage"] == []  # every fault was met
    failed = [c for c in slack_api.calls if c.path.startswith("chat.postMessage (")]
    assert len(failed) == 8
    for channel in channels:
        [message] = _posted(slack_api, channel)  # once each, though 8 posts failed on the way
        assert message["metadata"]["event_type"] == "faqbot_answer"


def test_a_post_whose_response_is_lost_is_not_made_twice(http_bot, slack_api):
    slack_api.faults["chat.postMessage"] = ["lost"]
    channel = unique("C")
    event_id = unique("Ev")
    assert http_bot.event(_mention(channel, "wat is QMS?"), event_id=event_id) == 200
    slack_api.wait_for("conversations.replies", where=lambda d: d.get("channel") == channel)
    [message] = _posted(slack_api, channel)
    assert message["metadata"]["event_payload"]["key"] == event_id
    assert not slack_api.of("chat.postMessage", where=lambda d: d.get("channel") == channel)  # no second post


def test_an_answer_slack_refuses_is_not_retried_and_is_logged_undelivered(http_bot, slack_api):
    slack_api.faults["chat.postMessage"] = ["error:channel_not_found"]
    channel = unique("C")
    assert http_bot.event(_mention(channel, "wat kost break en fix?")) == 200
    [_] = slack_api.wait_for("chat.postMessage (error:channel_not_found)", where=lambda d: d.get("channel") == channel)
    # the question log says the answer never arrived (`faqbot report` counts it), and no retry follows
    def undelivered() -> bool:
        with sqlite3.connect(http_bot.db) as db:
            return db.execute("SELECT delivered FROM questions WHERE channel=?", (channel,)).fetchone() == (0,)

    until(undelivered)
    assert not _posted(slack_api, channel)
    assert not slack_api.of("conversations.replies", where=lambda d: d.get("channel") == channel)

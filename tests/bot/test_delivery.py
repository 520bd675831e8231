"""Posting an answer once (bot.delivery) against the local Web API over 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from bot.app import web_client
from bot.delivery import Undelivered, post_once
from tests.bot.slack_api import SlackApi


@pytest.fixture
def api():
    server = SlackApi().start()
    yield server
    server.stop()


def test_a_long_rate_limit_is_not_waited_out_in_place_nor_ignored(api):
    # Retry-After: 20 would hold the worker (and the answers behind it), and posting again sooner
    # ignores what Slack asked: the post is left for later (the event stays pending, tried again
    # after its lease), and nothing more is sent now
    api.rate_limit_next.add("chat.postMessage")
    api.retry_after = "20"
    waits: list[float] = []
    started = time.monotonic()
    with pytest.raises(Undelivered) as limited:
        post_once(web_client("xoxb-t", api.url + "/api/"), "C1", None, {"text": "x"}, "k1", sleep=waits.append)
    assert not limited.value.final and "Retry-After 20" in str(limited.value)
    assert time.monotonic() - started < 5 and waits == []
    assert [c.path for c in api.calls] == ["chat.postMessage (429)"]


def test_a_refusal_is_final_and_not_retried(api):
    api.faults["chat.postMessage"] = ["error:not_in_channel"]
    with pytest.raises(Undelivered) as refused:
        post_once(web_client("xoxb-t", api.url + "/api/"), "C1", "1.0", {"text": "x"}, "k2", sleep=lambda s: None)
    assert refused.value.final and str(refused.value) == "not_in_channel"
    assert [c.path for c in api.calls] == ["chat.postMessage (error:not_in_channel)"]


def test_slack_down_longer_than_the_retries_is_undelivered_but_not_final(api):
    api.faults["chat.postMessage"] = ["503"] * 10
    with pytest.raises(Undelivered) as failed:
        post_once(web_client("xoxb-t", api.url + "/api/"), "C1", "1.0", {"text": "x"}, "k3", sleep=lambda s: None)
    assert not failed.value.final  # the event stays pending: tried again later
    assert not api.messages


def test_an_answer_far_down_a_busy_thread_is_found_before_posting_again(api):
    thread = "1700000000.000100"
    with api.changed:  # the question and 449 replies: more than a page of them
        for i in range(450):
            api.messages.append({"ts": f"1700000000.{100 + i:06d}", "channel": "CBUSY", "thread_ts": thread,
                                 "text": f"reply {i}", "metadata": None})
    api.faults["chat.postMessage"] = ["lost"]  # Slack posts it; the response never arrives
    post_once(web_client("xoxb-t", api.url + "/api/"), "CBUSY", thread, {"text": "answer"}, "EvBUSY",
              sleep=lambda s: None)
    keys = [(m.get("metadata") or {}).get("event_payload", {}).get("key") for m in api.messages]
    assert keys.count("EvBUSY") == 1
    pages = [c for c in api.calls if c.path == "conversations.replies"]
    assert len(pages) == 3 and pages[1].data.get("cursor")


def test_a_pasted_log_as_question_goes_with_its_answer_cut_to_its_beginning(api):
    question = "waarom faalt de backup? " + "ERROR disk quota exceeded " * 1500  # about 39,000 characters
    post_once(web_client("xoxb-t", api.url + "/api/"), "CLOG", "1.0", {"text": "x"}, "EvLOG", question=question)
    [message] = [m for m in api.messages if m["channel"] == "CLOG"]
    carried = message["metadata"]["event_payload"]["question"]
    assert carried.startswith("waarom faalt de backup?") and len(carried) <= 2000

"""Posting an answer once, though Slack's Web API fails now and then: a 5xx, an HTML error page, a
body that is not JSON, a connection refused or dropped. An answer carries its key (the Slack event
it answers) in the message's metadata; after a failure that leaves it unclear whether Slack took
the post, the conversation is checked for that key before the post is tried again, so a post whose
response was lost is not made twice. A failure Slack states clearly (`channel_not_found`) is not
retried."""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.mrkdwn import escape, unescape

log = logging.getLogger("faqbot")

ATTEMPTS = 6  # posts tried; between them 0.5, 1, 2, 4, 8 s (plus up to a quarter): Slack down for 15 s is waited out
FIRST_WAIT = 0.5
METADATA_TYPE = "faqbot_answer"
RATE_LIMIT_WAIT = 10.0  # the longest Retry-After waited out in place
POSTING = "chat.postMessage"
QUESTION_CARRIED = 2000  # characters of the question in an answer's metadata: a follow-up needs its topic, not a log
THREAD_PAGE = 200  # messages of a thread read at a time (a follow-up needs its first question: the first page)
THREAD_PAGES = 25  # ... and read before posting again: a thread of up to 5,000 messages
# errors Slack states in an `ok: false` body that say the post was not made but may be later
PASSING = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})
_ERROR_CODE = re.compile(r"[a-z0-9_]+")  # what Slack writes in `error`; anything else is a body that was not Slack's


class Undelivered(Exception):
    """The answer could not be posted; the reason says why. `final`: Slack refused it, and trying
    again will not help; else Slack kept failing and a later try may work."""

    def __init__(self, reason: str, final: bool = False) -> None:
        super().__init__(reason)
        self.final = final
        self.message: dict[str, Any] = {}  # what was to be posted, for whoever can say it another way


def post_once(client: WebClient, channel: str, thread_ts: str | None, message: dict[str, Any], key: str,
              look_first: bool = False, sleep: Callable[[float], None] = time.sleep, question: str = "",
              thread: list[dict[str, Any]] | None = None) -> str:
    """Post `message` in `channel` (in the thread `thread_ts`, if any) once; returns its ts.
    `look_first`: the answer may be there already (a process that died after posting it), in the
    thread's messages as just read (`thread`), else as read now.
    `question` goes with it in the message's metadata: a follow-up in its thread is searched with it."""
    # escaped as message text is: metadata is not shown, but nothing a person typed goes out raw
    payload = {"key": key, "question": escape(question[:QUESTION_CARRIED])} if question else {"key": key}
    metadata = {"event_type": METADATA_TYPE, "event_payload": payload}
    if look_first and (posted := posted_in(thread, key) if thread is not None and len(thread) < THREAD_PAGE
                       else already_posted(client, channel, thread_ts, key)):
        return posted
    wait, reason = FIRST_WAIT, ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            response = client.chat_postMessage(channel=channel, thread_ts=thread_ts, metadata=metadata, **message)
            return str(response.get("ts", ""))
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "") if isinstance(exc.response.data, dict) else ""
            if exc.response.status_code == 200 and _ERROR_CODE.fullmatch(error) and error not in PASSING:
                raise Undelivered(error, final=True) from exc  # Slack said no (`channel_not_found`)
            reason = f"HTTP {exc.response.status_code} {error}"[:200]
            if exc.response.status_code == 429:  # nothing was posted; Slack says when to come back
                asked = _retry_after(exc.response.headers)
                if asked > RATE_LIMIT_WAIT:  # not held here: left pending, tried again after its lease
                    raise Undelivered(f"{reason}, Retry-After {asked:.0f} s") from exc
                wait = max(wait, asked)
        except Exception as exc:  # connection refused or dropped, timeout, a body that is not JSON
            reason = f"{type(exc).__name__}: {exc}"[:200]
        posted = already_posted(client, channel, thread_ts, key)
        if posted:
            return posted
        if attempt < ATTEMPTS:
            log.warning("post to %s (thread %s, key %s) failed (%s); again in %.1f s", channel, thread_ts, key,
                        reason, wait)
            sleep(wait * (1 + random.random() / 4))
            wait *= 2
    raise Undelivered(reason)


def _retry_after(headers: Any) -> float:
    """The seconds a 429's Retry-After asks for (1 when it says nothing readable)."""
    value = next((v for k, v in (headers or {}).items() if k.lower() == "retry-after"), "1")
    try:
        return max(0.0, float(value[0] if isinstance(value, list) else value))
    except (TypeError, ValueError):
        return 1.0


def already_posted(client: WebClient, channel: str, thread_ts: str | None, key: str) -> str:
    """The ts of an answer with this key in the thread (or the channel's latest messages), "" when
    there is none or the conversation cannot be read."""
    if thread_ts:  # the whole thread: in a busy one the answer may be far down
        return posted_in(thread_messages(client, channel, thread_ts, pages=THREAD_PAGES) or [], key)
    try:
        response = client.conversations_history(channel=channel, include_all_metadata=True, limit=50)
    except Exception:  # Slack still failing: the post is tried again
        return ""
    return posted_in(response.get("messages") or [], key)


def thread_messages(client: WebClient, channel: str, thread_ts: str, pages: int = 1) -> list[dict[str, Any]] | None:
    """A thread's messages with their metadata, oldest first: its first `pages` pages of
    THREAD_PAGE; None when it cannot be read."""
    messages: list[dict[str, Any]] = []
    cursor = ""
    for _ in range(pages):
        try:
            response = client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True,
                                                    limit=THREAD_PAGE, cursor=cursor or None)
        except Exception as exc:  # Slack failing: whoever asked goes on without them
            log.warning("thread %s in %s not read: %s", thread_ts, channel, exc)
            return None
        messages += response.get("messages") or []
        cursor = str((response.get("response_metadata") or {}).get("next_cursor") or "")
        if not cursor:
            break
    return messages


def posted_in(messages: list[dict[str, Any]], key: str) -> str:
    """The ts of the answer with this key among `messages`, "" when there is none."""
    return next((str(item.get("ts", "")) for item, payload in _answers(messages) if payload.get("key") == key), "")


def first_question(messages: list[dict[str, Any]]) -> str:
    """The question the bot first answered among a thread's `messages` (from its answer's
    metadata), "" when it answered none there: what a follow-up in it is about."""
    return next((unescape(str(payload["question"])) for _, payload in _answers(messages) if payload.get("question")),
                "")


def _answers(messages: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """The bot's answers among `messages`, each with its metadata's payload (key, question)."""
    for item in messages:
        meta = item.get("metadata") or {}
        if meta.get("event_type") == METADATA_TYPE:
            yield item, meta.get("event_payload") or {}


class _NotPosting(RetryHandler):
    """Retries of another handler, except for posts: a failed post may have been made, and
    `post_once` looks before it posts again."""

    def __init__(self, inner: RetryHandler) -> None:
        super().__init__(inner.max_retry_count, inner.interval_calculator)
        self.inner = inner

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        if request.url.rstrip("/").endswith(POSTING):
            return False
        return self.inner._can_retry(state=state, request=request, response=response, error=error)


class _BriefRateLimit(RateLimitErrorRetryHandler):
    """A 429 waited out when Slack asks for at most RATE_LIMIT_WAIT seconds; a longer wait would
    hold a worker (and every answer queued behind it): the post fails, and the event stays pending
    for a later try."""

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        return _retry_after(response.headers) <= RATE_LIMIT_WAIT


class _BadGateway(RetryHandler):
    """A 502 or 504 (a proxy's HTML page), which slack_sdk's server error handler leaves alone."""

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return response is not None and response.status_code in (502, 504)


def retry_handlers() -> list[RetryHandler]:
    """What the Web API client retries by itself: a 429 (nothing was done) after the time Slack asks
    for, up to RATE_LIMIT_WAIT; dropped connections and server errors for every call but a post."""
    return [_BriefRateLimit(max_retry_count=3),
            _NotPosting(ConnectionErrorRetryHandler(max_retry_count=3)),
            _NotPosting(ServerErrorRetryHandler(max_retry_count=3)),
            _NotPosting(_BadGateway(max_retry_count=3))]

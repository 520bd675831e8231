"""What the bot does with a question, whatever way it arrived: clean it up, search the knowledge
base, log it, and build the Block Kit reply. Listeners only decide where the reply goes."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import blocks, mrkdwn
from bot.conversation import Kind, kind_of
from bot.delivery import Undelivered, first_question, post_once, thread_messages
from bot.settings import Settings
from bot.store import FAULT_SHOWN, Store
from bot.texts import Texts, texts
from indexer import Answer, Hit, KnowledgeBase

log = logging.getLogger("faqbot")
RECOVERED = "faqbot_recovered"  # in a listener's context: an event taken up again after a restart
DAY = 86400.0
UNADDRESSED = ("thread", "channel", "group")  # sources where nobody addressed the bot: only questions get a reply
_MENTION = re.compile(r"<[@#!][^>]*>")  # <@U123>, <#C123|name>, <!here>, <!subteam^S1|@team>
_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>")


def question_text(raw: str) -> str:
    """The question in a Slack message: mentions and broadcasts removed, links as their text,
    Slack's escapes undone (the search works on what the person typed)."""
    text = _MENTION.sub(" ", raw or "")
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return " ".join(mrkdwn.unescape(text).split())


@dataclass
class Reply:
    answer: Answer
    question_id: int
    message: dict[str, Any]


class FaqBot:
    """Settings, texts, the knowledge base and the store, and the one way questions are answered."""

    def __init__(self, settings: Settings, knowledge: KnowledgeBase, store: Store) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self.store = store
        self.texts: Texts = texts(settings.language)
        self._slack_fault: tuple[float, str] | None = None  # when Slack last failed to take an answer
        self._disconnected: tuple[float, float] | None = None  # Socket Mode down since (monotonic, wall clock)

    CONTEXT_KEY = "faqbot"  # where the app's middleware puts the bot in each request's context

    @classmethod
    def of(cls, context: Any) -> FaqBot:
        """The bot a listener serves, from Bolt's context."""
        bot = context[cls.CONTEXT_KEY]
        assert isinstance(bot, cls)
        return bot

    def problems(self) -> list[str]:
        """What keeps the bot from working fully now (for /healthz): the database failed in the last
        minute, Slack did not take an answer in the last minute, or Socket Mode's connection to Slack
        has been down for longer than the settings' `socket_grace`."""
        found = []
        if (database := self.store.problem()) is not None:
            found.append(f"database: {database}")
        fault = self._slack_fault
        if fault and time.monotonic() - fault[0] < FAULT_SHOWN:
            found.append(f"slack: {fault[1]}")
        down = self._disconnected
        if down and time.monotonic() - down[0] > self.settings.socket_grace:
            found.append(f"slack: not connected since {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(down[1]))}")
        return found

    def socket_state(self, connected: bool) -> None:
        """Socket Mode's connection to Slack as just seen (bot.server.serve_socket_mode looks every
        second): the moment it was first seen down is kept until it is up again."""
        if connected:
            self._disconnected = None
        elif self._disconnected is None:
            self._disconnected = (time.monotonic(), time.time())

    def texts_in(self, language: str) -> Texts:
        """The texts of `language` when known (the asker's), else the configured ones."""
        return texts(language) if language else self.texts

    def texts_for(self, answer: Answer | None) -> Texts:
        return self.texts_in(answer.language if answer is not None else "")

    def texts_of(self, question: str | None) -> Texts:
        """The texts in the language of a question asked before (what follows a click under its answer)."""
        return self.texts_in(self.knowledge.language_of(question) if question else "")

    def reply(self, question: str, user: str, channel: str, source: str, private: bool = False) -> Reply:
        """Answer `question` (already cleaned) and log it; `private` (an answer only the asker
        sees) restates the question and adds the share button."""
        return self._logged(self.knowledge.ask(question, top=3), user, channel, source, private)

    def _logged(self, answer: Answer, user: str, channel: str, source: str, private: bool = False,
                thread: str | None = None, key: str = "") -> Reply:
        top = answer.results[0] if answer.answered and answer.results else None
        question_id = self.store.log_question(user, channel, source, answer.question, top.location if top else None,
                                              top.score if top else None, answer.answered, thread, answer.missing,
                                              key=key)
        share = f"{question_id}|{answer.question}" if private and top else None
        message = blocks.answer_message(answer, self.texts_for(answer), question_id, contact=self.settings.contact,
                                        share_value=share, restate=private)
        return Reply(answer, question_id, message)

    def shared(self, question: str, question_id: int, user: str) -> blocks.Message:
        """A private answer shared in the channel by `user`: the question and its answer (asked
        again: the docs may have changed since), with the original's buttons; not a new question."""
        answer = self.knowledge.ask(question, top=3)
        return blocks.answer_message(answer, self.texts_for(answer), question_id, contact=self.settings.contact,
                                     shared_by=user, restate=True)

    def answer_event(self, body: dict[str, Any], context: dict[str, Any], client: WebClient, channel: str,
                     thread_ts: str | None, user: str, raw: str, source: str, follows: str | None = None) -> None:
        """Answer a Slack event's message and mark the event done in the inbox; an answer Slack did
        not take for a passing reason leaves it pending, to be tried again. `follows`: the thread
        the message was written in, whose first question tells what a follow-up is about."""
        event = body.get("event") or {}
        key = str(body.get("event_id") or f"{event.get('channel')}/{event.get('ts')}")
        try:
            self.answer_in_thread(client, channel, thread_ts, user, raw, source, key,
                                  recovered=bool(context.get(RECOVERED)), follows=follows,
                                  bot_user_id=context.get("bot_user_id"))
        except Undelivered as exc:
            if not exc.final:
                self._slack_fault = (time.monotonic(), str(exc))
                if body.get("event_id"):  # stays pending: tried again once its lease runs out
                    self.store.release(str(body["event_id"]))
                return
            self.finish(body, "failed")
            return
        except Exception:  # a fault of ours or of a service: tried again (and given up after a few tries)
            log.exception("answering event %s failed; it is tried again", key)
            if body.get("event_id"):
                self.store.release(str(body["event_id"]))
            return
        self.finish(body)

    def finish(self, body: dict[str, Any], state: str = "done") -> None:
        """The event in `body` needs nothing more (answered, or no question)."""
        if body.get("event_id"):
            self.store.finish(str(body["event_id"]), state)

    def answer_in_thread(self, client: WebClient, channel: str, thread_ts: str | None, user: str, raw: str,
                         source: str, key: str, recovered: bool = False, follows: str | None = None,
                         bot_user_id: str | None = None, said_privately: bool = False) -> None:
        """Post the answer to the message `raw` in the thread `thread_ts` (None: in the conversation
        itself) once (`key`: the event it answers), and follow that thread from now on.

        Where nobody addressed the bot (`source` in UNADDRESSED) only a question the docs answer
        gets a reply: thanks, greetings, a message to someone else, or "not found" stay quiet and
        unlogged. Addressed, conversation gets a short friendly reply. An answer Slack did not
        take is logged as undelivered, the person is told where possible, and `Undelivered` raised;
        with `said_privately` the caller says the answer (`Undelivered.message`) privately instead."""
        quiet = source in UNADDRESSED
        kind = kind_of(raw, bot_user_id)
        if kind is Kind.TO_SOMEONE_ELSE and not quiet:
            kind = Kind.QUESTION  # the bot was asked too
        question, question_id, answer = question_text(raw), 0, None
        if quiet and kind is not Kind.QUESTION:
            return  # people talking among themselves
        # a follow-up's thread, read once: the question it follows, and (taken up again after a
        # restart) whether its answer is there already
        thread = thread_messages(client, channel, follows) if follows and kind is Kind.QUESTION and question \
            else None
        if not question:
            message = blocks.help_message(self.texts)  # a bare mention: how to ask
        elif kind is not Kind.QUESTION:
            message = self._small_talk(kind, raw)
        else:
            context = first_question(thread or [])
            answer = self.knowledge.ask(question, top=3, context=context)
            if quiet and (not answer.answered or not answer.known):
                return  # not for the docs, or not in them: a colleague may answer it
            reply = self._logged(answer, user, channel, source, thread=thread_ts, key=key)
            message, question_id = reply.message, reply.question_id
        if thread_ts:  # followed from now on: a reply that comes as fast as the answer is not missed
            self.store.remember_thread(channel, thread_ts)
        try:
            post_once(client, channel, thread_ts, message, key, look_first=recovered,
                      question=question if answer is not None else "", thread=thread if follows == thread_ts else None)
        except Undelivered as exc:
            log.error("answer not delivered: key %s, channel %s, thread %s: %s", key, channel, thread_ts, exc)
            exc.message = message
            if said_privately:
                raise
            if question_id:
                self.store.undelivered(question_id)
            if exc.final:
                self.tell_failure(client, channel, user, self.texts_for(answer))
            raise

    # -- after the answer ----------------------------------------------------------------------------

    def escalate(self, client: WebClient, question_id: int, user: str, channel: str, thread_ts: str | None) -> bool:
        """`user` wants a person for this question: the configured people or user groups are told,
        with the question, in its thread. A question asked where they are not (a DM, or a private
        answer: `thread_ts` None) goes to the escalation channel when one is configured;
        without one, the person is told privately whom to contact. Once per question: False when
        it was already asked for (or the question is unknown)."""
        found = self.store.question(question_id)
        if found is None or not self.store.outcome(question_id, user, "escalated"):
            return False
        t = self.texts_of(found[0])
        private = thread_ts is None or channel.startswith("D")  # a private answer, or a DM
        if private and not self.settings.escalate_channel:
            self.tell(client, channel, user, mrkdwn.with_links(self.settings.contact) if self.settings.contact
                      else t.contact_default)
            return True
        where, thread = (self.settings.escalate_channel, None) if private else (channel, thread_ts)
        who = " ".join(f"<!subteam^{i}>" if i.startswith("S") else f"<@{i}>" for i in self.settings.escalate)
        text = t.escalated.format(who=who, user=user) if who else t.escalated_nobody.format(user=user)
        text += "\n" + t.you_asked.format(question=mrkdwn.escape(found[0]))
        try:
            client.chat_postMessage(channel=where, thread_ts=thread, text=text, unfurl_links=False)
        except Exception as exc:
            log.error("escalation of question %s not posted in %s: %s", question_id, where, exc)
            self.store.withdraw(question_id, "escalated")  # nobody was told: a click again tries again
            self.tell_failure(client, channel, user, t)
        return True

    def show_on_message(self, client: WebClient, body: dict[str, Any], respond: Any,
                        change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]], text: str) -> None:
        """Change the message a button was clicked on (`change` makes its new blocks): with
        chat.update for an answer in a conversation, its metadata passed on (a follow-up reads its
        question there), else through the response URL; a private answer, which Slack does not
        send back, gets `text` said privately."""
        message, container = body.get("message") or {}, body.get("container") or {}
        shown = message.get("blocks")
        if not shown:
            respond(response_type="ephemeral", replace_original=False, text=text)
            return
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
        if message.get("ts") and channel and not container.get("is_ephemeral"):
            kept = {"metadata": message["metadata"]} if message.get("metadata") else {}
            try:
                client.chat_update(channel=channel, ts=message["ts"], blocks=change(shown), text=text, **kept)
                return
            except Exception as exc:  # the response URL may still reach it
                log.warning("message %s in %s not updated: %s", message.get("ts"), channel, exc)
        respond(replace_original=True, blocks=change(shown), text=text)

    def others(self, question: str, answered_with: str | None) -> list[Hit]:
        """The other sections that matched a question (for "which one was it?" after a 👎)."""
        return [h for h in self.knowledge.ask(question, top=5).results if h.location != answered_with][:4]

    def _small_talk(self, kind: Kind, raw: str) -> blocks.Message:
        t = self.texts_of(raw)  # thanks in the language they were given in
        if kind is Kind.THANKS:
            return blocks.notice(t.chat_thanks)
        if kind is Kind.GREETING:
            return blocks.notice(t.chat_greeting.format(example=t.examples[0]))
        return blocks.notice(t.chat_acknowledged)

    def tell_failure(self, client: WebClient, channel: str, user: str, t: Texts) -> None:
        """The person's answer could not be posted: say so to them alone, where Slack lets us."""
        self.tell(client, channel, user, t.failed)

    def tell(self, client: WebClient, channel: str, user: str, text: str) -> None:
        """A word to one person in a channel (ephemeral); where Slack refuses it, the log says so."""
        try:
            client.chat_postEphemeral(channel=channel, user=user, text=text)
        except Exception as exc:
            log.warning("could not tell %s in %s: %s", user, channel, exc)

    def is_admin(self, user: str) -> bool:
        return user in self.settings.admins

    def publish_home(self, client: WebClient, user: str) -> None:
        """The App Home tab; an admin's shows the report of the last week and the month before."""
        admin = self.is_admin(user)
        now = time.time()
        try:
            periods = [self.store.period(now - 7 * DAY, now), self.store.period(now - 37 * DAY, now - 7 * DAY)] \
                if admin else []
        except self.store.errors as exc:  # the database unwell: the Home without the report
            log.warning("the report for %s's App Home could not be read: %s", user, exc)
            periods = []
        view = blocks.home_view(self.texts, self.knowledge.state(), admin, periods)
        try:
            client.views_publish(user_id=user, view=view)
        except SlackApiError as exc:
            log.warning("App Home for %s not published: %s", user, exc.response.get("error"))
        except Exception as exc:  # Slack unreachable: the Home is published next time it is opened
            log.warning("App Home for %s not published: %s", user, exc)

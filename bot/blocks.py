"""Block Kit messages and views: an answer, "not found", help, the App Home. Every builder keeps
within Slack's limits (50 blocks, 3,000 characters per section text, 150 per header, 75 per
button text, 2,000 per button value): long answers are cut at a word with a "read more" link."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from bot import mrkdwn
from bot.store.base import AskedLine, Period
from bot.texts import Texts
from indexer import Answer, Hit, KnowledgeBaseState
from indexer.content import blocks_text, cut_at_word

MAX_BLOCKS = 50
SECTION_TEXT = 3000
HEADER_TEXT = 150
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ANSWER_CHARS = 1500  # an answer in Slack is a glance; the site has the rest
SEE_ALSO = 2

Message = dict[str, Any]


def _plain(text: str, limit: int) -> dict[str, Any]:
    text = " ".join(text.split()) or "–"
    if len(text) > limit:
        text = cut_at_word(text, limit - 1) + "…"
    return {"type": "plain_text", "text": text, "emoji": True}


def _section(text: str) -> dict[str, Any]:
    if len(text) > SECTION_TEXT:
        text = cut_at_word(text, SECTION_TEXT - 1) + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": text or " "}}


def _button(text: str, action_id: str, value: str | None = None, url: str | None = None,
            style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {"type": "button", "text": _plain(text, BUTTON_TEXT), "action_id": action_id}
    if value is not None:
        button["value"] = value[:BUTTON_VALUE]
    if url:
        button["url"] = url
    if style:
        button["style"] = style
    return button


def answer_body(hit: Hit, t: Texts) -> str:
    """The answer text in mrkdwn: the matching table row, else the section's blocks from the top,
    whole blocks only, cut with a link to the site when long."""
    if hit.row:
        return mrkdwn.row(hit.row["header"], hit.row["cells"], hit.row["group"])
    parts: list[str] = []
    used, cut = 0, False
    for item in hit.blocks:
        text = mrkdwn.block(item)
        if used + len(text) + 1 > ANSWER_CHARS:
            if not parts:
                parts.append(mrkdwn.escape(cut_at_word(blocks_text([item]), ANSWER_CHARS)))
            cut = True
            break
        parts.append(text)
        used += len(text) + 1
    body = "\n".join(p for p in parts if p)
    if cut:
        body += f" … {mrkdwn.link(hit.url, t.read_more)}"
    return body or mrkdwn.link(hit.url, hit.title)


def answer_message(answer: Answer, t: Texts, question_id: int, contact: str = "",
                   share_value: str | None = None, shared_by: str | None = None,
                   restate: bool = False) -> Message:
    """The reply to a question: the best section (or "not found"), other matches, feedback buttons,
    a way to a person; with `share_value` a button that shares this private answer in the channel;
    `restate` puts the question above it (a private answer, a shared one)."""
    if not answer.answered or not answer.results:
        return not_found_message(answer, t, question_id, contact, restate)
    top = answer.results[0]
    blocks: list[dict[str, Any]] = [_asked(answer.question, t)] if restate else []
    blocks.append({"type": "header", "text": _plain(top.title, HEADER_TEXT)})
    if top.breadcrumb:
        crumbs = " › ".join(top.breadcrumb)
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": mrkdwn.escape(cut_at_word(crumbs, SECTION_TEXT))}]})
    blocks.append(_section(answer_body(top, t)))
    others = answer.results[1:1 + SEE_ALSO]
    if others:
        links = " · ".join(mrkdwn.link(h.url, h.title) for h in others)
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"{t.see_also} {links}"}]})
    buttons = [_button(t.open_docs, "open_docs", url=top.url, style="primary")]
    if share_value is not None:
        buttons.append(_button(t.share, "share_answer", value=share_value))
    if question_id:
        buttons += [_button(t.helpful, "feedback_up", value=str(question_id)),
                    _button(t.not_helpful, "feedback_down", value=str(question_id))]
    blocks.append({"type": "actions", "block_id": f"{ANSWER_BLOCK}{question_id}", "elements": buttons})
    if question_id:
        blocks.append(_to_a_person(t, question_id))
    if shared_by:
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": t.shared_by.format(user=shared_by)}]})
    return {"text": mrkdwn.escape(cut_at_word(f"{top.title}: {top.answer}", 300)), "blocks": blocks[:MAX_BLOCKS],
            "unfurl_links": False, "unfurl_media": False}


ANSWER_BLOCK = "answer-"  # the block of an answer's buttons: `answer-<question id>`
PERSON_BLOCK = "person-"  # the block of "talk to a person" and "resolved"
CHOOSE = "choose_section_"  # the buttons of "which one was it?"


def _asked(question: str, t: Texts) -> dict[str, Any]:
    text = t.you_asked.format(question=mrkdwn.escape(cut_at_word(" ".join(question.split()), 500)))
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _to_a_person(t: Texts, question_id: int) -> dict[str, Any]:
    """Buttons under every answer and "not found": ask a person, or mark the question resolved."""
    return {"type": "actions", "block_id": f"{PERSON_BLOCK}{question_id}",
            "elements": [_button(t.escalate, "escalate", value=str(question_id)),
                         _button(t.resolve, "resolve", value=str(question_id))]}


def not_found_message(answer: Answer, t: Texts, question_id: int = 0, contact: str = "",
                      restate: bool = False) -> Message:
    said = t.not_found_for(answer.missing)
    lines = [said]
    if answer.results:
        lines.append(t.suggestions + " " + " · ".join(mrkdwn.link(h.url, h.title) for h in answer.results[:3]))
    lines.append(mrkdwn.with_links(contact) if contact else t.contact_default)
    blocks = [_asked(answer.question, t)] if restate else []
    blocks.append(_section("\n".join(lines)))
    if question_id:
        blocks.append(_to_a_person(t, question_id))
    return {"text": said, "blocks": blocks, "unfurl_links": False}


def with_vote(message_blocks: list[dict[str, Any]], t: Texts, up: bool) -> list[dict[str, Any]]:
    """An answer's blocks after a vote: its 👍/👎 buttons replaced by the choice made (the other
    buttons stay), so the message shows it and nobody votes twice by accident."""
    voted = []
    for block in message_blocks:
        if block.get("type") == "actions" and str(block.get("block_id", "")).startswith(ANSWER_BLOCK):
            kept = [e for e in block["elements"] if e.get("action_id") not in ("feedback_up", "feedback_down")]
            if kept:
                voted.append({**block, "elements": kept})
            voted.append({"type": "context", "elements": [
                {"type": "mrkdwn", "text": t.voted_up if up else t.voted_down}]})
        else:
            voted.append(block)
    return voted


def with_resolved(message_blocks: list[dict[str, Any]], t: Texts, user: str) -> list[dict[str, Any]]:
    """An answer's blocks once its question is marked resolved: the person buttons replaced by who did."""
    note = {"type": "context", "elements": [{"type": "mrkdwn", "text": t.resolved.format(user=user)}]}
    return [note if b.get("type") == "actions" and str(b.get("block_id", "")).startswith(PERSON_BLOCK) else b
            for b in message_blocks]


def which_one_message(t: Texts, question_id: int, others: list[Hit]) -> Message:
    """After 👎: the other matches as buttons, and "none of these"; the choice tells the docs'
    maintainers which section the question was looking for."""
    # action ids are unique within a block: `choose_section_<n>`, one listener for all
    buttons = [_button(hit.title, f"{CHOOSE}{n}", value=f"{question_id}|{hit.location}")
               for n, hit in enumerate(others[:4])]
    buttons.append(_button(t.none_of_these, f"{CHOOSE}{len(buttons)}", value=f"{question_id}|"))
    return {"text": t.which_one, "blocks": [_section(t.which_one),
                                            {"type": "actions", "block_id": f"choose-{question_id}",
                                             "elements": buttons}]}


def notice(text: str) -> Message:
    """A one-line message (already mrkdwn)."""
    return {"text": cut_at_word(text, 300), "blocks": [_section(text)]}


def help_message(t: Texts) -> Message:
    body = t.help_body.format(example=mrkdwn.escape(t.examples[0]))
    return {"text": t.help_title, "blocks": [{"type": "header", "text": _plain(t.help_title, HEADER_TEXT)},
                                              _section(body)]}


def home_view(t: Texts, state: KnowledgeBaseState, is_admin: bool, periods: Sequence[Period] = ()) -> dict[str, Any]:
    """The App Home tab: how to ask, example questions, the knowledge base's state; for admins,
    what `faqbot report` shows, one period after another (newest first)."""
    updated = state.updated_at
    when = (f"<!date^{int(updated)}^{{date_short_pretty}} {{time}}|"
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(updated))}>" if updated else t.home_never)
    source = state.site_url or state.docs
    source_text = mrkdwn.link(source, source) if source.startswith("http") else mrkdwn.escape(source)
    examples = "\n".join(f"• _{mrkdwn.escape(e)}_" for e in t.examples)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": _plain(t.home_title, HEADER_TEXT)},
        _section(t.help_body.format(example=mrkdwn.escape(t.examples[0]))),
        _section(examples),
        {"type": "divider"},
        _section(t.home_state.format(pages=state.pages, sections=state.sections,
                                     updated=when, source=source_text)),
    ]
    if is_admin:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": t.home_admin}]})
        blocks.append({"type": "header", "text": _plain(t.report_title, HEADER_TEXT)})
        for label, period in zip(t.report_periods, periods, strict=False):
            blocks += [{"type": "divider"}, _section(f"*{mrkdwn.escape(label)}*"), *_report(t, period, state.site_url)]
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


def _report(t: Texts, period: Period, site_url: str) -> list[dict[str, Any]]:
    """One period of the report: each question with a link to where it was asked, each section
    with a link to it on the site."""
    def section(location: str | None) -> str:
        if location is None:
            return t.report_not_found
        return mrkdwn.link(site_url + location, location or "/") if site_url else mrkdwn.escape(location)

    def asked(line: AskedLine) -> str:
        text = mrkdwn.escape(cut_at_word(line.text, 150))
        where = f"https://slack.com/archives/{line.channel}/p{line.thread.replace('.', '')}" if line.thread else ""
        lacking = t.lacking(line.missing)
        return f"• {line.count}× " + (mrkdwn.link(where, text) if where else text) + \
            (f" _({mrkdwn.escape(lacking)})_" if lacking else "")

    parts = [
        (t.report_unanswered, [asked(line) for line in period.unanswered]),
        (t.report_disliked, [f"• {line.count}× {section(line.text)}" for line in period.disliked]
         + [f"• _{mrkdwn.escape(cut_at_word(c.question, 100))}_: {section(c.answered_with)} → "
            f"{section(c.chosen) if c.chosen else t.none_of_these}" for c in period.chosen]),
        (t.report_people, [t.report_person.format(section=section(p.location), escalated=p.escalated,
                                                  resolved=p.resolved) for p in period.people]),
    ]
    return [_section(f"*{title}*\n" + ("\n".join(lines) or t.report_none)) for title, lines in parts]


def is_question_number(value: str) -> bool:
    """A button's value as the buttons above write it: a question's number (never a digit of
    another script, nor more digits than the database's integers hold)."""
    return value.isascii() and value.isdigit() and len(value) <= 18

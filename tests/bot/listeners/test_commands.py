"""`/faq` as Slack sends it: a private answer with a share button, help, and reindex for admins."""

from __future__ import annotations

import sqlite3

from tests.bot.block_kit import problems, section_texts
from tests.bot.conftest import unique


def test_faq_answers_privately_and_the_share_button_posts_it_in_the_channel(http_bot, slack_api):
    channel = unique("C")
    status, response = http_bot.command("wie is verantwoordelijk voor security awareness training?", channel=channel)
    assert status == 200
    [private] = slack_api.wait_for(response)
    assert private.data["response_type"] == "ephemeral"
    assert "Security Awareness Training" in section_texts(private.data) and not problems(private.data)
    share = next(e for b in private.data["blocks"] if b["type"] == "actions" for e in b["elements"]
                 if e["action_id"] == "share_answer")
    status, shared = http_bot.interaction({"type": "block_actions", "user": {"id": "U1"}, "channel": {"id": channel},
                                           "container": {"type": "message", "is_ephemeral": True},
                                           "actions": [{**share, "type": "button", "block_id": "b"}]})
    assert status == 200
    posted, deleted = slack_api.wait_for(shared, count=2)
    assert posted.data["response_type"] == "in_channel" and "<@U1>" in section_texts(posted.data)
    assert "Security Awareness Training" in section_texts(posted.data) and not problems(posted.data)
    assert deleted.data["delete_original"] is True


def test_faq_alone_or_help_explains_how_to_ask(http_bot, slack_api):
    for text in ("", "help"):
        _, response = http_bot.command(text)
        [call] = slack_api.wait_for(response)
        assert "/faq" in section_texts(call.data) and call.data["response_type"] == "ephemeral"


def test_a_question_the_docs_do_not_answer_says_so_and_who_to_ask(http_bot, slack_api):
    _, response = http_bot.command("hoe laat vertrekt de veerboot naar Paramaribo")
    [call] = slack_api.wait_for(response)
    text = section_texts(call.data)
    assert "geen antwoord" in text and "support@example.org" in text
    with sqlite3.connect(http_bot.db) as db:
        assert db.execute("SELECT answered FROM questions WHERE question LIKE '%veerboot%'").fetchone() == (0,)


def test_reindex_is_for_admins_and_reports_its_summary(http_bot, slack_api):
    _, response = http_bot.command("reindex", user="U1")
    [refused] = slack_api.wait_for(response)
    assert "alleen beheerders" in refused.data["text"]
    _, response = http_bot.command("reindex", user="UADMIN")
    [done] = slack_api.wait_for(response)
    assert "Index bijgewerkt: 0 nieuw, 0 gewijzigd, 0 verwijderd, 2 ongewijzigd" in done.data["text"]

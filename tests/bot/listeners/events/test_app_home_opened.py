from __future__ import annotations

from bot.listeners.events.app_home_opened import publish_home
from tests.bot.listeners.conftest import ADMIN, event_body


def home_text(client) -> str:
    view = client.views_publish.call_args.kwargs["view"]
    return "\n".join(b["text"]["text"] for b in view["blocks"] if isinstance(b.get("text"), dict)
                     ) + "".join(e["text"] for b in view["blocks"] for e in b.get("elements", []))


def test_the_home_tab_shows_how_to_ask_and_the_knowledge_base(faqbot, context, client):
    event = {"type": "app_home_opened", "user": "U1", "tab": "home"}
    publish_home(event, event_body(event), client, context)
    assert client.views_publish.call_args.kwargs["user_id"] == "U1"
    text = home_text(client)
    assert "/faq" in text and f"{faqbot.knowledge.state().sections}" in text
    assert faqbot.texts.home_admin not in text


def test_admins_see_what_they_can_do(faqbot, context, client):
    event = {"type": "app_home_opened", "user": ADMIN, "tab": "home"}
    publish_home(event, event_body(event), client, context)
    assert faqbot.texts.home_admin in home_text(client)


def test_the_messages_tab_publishes_nothing(context, client):
    event = {"type": "app_home_opened", "user": "U1", "tab": "messages"}
    publish_home(event, event_body(event), client, context)
    client.views_publish.assert_not_called()


def test_an_admins_home_shows_the_report_with_links_to_threads_and_sections(faqbot, context, client):
    missed = faqbot.reply("waar staat de koffieautomaat?", "U1", "C1", source="mention")
    assert not missed.answer.answered
    faqbot.store.log_question("U1", "C1", "mention", "kantine open?", None, None, False, thread="1700000001.000100")
    disliked = faqbot.reply("wie is verantwoordelijk voor network security?", "U1", "C1", source="mention")
    faqbot.store.vote(disliked.question_id, "U2", -1)
    faqbot.store.choose(disliked.question_id, "U2", "FAQs/Diensten/#details-van-verantwoordelijkheden")
    faqbot.store.outcome(missed.question_id, "U1", "escalated")
    event = {"type": "app_home_opened", "user": ADMIN, "tab": "home"}
    publish_home(event, event_body(event), client, context)
    text = home_text(client)
    assert faqbot.texts.report_title in text and "Afgelopen 7 dagen" in text
    assert "waar staat de koffieautomaat?" in text
    assert "<https://slack.com/archives/C1/p1700000001000100|kantine open?>" in text  # a link to its thread
    site = faqbot.knowledge.state().site_url
    assert f"<{site}{disliked.answer.results[0].location}|" in text  # a link to the section
    assert f"<{site}FAQs/Diensten/#details-van-verantwoordelijkheden|" in text  # and to the one chosen
    assert "1× om een mens gevraagd" in text
    assert len(client.views_publish.call_args.kwargs["view"]["blocks"]) <= 50


def test_others_do_not_see_the_report(faqbot, context, client):
    faqbot.reply("waar staat de koffieautomaat?", "U1", "C1", source="mention")
    event = {"type": "app_home_opened", "user": "U1", "tab": "home"}
    publish_home(event, event_body(event), client, context)
    assert faqbot.texts.report_title not in home_text(client) and "koffieautomaat" not in home_text(client)

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

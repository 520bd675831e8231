"""Listeners called as plain functions, as slack-samples' starter template tests them: a mock
`WebClient` (its calls recorded), mock `ack`/`respond`, and a real FaqBot: the bundled knowledge
base and a SQLite store in a temporary folder, handed over in Bolt's context."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import pytest
from slack_bolt import BoltContext
from slack_sdk import WebClient

import knowledge
from bot.faqbot import FaqBot
from bot.settings import Settings
from bot.store import open_store
from indexer import KnowledgeBase, open_knowledge_base

ADMIN = "UADMIN"


@pytest.fixture(scope="session")
def bundled_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return open_knowledge_base(knowledge.location(), tmp_path_factory.mktemp("kb") / "kb.idx")


@pytest.fixture
def faqbot(bundled_kb: KnowledgeBase, tmp_path: Path) -> FaqBot:
    settings = Settings(admins=frozenset({ADMIN}), answer_channels=frozenset({"CANSWER"}),
                        database=str(tmp_path / "bot.db"))
    return FaqBot(settings, bundled_kb, open_store(settings.database))


@pytest.fixture
def context(faqbot: FaqBot) -> BoltContext:
    return BoltContext({FaqBot.CONTEXT_KEY: faqbot, "bot_user_id": "UBOT"})


@pytest.fixture
def client() -> MagicMock:
    """A WebClient whose posts succeed (each gets a ts) and whose threads are empty."""
    mock = MagicMock(spec=WebClient)
    mock.chat_postMessage.return_value = {"ok": True, "ts": "1700000000.999999"}
    mock.conversations_replies.return_value = {"ok": True, "messages": []}
    mock.conversations_history.return_value = {"ok": True, "messages": []}
    return mock


def posted(client: MagicMock) -> list[dict[str, Any]]:
    """The keyword arguments of every chat.postMessage call."""
    return [call.kwargs for call in client.chat_postMessage.call_args_list]


def text_of(message: dict[str, Any]) -> str:
    """All the text of a message's blocks (sections, fields, context), for asserting on content."""
    parts = []
    for block in message.get("blocks", []):
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts += [f["text"] for f in block.get("fields", [])]
        parts += [e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def event_body(event: dict[str, Any], event_id: str = "Ev1") -> dict[str, Any]:
    return {"type": "event_callback", "event_id": event_id, "event": event}

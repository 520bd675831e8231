"""👍 / 👎 under an answer: stored in SQLite with the question, and visible in `faqbot report`."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from tests.bot.conftest import REPO, unique


def _buttons(message: dict) -> dict:
    return {e["action_id"]: e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]}


def test_votes_are_stored_and_reported(http_bot, slack_api):
    channel = unique("C")
    http_bot.event({"type": "app_mention", "user": "U1", "text": "<@UBOT> wat kost break en fix",
                    "ts": "1700000101.000100", "channel": channel})
    [answer] = slack_api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    buttons = _buttons(answer.data)
    question_id = int(buttons["feedback_down"]["value"])
    for user, action in (("U1", "feedback_down"), ("U2", "feedback_down"), ("U3", "feedback_up"),
                         ("U1", "feedback_down")):  # U1 votes twice: counted once
        status, response = http_bot.interaction({
            "type": "block_actions", "user": {"id": user}, "channel": {"id": channel},
            "container": {"type": "message"}, "actions": [{**buttons[action], "type": "button", "block_id": "b"}]})
        assert status == 200
        said = slack_api.wait_for(response)[0]  # no message came with the click: the vote is said privately
        assert said.data["response_type"] == "ephemeral" and said.data["text"].startswith(("👍", "👎"))
    with sqlite3.connect(http_bot.db) as db:
        votes = db.execute("SELECT vote, COUNT(*) FROM feedback WHERE question_id=? GROUP BY vote ORDER BY vote",
                           (question_id,)).fetchall()
    assert votes == [(-1, 2), (1, 1)]
    out = subprocess.run([sys.executable, "-m", "bot.cli", "report", "--db", str(http_bot.db), "--json"], cwd=REPO,
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    [worst] = report["disliked"]
    assert worst["count"] == 2 and worst["text"].startswith("Dienstverlening/Diensten/Break-en-Fix/")

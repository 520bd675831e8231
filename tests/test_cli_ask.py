"""`faqbot ask`: always a JSON line per question, never a traceback, whatever the question."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def ask(*args: str, stdin: str | None = None, index: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--docs", str(REPO / "knowledge"), "--index", index, *args],
        input=stdin, capture_output=True, text=True, timeout=120)


def test_strange_questions_each_get_one_json_line(tmp_path):
    index = str(tmp_path / "i.idx")
    questions = ["", "   ", "de het een wat is", "x" * 200_000, "wie\x00is\x07verantwoordelijk\x1b[31m",
                 "🙂🙂 security?? 🚀", "<!channel> &amp; <@U123>", "wie is verantwoordelijk voor network security"]
    run = ask("--json", stdin="\n".join(q.replace("\n", " ") for q in questions) + "\n", index=index)
    assert run.returncode == 0 and "Traceback" not in run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(lines) == len(questions)
    for line in lines:
        assert set(line) == {"question", "answered", "missing", "results", "took_ms"}
        assert isinstance(line["answered"], bool)
    assert [line["answered"] for line in lines[:3]] == [False, False, False]
    last = lines[-1]
    assert last["answered"] is True
    top = last["results"][0]
    assert top["location"].startswith("FAQs/Diensten/#")
    assert top["url"] == "https://quarkpulse.github.io/docs/" + top["location"]
    assert "Network Security" in top["answer"] and len(top["answer"]) < 600
    assert set(top) >= {"location", "url", "title", "breadcrumb", "score", "answer"}


def test_plain_output_shows_title_answer_and_link(tmp_path):
    run = ask("wie is verantwoordelijk voor network security?", index=str(tmp_path / "i.idx"))
    assert run.returncode == 0
    assert "Network Security — Quarkpulse: ✔️ Implementatie van firewalls" in run.stdout
    assert "https://quarkpulse.github.io/docs/FAQs/Diensten/#" in run.stdout


def test_unanswerable_question_says_not_found_in_dutch(tmp_path):
    run = ask("recept voor pom", index=str(tmp_path / "i.idx"))
    assert "Daar heb ik geen antwoord op gevonden" in run.stdout


def test_a_value_the_docs_do_not_give_is_said_as_such(tmp_path):
    # the bundled docs name Break en Fix's hourly rate, never its amount
    question = "wat is het uurtarief van break en fix?"
    plain = ask(question, index=str(tmp_path / "i.idx"))
    assert plain.returncode == 0 and "De documentatie noemt daar geen bedrag of aantal voor." in plain.stdout
    assert "Misschien bedoelt u: " in plain.stdout
    line = json.loads(ask("--json", question, index=str(tmp_path / "i.idx")).stdout)
    assert line["answered"] is False and line["missing"] == "amount" and line["results"]


def test_a_warning_about_mkdocs_yml_is_given_once(tmp_path):
    from tests.conftest import write_project

    root = write_project(tmp_path / "p", {"index.md": "# Welkom\n\nVPN instellen op de firewall.\n"},
                         config="site_name: T\nhooks:\n  - hooks/links.py\n")
    for command in (["index", "--full"], ["ask", "vpn"]):
        run = subprocess.run([sys.executable, "-m", "bot.cli", *command, "--docs", str(root),
                              "--index", str(tmp_path / "i.idx")], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert run.stderr.count("hooks hooks/links.py") == 1, run.stderr

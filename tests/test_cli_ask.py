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


def _no_pages(tmp_path):
    """A folder that holds no Markdown page (what `--docs` pointing at the wrong folder gives)."""
    docs = tmp_path / "wrong"
    docs.mkdir()
    (docs / "readme.txt").write_text("not docs\n")
    return docs


def test_ask_on_a_folder_without_markdown_pages_says_so_in_one_line(tmp_path):
    docs = _no_pages(tmp_path)
    for args in (["wat is QMS"], ["--json", "wat is QMS"]):
        run = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--docs", str(docs),
                              "--index", str(tmp_path / "i.idx"), *args], capture_output=True, text=True, timeout=120)
        assert run.returncode == 2 and run.stdout == "", run.stderr
        assert run.stderr == f"faqbot: --docs: {docs} holds no Markdown pages\n"


def test_an_index_path_that_cannot_be_used_is_named_in_one_line(tmp_path):
    (tmp_path / "idx").mkdir()
    run = ask("wat is QMS", index=str(tmp_path / "idx"))
    assert run.returncode == 2 and run.stdout == "", run.stderr
    assert run.stderr == (f"faqbot: --index: {tmp_path / 'idx'} is a folder, not an index file "
                          f"(such as {tmp_path / 'idx' / 'kb.idx'})\n")
    (tmp_path / "file").write_text("")
    run = ask("wat is QMS", index=str(tmp_path / "file" / "i.idx"))
    assert run.returncode == 2 and run.stdout == "", run.stderr
    assert run.stderr.startswith(f"faqbot: --index: cannot use {tmp_path / 'file' / 'i.idx'} ({tmp_path / 'file'}: ")
    assert run.stderr.count("\n") == 1


def test_serve_on_a_folder_without_markdown_pages_starts_and_answers_once_pages_arrive(tmp_path):
    import threading

    from tests.bot.block_kit import section_texts
    from tests.bot.conftest import SECRET, BotProcess, bot_env, free_port
    from tests.bot.slack_api import SlackApi

    docs = _no_pages(tmp_path)
    api = SlackApi().start()
    port = free_port()
    env = bot_env(api, tmp_path, SLACK_SIGNING_SECRET=SECRET, FAQBOT_SITE_URL="https://example.org/docs/")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port",
                             str(port), "--docs", str(docs)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    bot = BotProcess(proc, api, docs, tmp_path / "faqbot.sqlite3", url=f"http://127.0.0.1:{port}")
    threading.Thread(target=bot.read_output, daemon=True).start()

    def answer_to(channel: str, question: str) -> str:
        bot.event({"type": "app_mention", "user": "U1", "text": f"<@UBOT> {question}", "ts": "1700000301.000100",
                   "channel": channel})
        [call] = api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
        return section_texts(call.data)

    try:
        warning = bot.wait_line(r"holds no Markdown pages")
        assert warning.startswith(f"faqbot: warning: --docs: {docs} holds no Markdown pages")
        bot.wait_line(r"faqbot: ready .*0 pages, 0 sections")
        assert json.loads(bot.get("/healthz")[1]) == {"ok": True, "pages": 0, "sections": 0}
        assert "geen antwoord" in answer_to("CEMPTY1", "hoe stel ik de vpn in?")
        (docs / "vpn.md").write_text("# VPN instellen\n\nDe VPN stel je in met de FortiClient van Quarkpulse.\n")
        bot.wait_line(r"index updated .*\"added\": 1")
        assert "FortiClient" in answer_to("CEMPTY2", "hoe stel ik de vpn in?")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        api.stop()
    assert not any("Traceback" in line for line in bot.seen), bot.seen


def test_an_index_of_no_sections_is_saved_loaded_and_answers_not_found(tmp_path):
    # belongs with tests/indexer/test_search_file.py (store.save_arrays, map_arrays)
    import numpy as np

    from indexer import store
    from indexer.knowledge_base import KnowledgeBase

    arrays = {"rows": np.zeros((0, 4), dtype=np.int32), "columns": np.zeros((3, 0), dtype=np.float32),
              "after": np.arange(3, dtype=np.int64)}
    store.save_arrays(tmp_path / "f", arrays, {"k": 1})
    mapped, meta = store.map_arrays(tmp_path / "f")
    assert meta == {"k": 1}
    for name, array in arrays.items():
        assert mapped[name].dtype == array.dtype and mapped[name].shape == array.shape
    assert mapped["after"].tolist() == [0, 1, 2]

    docs = _no_pages(tmp_path)
    for load in (True, False, False):  # built and compiled, then answered from the files written
        kb = KnowledgeBase(docs, tmp_path / "kb.idx", site_url="https://example.org/")
        report = kb.update(load=load)
        assert (report.pages, report.sections) == (0, 0)
        answer = kb.ask("hoe stel ik de vpn in?")
        assert answer.answered is False and answer.results == []


def test_a_port_variable_that_is_not_a_number_is_no_concern_of_ask(tmp_path):
    import os

    run = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--docs", str(REPO / "knowledge"), "--index",
                          str(tmp_path / "i.idx"), "--json", "wat is QMS"], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "PORT": "abc"})
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert json.loads(run.stdout)["question"] == "wat is QMS"


def test_a_full_disk_while_indexing_is_one_line(tmp_path, monkeypatch, capsys):
    import errno

    import indexer.store
    from bot.cli import main
    from tests.conftest import write_project

    root = write_project(tmp_path / "p", {"index.md": "# Welkom\n\nVPN instellen.\n"})

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")  # as write() raises it: no file named

    monkeypatch.setattr(indexer.store, "_write_atomically", full)
    assert main(["index", "--docs", str(root), "--index", str(tmp_path / "i.idx")]) == 2
    err = capsys.readouterr().err
    index = tmp_path / "i.idx"
    assert err.strip().splitlines()[-1] == f"faqbot: --index: cannot write {index} (No space left on device)"
    assert "Traceback" not in err

"""`faqbot serve --http --docs-git URL` as a real process following a real local git repository
(`file://`): commits answered within a poll interval without a restart, `/faq reindex` fetching
first, and an unreachable remote that leaves the bot answering and is reported on /healthz and in
the log once."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.bot.block_kit import section_texts
from tests.bot.conftest import REPO, SECRET, BotProcess, bot_env, free_port, stop_bot, unique, until
from tests.gitrepo import PAGES, DocsRepo, change_everything, first_commit


def start_git_bot(api, tmp: Path, repo: DocsRepo, poll: float) -> BotProcess:
    """The bot following `repo`, its clone in tmp/cache; its log lines (stderr) come with its output."""
    port = free_port()
    env = bot_env(api, tmp, SLACK_SIGNING_SECRET=SECRET, FAQBOT_ADMINS="UADMIN", XDG_CACHE_HOME=str(tmp / "cache"))
    env.pop("FAQBOT_INDEX")  # the index beside the repository's clone
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port",
                             str(port), "--docs-git", repo.url, "--poll", str(poll)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    bot = BotProcess(proc, api, repo.project, tmp / "faqbot.sqlite3", url=f"http://127.0.0.1:{port}")
    threading.Thread(target=bot.read_output, daemon=True).start()
    return bot


def health(bot: BotProcess) -> tuple[int, dict]:
    status, body = bot.get("/healthz")
    return status, json.loads(body)


def ask(bot: BotProcess, question: str) -> str:
    channel = unique("C")
    bot.event({"type": "app_mention", "user": "U1", "text": f"<@UBOT> {question}", "ts": "1700000301.000100",
               "channel": channel})
    [call] = bot.api.wait_for("chat.postMessage", where=lambda d: d.get("channel") == channel)
    return section_texts(call.data)


def output_so_far(bot: BotProcess) -> list[str]:
    while True:
        try:
            bot.seen.append(bot.lines.get_nowait())
        except queue.Empty:
            return bot.seen


@pytest.fixture
def repo(tmp_path: Path) -> DocsRepo:
    return first_commit(tmp_path / "docs-repo", PAGES)


POLL = 2.0
UPDATE_ALLOWANCE = 8.0  # seconds past the poll interval for a fetch and an update on a busy 2-core machine


def test_commits_are_answered_within_a_poll_and_an_unreachable_remote_keeps_it_answering(slack_api, repo, tmp_path):
    bot = start_git_bot(slack_api, tmp_path, repo, POLL)
    try:
        bot.wait_line(r"faqbot: ready .*4 pages")
        status, body = health(bot)
        first = repo.git("rev-parse", "HEAD").strip()
        assert status == 200 and body["ok"] and body["docs"]["commit"] == first and body["docs"]["error"] is None
        assert "Printers" in ask(bot, "hoe snel wordt mijn printer gerepareerd?")

        committed = time.monotonic()
        commit = change_everything(repo)
        line = bot.wait_line(r"index updated", timeout=POLL + UPDATE_ALLOWANCE)
        assert time.monotonic() - committed < POLL + UPDATE_ALLOWANCE
        summary = json.loads(line.split("index updated ", 1)[1])
        assert (summary["changed"], summary["added"], summary["removed"], summary["unchanged"]) == (1, 2, 2, 1)
        assert health(bot)[1]["docs"]["commit"] == commit
        # edited, added, renamed, deleted: each answered from the new commit, no restart
        edited = ask(bot, "hoe vaak maken jullie een snapshot?")
        assert "elk uur een snapshot" in edited and "/diensten/backup/" in edited
        added = ask(bot, "repareren jullie zeilboten?")
        assert "Zeilboten" in added and "/diensten/zeilboten/" in added
        renamed = ask(bot, "hoe snel wordt mijn printer gerepareerd?")
        assert "/hardware/printers/" in renamed and "/diensten/printers/" not in renamed
        assert "/oud/fax/" not in ask(bot, "stopt de faxdienst?")

        away = repo.root.with_name("away")
        repo.root.rename(away)  # the remote is gone
        failing = until(lambda: health(bot)[1]["docs"]["error"], timeout=POLL + UPDATE_ALLOWANCE)
        assert "does not appear to be a git repository" in failing
        since = health(bot)[1]["docs"]["failing_since"]
        until(lambda: health(bot)[1]["docs"]["failures"] >= 3, timeout=3 * POLL + UPDATE_ALLOWANCE)
        status, body = health(bot)
        assert body["docs"]["failing_since"] == since  # when the failures began, not the last one
        assert status == 200 and body["ok"] and body["docs"]["commit"] == commit  # still answering
        assert "Zeilboten" in ask(bot, "repareren jullie zeilboten?")
        errors = [line for line in output_so_far(bot) if "does not appear to be a git repository" in line]
        assert len(errors) == 1 and "ERROR" in errors[0] and commit[:12] in errors[0]  # once, not every poll

        away.rename(repo.root)
        until(lambda: health(bot)[1]["docs"]["error"] is None, timeout=POLL + UPDATE_ALLOWANCE)
        bot.wait_line(r"fetching .* works again")
        assert bot.proc.poll() is None
    finally:
        stop_bot(bot)


def test_reindex_fetches_first_and_says_when_the_fetch_failed(slack_api, repo, tmp_path):
    bot = start_git_bot(slack_api, tmp_path, repo, 3600)  # no poll during the test: only /faq reindex fetches
    try:
        bot.wait_line(r"faqbot: ready")
        change_everything(repo)
        _, response = bot.command("reindex", user="UADMIN")
        [done] = slack_api.wait_for(response)
        assert "Index bijgewerkt: 2 nieuw, 1 gewijzigd, 2 verwijderd, 1 ongewijzigd" in done.data["text"]
        assert "Zeilboten" in ask(bot, "repareren jullie zeilboten?")

        repo.root.rename(repo.root.with_name("away"))
        _, response = bot.command("reindex", user="UADMIN")
        [done] = slack_api.wait_for(response)
        assert "0 nieuw, 0 gewijzigd, 0 verwijderd" in done.data["text"]
        assert "Ophalen van de documentatie uit git is mislukt" in done.data["text"]
        assert "does not appear to be a git repository" in done.data["text"]
    finally:
        stop_bot(bot)

    # started again with the remote still away: it answers from the commit in its cache, and says so
    bot = start_git_bot(slack_api, tmp_path, repo, 3600)
    try:
        bot.wait_line(r"faqbot: ready .*4 pages")
        status, body = health(bot)
        assert status == 200 and body["docs"]["error"] and body["docs"]["commit"]
        assert "Zeilboten" in ask(bot, "repareren jullie zeilboten?")
    finally:
        stop_bot(bot)


def test_without_a_cached_checkout_an_unreachable_remote_stops_the_start_with_exit_1(slack_api, tmp_path):
    env = bot_env(slack_api, tmp_path, SLACK_SIGNING_SECRET=SECRET, XDG_CACHE_HOME=str(tmp_path / "cache"),
                  FAQBOT_DOCS_GIT=(tmp_path / "nowhere").as_uri())
    out = subprocess.run([sys.executable, "-m", "bot.cli", "serve", "--http"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert "faqbot: docs: git fetch" in out.stderr and "Traceback" not in out.stderr

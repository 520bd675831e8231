"""`faqbot index --docs-git URL` as a process: the index of the branch head, updated incrementally
at each run; an unreachable remote or conflicting settings stop it with a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gitrepo import PAGES, DocsRepo, change_everything, first_commit, two_projects


def faqbot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FAQBOT_")}
    environ.update(XDG_CACHE_HOME=str(tmp_path / "cache"), **env)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=REPO, env=environ, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> DocsRepo:
    return first_commit(tmp_path / "docs-repo", PAGES)


def test_index_follows_the_branch_head_incrementally(repo, tmp_path):
    first = faqbot(tmp_path, "index", "--docs-git", repo.url, "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) | {"seconds": 0} == {"pages": 4, "sections": 4, "added": 4, "changed": 0,
                                                          "removed": 0, "unchanged": 0, "seconds": 0,
                                                          "commit": repo.git("rev-parse", "HEAD").strip()}
    commit = change_everything(repo)
    second = faqbot(tmp_path, "index", "--json", FAQBOT_DOCS_GIT=repo.url)  # the setting instead of the flag
    summary = json.loads(second.stdout)
    assert (summary["added"], summary["changed"], summary["removed"], summary["unchanged"]) == (2, 1, 2, 1)
    assert summary["commit"] == commit


def test_an_unreachable_remote_or_conflicting_settings_stop_it_with_a_message(repo, tmp_path):
    gone = faqbot(tmp_path, "index", "--docs-git", (tmp_path / "nowhere").as_uri())
    assert gone.returncode == 1 and "faqbot: docs: git fetch" in gone.stderr and "Traceback" not in gone.stderr
    both = faqbot(tmp_path, "index", "--docs", str(repo.root), "--docs-git", repo.url)
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    both = faqbot(tmp_path, "index", FAQBOT_DOCS=str(repo.root), FAQBOT_DOCS_GIT=repo.url)
    assert both.returncode == 2 and "FAQBOT_DOCS and FAQBOT_DOCS_GIT are both set" in both.stderr
    bad = faqbot(tmp_path, "index", "--docs-git", repo.url, "--branch", "a..b")
    assert bad.returncode == 2 and "--branch: 'a..b' is not a branch name" in bad.stderr
    poll = faqbot(tmp_path, "serve", "--http", "--docs-git", repo.url, "--poll", "0", SLACK_BOT_TOKEN="xoxb-t",
                  SLACK_SIGNING_SECRET="s")
    assert poll.returncode == 2 and "--poll: 0 is not a number of seconds" in poll.stderr
    # the flag beats the environment: --docs wins over FAQBOT_DOCS_GIT
    flag = faqbot(tmp_path, "index", "--docs", str(repo.root), "--json", "--index", str(tmp_path / "i.idx"),
                  FAQBOT_DOCS_GIT=(tmp_path / "nowhere").as_uri())
    assert flag.returncode == 0 and json.loads(flag.stdout)["pages"] == 4


def test_a_file_name_that_is_not_utf8_does_not_stop_the_index(repo, tmp_path):
    assert faqbot(tmp_path, "index", "--docs-git", repo.url).returncode == 0
    with open(os.fsencode(repo.project / "docs") + b"/caf\xe9.md", "wb") as fh:  # committed on a Latin-1 machine
        fh.write(b"# Cafe\n\nDe koffie is gratis.\n")
    repo.write({"index.md": "# Welkom\n\nOok vragen over de kantine.\n"}, config=None)
    commit = repo.commit("latin-1 name")
    run = faqbot(tmp_path, "index", "--docs-git", repo.url, "--json")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert r"left out 1 file(s) whose name is not UTF-8" in run.stderr and r"docs/caf\xe9.md" in run.stderr
    summary = json.loads(run.stdout)
    assert (summary["commit"], summary["pages"], summary["changed"], summary["added"]) == (commit, 4, 1, 0)


def test_changing_the_docs_subdir_indexes_the_other_project(tmp_path):
    repo, commit = two_projects(tmp_path / "mono")
    for subdir, pages in (("handbook", 4), ("support", 1), ("handbook", 4)):
        run = faqbot(tmp_path, "index", "--json", FAQBOT_DOCS_GIT=repo.url, FAQBOT_DOCS_SUBDIR=subdir)
        assert run.returncode == 0, run.stderr
        assert (json.loads(run.stdout)["pages"], json.loads(run.stdout)["commit"]) == (pages, commit)

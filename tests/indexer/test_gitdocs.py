"""Docs followed from a real local git repository (`file://`): fetch, export, incremental index
update across commits, project folder found, failures keeping the last checkout."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from indexer.config import DocsProject
from indexer.gitdocs import GitDocs, GitError, redact
from indexer.index import open_index
from indexer.warnings import Warnings
from tests.bot.conftest import until
from tests.gitrepo import PAGES, DocsRepo, change_everything, first_commit, two_projects


def tree_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in (".faqbot-manifest", ".faqbot-in-use")}


def committed_files(repo: DocsRepo, commit: str, subdir: str = "") -> dict[str, bytes]:
    names = repo.git("ls-tree", "-r", "--name-only", "--full-tree", commit, *(["--", subdir] if subdir else []))
    return {name: subprocess.run(["git", "show", f"{commit}:{name}"], cwd=repo.root, capture_output=True,
                                 check=True).stdout for name in names.splitlines()}


def index_from(checkout_project: Path, index_path: Path):
    return open_index(DocsProject.load(checkout_project), index_path, Warnings())


@pytest.fixture
def repo(tmp_path: Path) -> DocsRepo:
    return first_commit(tmp_path / "docs-repo", PAGES)


def test_each_commit_is_exported_exactly_and_indexed_incrementally(repo, tmp_path):
    git = GitDocs(repo.url, cache=tmp_path / "cache")
    first = git.sync()
    assert tree_files(first.tree) == committed_files(repo, first.commit)
    index, report = index_from(first.project, git.index_path())
    assert sorted(report.added) == sorted(PAGES)

    commit = change_everything(repo)
    second = git.sync()
    assert second.commit == commit and second.tree != first.tree
    assert tree_files(second.tree) == committed_files(repo, commit)
    # an unchanged page is the same file (hard link): the update does not read it again
    assert os.stat(second.project / "docs/index.md").st_ino == os.stat(first.project / "docs/index.md").st_ino
    index, report = index_from(second.project, git.index_path())
    assert report.rebuilt is None  # a new folder for the project is not a new project
    assert report.changed == ["diensten/backup.md"]
    assert sorted(report.added) == ["diensten/zeilboten.md", "hardware/printers.md"]
    assert sorted(report.removed) == ["diensten/printers.md", "oud/fax.md"]
    assert report.unchanged == 1
    answer = index.searcher.ask("repareren jullie zeilboten?")
    assert answer.answered and answer.results[0].url.endswith("/diensten/zeilboten/")
    assert index.searcher.ask("hoe vaak een snapshot?").results[0].url.endswith("/diensten/backup/")
    assert (git.folder / "current").resolve() == second.tree

    assert git.sync() == second  # nothing new: the same checkout
    _, report = index_from(second.project, git.index_path())
    assert not (report.added or report.changed or report.removed)


def test_a_new_commit_replaces_older_exports_but_keeps_the_previous_one(repo, tmp_path):
    git = GitDocs(repo.url, cache=tmp_path / "cache")
    exports = []
    for n in range(3):
        repo.write({"index.md": f"# Welkom\n\nVersie {n}.\n"}, config=None)
        repo.commit(f"version {n}")
        exports.append(git.sync().tree)
    assert sorted(p.name for p in git.trees.iterdir()) == sorted([exports[1].name, exports[2].name])


REPLICA = """
import sys
from pathlib import Path
from indexer.gitdocs import GitDocs
git = GitDocs(sys.argv[1], cache=Path(sys.argv[2]))
print(git.sync().tree.name, flush=True)
sys.stdin.read()  # answering from its export until it is stopped
"""


def test_an_export_another_process_still_reads_from_is_kept_until_it_ends(repo, tmp_path):
    # replicas on one machine share the cache: a replica that has not yet fetched the newest commit
    # keeps answering from its export, which a replica further on must not remove under it
    cache = tmp_path / "cache"
    replica = subprocess.Popen([sys.executable, "-c", REPLICA, repo.url, str(cache)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])
    try:
        behind = cache_tree(cache, replica.stdout.readline().strip())
        git = GitDocs(repo.url, cache=cache)
        for n in range(3):
            repo.write({"index.md": f"# Welkom\n\nVersie {n}.\n"}, config=None)
            repo.commit(f"v{n}")
            newest = git.sync()
        assert behind.is_dir() and tree_files(behind) == committed_files(repo, repo.git("rev-parse", "HEAD~3").strip())
        assert len(list(git.trees.iterdir())) == 3  # its own two, and the one the other replica reads
    finally:
        replica.kill()
        replica.wait()
    repo.write({"index.md": "# Welkom\n\nVersie 3.\n"}, config=None)
    repo.commit("v3")
    assert git.sync() != newest
    assert not behind.exists()  # the kernel let go of the ended process's hold
    assert len(list(git.trees.iterdir())) == 2


def cache_tree(cache: Path, name: str) -> Path:
    (tree,) = cache.glob(f"*/trees/{name}")
    return tree


def test_the_mkdocs_project_is_found_in_a_subfolder_or_named(tmp_path):
    repo = DocsRepo(tmp_path / "mono", project="handbook")
    repo.write(PAGES)
    (repo.root / "README.md").write_text("# Not a docs page\n", encoding="utf-8")
    commit = repo.commit()
    found = GitDocs(repo.url, cache=tmp_path / "a").sync()
    assert found.project == found.tree / "handbook"
    named = GitDocs(repo.url, subdir="handbook/", cache=tmp_path / "b").sync()
    assert named.project == named.tree / "handbook"
    # only the named folder is exported
    assert tree_files(named.tree) == committed_files(repo, commit, "handbook")

    other = repo.root / "intranet"
    other.mkdir()
    (other / "mkdocs.yml").write_text("site_name: Intranet\n", encoding="utf-8")
    (other / "docs").mkdir()
    (other / "docs" / "index.md").write_text("# Intranet\n", encoding="utf-8")
    repo.commit("a second project")
    with pytest.raises(GitError, match=r"several MkDocs projects .*handbook, intranet.*--docs-subdir"):
        GitDocs(repo.url, cache=tmp_path / "c").sync()
    assert GitDocs(repo.url, subdir="intranet", cache=tmp_path / "d").sync().project.name == "intranet"
    with pytest.raises(GitError, match="--docs-subdir: nope is not a folder"):
        GitDocs(repo.url, subdir="nope", cache=tmp_path / "e").sync()
    for bad in ("../x", "a/../../b", ".git"):
        with pytest.raises(GitError, match="--docs-subdir"):
            GitDocs(repo.url, subdir=bad, cache=tmp_path / "f")


def test_a_branch_other_than_the_default_is_followed(repo, tmp_path):
    repo.git("checkout", "--quiet", "-b", "published")
    repo.write({"index.md": "# Welkom\n\nDe gepubliceerde versie.\n"}, config=None)
    published = repo.commit("publish")
    repo.git("checkout", "--quiet", "main")
    assert GitDocs(repo.url, branch="published", cache=tmp_path / "a").sync().commit == published
    assert GitDocs(repo.url, cache=tmp_path / "b").sync().commit == repo.git("rev-parse", "main").strip()
    with pytest.raises(GitError, match="no-such-branch"):
        GitDocs(repo.url, branch="no-such-branch", cache=tmp_path / "c").sync()
    for bad in ("-x", "a..b", "with space", ""):
        with pytest.raises(GitError, match="--branch"):
            GitDocs(repo.url, branch=bad, cache=tmp_path / "d")


def test_an_unreachable_remote_keeps_the_last_checkout_and_says_why(repo, tmp_path):
    git = GitDocs(repo.url, cache=tmp_path / "cache")
    good = git.sync()
    hidden = repo.root.with_name("moved-away")
    repo.root.rename(hidden)
    with pytest.raises(GitError, match="does not appear to be a git repository"):
        git.sync()
    assert git.current == good
    assert git.status.error and "does not appear to be a git repository" in git.status.error
    since = git.status.failing_since
    with pytest.raises(GitError):
        git.sync()
    assert git.status.failing_since == since and git.status.failures == 2  # when they began, how many
    # a new process finds the last checkout in the cache and can answer from it
    assert GitDocs(repo.url, cache=tmp_path / "cache").current == good
    hidden.rename(repo.root)
    assert git.sync() == good
    assert git.status.error is None and git.status.failing_since is None and git.status.failures == 0


def test_a_remote_that_never_answers_is_given_up_on_after_the_timeout(repo, tmp_path, monkeypatch):
    # an ssh "connection" that hangs: git's transport is killed with its helpers after the timeout
    marker = tmp_path / "hung.pid"
    monkeypatch.setenv("GIT_SSH_COMMAND", f"sh -c 'echo $$ > {marker}; exec sleep 600' --")
    git = GitDocs("ssh://docs.invalid/handbook.git", cache=tmp_path / "cache", fetch_timeout=1)
    started = time.monotonic()
    with pytest.raises(GitError, match="no answer within 1 s"):
        git.sync()
    assert time.monotonic() - started < 10
    until(lambda: not alive(int(marker.read_text())))


SLOW_REMOTE = """
import subprocess, sys, threading, time
# an ssh "connection" to a slow network: git-upload-pack on the repository, its answer passed on
# a little at a time; after `stall` seconds of it, nothing more is passed (the link went dead)
delay, stall = float(sys.argv[1]), float(sys.argv[2])
server = subprocess.Popen(["sh", "-c", sys.argv[-1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

def ask():
    for chunk in iter(lambda: sys.stdin.buffer.read1(65536), b""):
        server.stdin.write(chunk)
        server.stdin.flush()
    server.stdin.close()

threading.Thread(target=ask, daemon=True).start()
started = time.monotonic()
for chunk in iter(lambda: server.stdout.read1(4096), b""):
    while time.monotonic() - started > stall:
        time.sleep(600)
    time.sleep(delay)
    sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()
"""


def slow_remote(repo: DocsRepo, tmp_path: Path, monkeypatch, delay: float, stall: float = 3600) -> str:
    """An ssh URL of `repo` reached through SLOW_REMOTE, with a large image committed (a long fetch)."""
    (repo.project / "docs" / "scan.png").write_bytes(os.urandom(1200 << 10))  # 300 answers of 4 KiB
    repo.commit("a scan")
    script = tmp_path / "slow_remote.py"
    script.write_text(SLOW_REMOTE, encoding="utf-8")
    monkeypatch.setenv("GIT_SSH_COMMAND", f"{sys.executable} {script} {delay} {stall}")
    return f"ssh://docs.invalid{repo.root}"


def test_a_fetch_that_moves_is_given_all_the_time_it_takes(repo, tmp_path, monkeypatch):
    # a first clone of a large repository over a slow link: longer than the timeout, never silent for it
    url = slow_remote(repo, tmp_path, monkeypatch, delay=0.025)
    git = GitDocs(url, cache=tmp_path / "cache", fetch_timeout=4)  # git reports at least every 2 s
    started = time.monotonic()
    checkout = git.sync()
    assert time.monotonic() - started > 5  # more than the timeout in all
    assert (checkout.project / "docs" / "scan.png").stat().st_size == 1200 << 10
    assert checkout.commit == repo.git("rev-parse", "HEAD").strip()


def test_a_fetch_that_stops_moving_or_runs_too_long_is_given_up_on(repo, tmp_path, monkeypatch):
    url = slow_remote(repo, tmp_path, monkeypatch, delay=0.025, stall=1)
    with pytest.raises(GitError, match="no answer within 4 s"):
        GitDocs(url, cache=tmp_path / "stalled", fetch_timeout=4).sync()
    url = slow_remote(repo, tmp_path, monkeypatch, delay=0.025)
    git = GitDocs(url, cache=tmp_path / "trickle", fetch_timeout=4, fetch_limit=1)
    with pytest.raises(GitError, match="not done within 1 s"):
        git.sync()
    assert git.current is None and git.status.failures == 1


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for a parent to reap it has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_credentials_in_the_url_never_appear_in_status_or_errors(tmp_path):
    assert redact("https://bot:s3cret@git.example.org/docs.git") == "https://***@git.example.org/docs.git"
    assert redact("https://ghp_token@git.example.org:8443/docs.git") == "https://***@git.example.org:8443/docs.git"
    assert redact("git@git.example.org:team/docs.git") == "git@git.example.org:team/docs.git"
    assert redact("file:///srv/docs") == "file:///srv/docs"
    git = GitDocs(f"http://bot:s3cret@127.0.0.1:9/{tmp_path.name}.git", cache=tmp_path / "cache", fetch_timeout=20)
    with pytest.raises(GitError) as failure:
        git.sync()
    assert "s3cret" not in str(failure.value) and "s3cret" not in str(git.status.public())
    assert "***@127.0.0.1:9" in str(failure.value)


@pytest.mark.parametrize("url", ["", "-uhttps://x", "https://x y", "file:///a\nb"])
def test_a_url_that_is_not_one_is_refused(url, tmp_path):
    with pytest.raises(GitError, match="is not a repository URL"):
        GitDocs(url, cache=tmp_path)


def test_git_is_never_pointed_at_another_repository_by_the_environment(repo, tmp_path, monkeypatch):
    # as inside a git hook: GIT_DIR names the hook's repository, which must not be touched
    elsewhere = DocsRepo(tmp_path / "elsewhere")
    monkeypatch.setenv("GIT_DIR", str(elsewhere.root / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(elsewhere.root))
    checkout = GitDocs(repo.url, cache=tmp_path / "cache").sync()
    assert checkout.commit == repo.git("rev-parse", "HEAD").strip()
    assert not (elsewhere.root / ".git" / "refs" / "faqbot").exists()


def test_binary_executable_and_symlinked_files_are_exported_as_git_has_them(repo, tmp_path):
    image = os.urandom(3 << 20)  # bigger than a pipe's buffer many times over: streamed, not held
    (repo.project / "docs" / "plaatje.png").write_bytes(image)
    script = repo.project / "docs" / "build.sh"
    script.write_text("#!/bin/sh\necho hoi\n", encoding="utf-8")
    script.chmod(0o755)
    (repo.project / "docs" / "welkom.md").symlink_to("index.md")
    commit = repo.commit("media")
    checkout = GitDocs(repo.url, cache=tmp_path / "cache").sync()
    docs = checkout.project / "docs"
    assert (docs / "plaatje.png").read_bytes() == image
    assert os.access(docs / "build.sh", os.X_OK) and not os.access(docs / "index.md", os.X_OK)
    assert os.readlink(docs / "welkom.md") == "index.md"
    assert tree_files(checkout.tree) == committed_files(repo, commit) | {"docs/welkom.md": PAGES_INDEX}


PAGES_INDEX = textwrap.dedent(PAGES["index.md"]).encode()


def commit_latin1_name(repo: DocsRepo) -> str:
    """A commit adding docs/caf\\xe9.md (a Latin-1 file name, not UTF-8) and editing index.md."""
    with open(os.fsencode(repo.project / "docs") + b"/caf\xe9.md", "wb") as fh:
        fh.write(b"# Cafe\n\nDe koffie is gratis.\n")
    repo.write({"index.md": "# Welkom\n\nDe helpdesk beantwoordt ook vragen over de kantine.\n"}, config=None)
    return repo.commit("latin-1 name")


def test_a_file_whose_name_is_not_utf8_is_left_out_and_the_rest_is_served(repo, tmp_path, caplog):
    # MkDocs finds such a page but cannot give it a URL (its build fails): there is no page to link to
    git = GitDocs(repo.url, cache=tmp_path / "cache")
    first = git.sync()
    index_from(first.project, git.index_path())
    commit = commit_latin1_name(repo)
    with caplog.at_level(logging.WARNING, logger="faqbot.indexer"):
        second = git.sync()
    assert second.commit == commit and git.status.commit == commit
    assert git.status.error is None and git.status.failures == 0
    assert "not UTF-8" in caplog.text and r"docs/caf\xe9.md" in caplog.text
    assert set(tree_files(second.tree)) == set(tree_files(first.tree))  # all but the Latin-1 name
    assert b"caf\xe9.md" not in os.listdir(os.fsencode(second.project / "docs"))
    assert not [p for p in git.trees.iterdir() if p.name.endswith(".partial")]
    index, report = index_from(second.project, git.index_path())
    assert report.changed == ["index.md"] and not report.added
    assert index.searcher.ask("beantwoordt de helpdesk vragen over de kantine?").answered
    # the next commit is exported from this export (its manifest read back) as usual
    repo.write({"diensten/backup.md": "# Back-up\n\nElk uur een snapshot.\n"}, config=None)
    repo.commit("third")
    third = git.sync()
    assert third.commit == repo.git("rev-parse", "HEAD").strip()
    assert os.stat(third.project / "docs/index.md").st_ino == os.stat(second.project / "docs/index.md").st_ino


def test_an_unexpected_failure_of_an_export_is_a_git_error_in_the_status(repo, tmp_path, monkeypatch):
    git = GitDocs(repo.url, cache=tmp_path / "cache")
    good = git.sync()
    change_everything(repo)

    def broken(*args: object) -> None:
        raise ValueError("something unforeseen")

    monkeypatch.setattr("indexer.gitdocs._write_entry", broken)
    with pytest.raises(GitError, match="ValueError: something unforeseen"):
        git.sync()
    assert git.current == good and git.status.commit == good.commit
    assert "ValueError: something unforeseen" in (git.status.error or "")
    assert git.status.failures == 1 and git.status.failing_since is not None
    assert [p.name for p in git.trees.iterdir()] == [good.tree.name]  # no .partial folder left behind
    monkeypatch.undo()
    assert git.sync().commit == repo.git("rev-parse", "HEAD").strip()
    assert git.status.error is None and git.status.failures == 0


def test_another_docs_subdir_is_exported_again_not_taken_from_the_cache(tmp_path):
    repo, commit = two_projects(tmp_path / "mono")
    cache = tmp_path / "cache"
    handbook = GitDocs(repo.url, subdir="handbook", cache=cache).sync()
    git = GitDocs(repo.url, subdir="support", cache=cache)
    assert git.current is None  # the handbook's export has no support folder: nothing to answer from
    support = git.sync()
    assert support.commit == commit and support.project == support.tree / "support"
    assert tree_files(support.tree) == committed_files(repo, commit, "support")
    # and back again, then a new commit: the new export and the previous one stay
    git = GitDocs(repo.url, subdir="handbook", cache=cache)
    assert git.current is None
    again = git.sync()
    assert tree_files(again.tree) == committed_files(repo, commit, "handbook") == tree_files(handbook.tree)
    repo.project = repo.root / "handbook"
    repo.write({"index.md": "# Welkom\n\nNieuw.\n"}, config=None)
    repo.commit("new")
    newest = git.sync()
    assert sorted(p.name for p in git.trees.iterdir()) == sorted([again.tree.name, newest.tree.name])
    assert GitDocs(repo.url, subdir="handbook", cache=cache).current == newest  # a restart answers from it


def test_a_helper_that_outlives_git_holding_its_stderr_does_not_hold_up_the_fetch(repo, tmp_path, monkeypatch):
    # an ssh helper that leaves a process of its own session behind, which keeps git's stderr open
    sleeper = tmp_path / "sleeper.pid"
    wrapper = tmp_path / "ssh.sh"
    wrapper.write_text(f'setsid sh -c \'echo $$ > {sleeper}; exec sleep 60\' </dev/null >/dev/null &\n'
                       'shift\nexec sh -c "$1"\n', encoding="utf-8")
    monkeypatch.setenv("GIT_SSH_COMMAND", f"sh {wrapper}")
    try:
        started = time.monotonic()
        checkout = GitDocs(f"ssh://docs.invalid{repo.root}", cache=tmp_path / "cache", fetch_timeout=30).sync()
        assert time.monotonic() - started < 15  # not the helper's 60 s
        assert checkout.commit == repo.git("rev-parse", "HEAD").strip()
    finally:
        until(sleeper.exists)
        os.kill(int(sleeper.read_text()), 9)


def test_an_export_whose_lock_cannot_be_checked_is_kept(repo, tmp_path, monkeypatch):
    # EMFILE, EACCES: whether another replica reads from it cannot be told, so it is not removed
    import errno

    import indexer.gitdocs as gitdocs

    git = GitDocs(repo.url, cache=tmp_path / "cache")
    first = git.sync()
    real_open = os.open

    def failing_open(path, flags, *args):
        if str(path) == str(first.tree / gitdocs.IN_USE):
            raise OSError(errno.EMFILE, "Too many open files")
        return real_open(path, flags, *args)

    monkeypatch.setattr(gitdocs.os, "open", failing_open)
    for n in range(2):
        repo.write({"index.md": f"# Welkom\n\nVersie {n}.\n"}, config=None)
        repo.commit(f"v{n}")
        git.sync()
    assert (first.tree / gitdocs.MANIFEST).is_file()


def test_an_older_export_in_a_read_only_cache_is_still_answered_from(repo, tmp_path, monkeypatch):
    # an export made before exports had their lock file, in a cache the service may only read
    import errno

    import indexer.gitdocs as gitdocs

    first = GitDocs(repo.url, cache=tmp_path / "cache").sync()
    (first.tree / gitdocs.IN_USE).unlink()
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(gitdocs.os, "open", read_only)
    assert GitDocs(repo.url, cache=tmp_path / "cache").current == first


def test_an_export_a_killed_prune_left_half_removed_is_made_again(repo, tmp_path):
    git = GitDocs(repo.url, cache=tmp_path / "cache")
    first = git.sync()
    for n in range(2):
        repo.write({"index.md": f"# Welkom\n\nVersie {n}.\n"}, config=None)
        repo.commit(f"v{n}")
        git.sync()
    assert not first.tree.exists()
    (first.tree / "docs").mkdir(parents=True)  # what is left of it: no manifest, few files
    (first.tree / "docs" / "index.md").write_text("# Half\n", encoding="utf-8")
    repo.git("reset", "--hard", first.commit)
    again = git.sync()
    assert again.tree == first.tree and tree_files(again.tree) == committed_files(repo, first.commit)


def test_a_failed_fetch_says_why_not_how_far_it_got(tmp_path):
    git = GitDocs("https://git.example.org/docs.git", cache=tmp_path / "cache")
    with pytest.raises(GitError, match=r"fetch https://git.example.org/docs.git: ended by signal 9$"):
        git._check(["fetch"], -9, b"remote: Total 3 (delta 0)\nReceiving objects:  30% (30/100), 1.00 MiB\r")
    with pytest.raises(GitError, match=r": early EOF$"):
        git._check(["fetch"], 128, b"Receiving objects:  30% (30/100)\rfatal: early EOF\nfatal: index-pack failed\n")

"""Docs followed from their git repository: a bare clone of one branch in a cache folder, fetched
when asked, and each new head commit exported into a fresh folder of its own that the index is
then updated from. The export hard-links every file whose blob the previous export already holds,
so an unchanged page keeps its size and modification time and the incremental update does not
read it again. A failed fetch keeps the last export (and says why in `status`).

Only the git command line is used (no shell, a timeout on every command, no prompts): the only
network it reaches is the configured remote."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit, urlunsplit

from indexer import store
from indexer.config import CONFIG_NAMES
from indexer.store import exclusive_lock

# A fetch is given up when git reports no progress for FETCH_TIMEOUT seconds (a hung connection), or
# runs past FETCH_LIMIT however it moves (a trickle): a first clone of a large docs repository may
# take many minutes, and each try of one cut off at a fixed time would start again from nothing.
FETCH_TIMEOUT = 120.0
FETCH_LIMIT = 3600.0
LOCAL_TIMEOUT = 60.0  # seconds for a command that only reads the local clone
HEAD_REF = "refs/faqbot/head"  # where the fetched branch head is kept in the bare clone
# variables that would point git at another repository than the cache's (set when run from a hook)
_REPOSITORY_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                         "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX")
_REGULAR, _EXECUTABLE, _SYMLINK = "100644", "100755", "120000"
MANIFEST = ".faqbot-manifest"  # in each export: the mode, blob and path of every file written
# In each export: every process answering from it holds a shared lock on this file, so that another
# process sharing the cache (a replica) never removes an export still read from.
IN_USE = ".faqbot-in-use"
log = logging.getLogger("faqbot.indexer")


class GitError(Exception):
    """A git command that failed or a repository that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Entry:
    """One file of a commit, as `git ls-tree` lists it."""

    mode: str
    blob: str
    path: str  # relative to the repository root, '/'-separated


@dataclass(frozen=True)
class Checkout:
    """One commit of the docs exported into a folder: `project` is what the indexer opens."""

    commit: str
    tree: Path
    project: Path


@dataclass
class SyncStatus:
    """How following the repository goes: the last commit checked out, the last fetch that worked,
    and the error of the last one when it failed (with when the failures began and how many in a row)."""

    url: str
    branch: str
    commit: str | None = None
    fetched_at: float | None = None
    error: str | None = None
    failing_since: float | None = None
    failures: int = 0

    def public(self) -> dict[str, object]:
        return {"git": self.url, "branch": self.branch, "commit": self.commit, "fetched_at": self.fetched_at,
                "error": self.error, "failing_since": self.failing_since, "failures": self.failures}


class GitDocs:
    """A docs repository followed from its remote (`url`, branch `branch` or the remote's default),
    kept in `cache` (default `~/.cache/faqbot/git/`). `subdir` is the folder of the MkDocs project
    inside the repository; None finds it: the root when it holds mkdocs.yml, else the one folder
    that does (several are an error), else the whole repository as a bare docs folder."""

    def __init__(self, url: str, branch: str | None = None, subdir: str | None = None,
                 cache: Path | None = None, fetch_timeout: float = FETCH_TIMEOUT,
                 fetch_limit: float = FETCH_LIMIT) -> None:
        url = url.strip()
        if not url or url.startswith("-") or any(c.isspace() or ord(c) < 32 for c in url):
            raise GitError(f"--docs-git: {redact(url)!r} is not a repository URL")
        if branch is not None:
            _check_branch(branch)
        self.url, self.branch, self.fetch_timeout, self.fetch_limit = url, branch, fetch_timeout, fetch_limit
        self.subdir = _clean_subdir(subdir) if subdir else None
        key = hashlib.sha256(f"{url}\n{branch or ''}".encode()).hexdigest()[:12]
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", PurePosixPath(urlsplit(url).path).name.removesuffix(".git")) or "docs"
        self.folder = (cache or store.cache_folder() / "git") / f"{name}-{key}"
        self.repo = self.folder / "repo.git"
        self.trees = self.folder / "trees"
        self.status = SyncStatus(redact(url), branch or "(default branch)")
        self._lock = threading.Lock()
        self._held: IO[bytes] | None = None  # the in-use lock on `current`'s export (closed with this object)
        self.current: Checkout | None = self._existing_checkout()

    def index_path(self) -> Path:
        """The default index file of these docs: one per followed repository, beside its clone."""
        return self.folder / "index.idx"

    # -- following the remote -------------------------------------------------------------------

    def sync(self) -> Checkout:
        """Fetch the branch and, when its head moved, export the new commit and switch to it.
        Raises GitError when the fetch or export fails, whatever the cause (an unexpected one
        included: a poll must not end in a traceback); the current checkout stays (see `status`)."""
        with self._lock:
            try:
                with self._folder_lock():
                    commit = self._fetch()
                    checkout = self._checkout(commit)
            except Exception as exc:
                if isinstance(exc, GitError):
                    reason = str(exc)
                elif isinstance(exc, OSError):
                    reason = f"cannot write {self.folder} ({exc})"
                else:
                    reason = f"cannot check out {self.status.url} ({type(exc).__name__}: {exc})"
                if self.status.error is None:
                    self.status.failing_since = time.time()
                self.status.error = reason.replace(self.url, self.status.url)
                self.status.failures += 1
                raise GitError(self.status.error) from exc
            self.status.commit, self.status.fetched_at = commit, time.time()
            self.status.error = self.status.failing_since = None
            self.status.failures = 0
            self.current = checkout
            return checkout

    def _fetch(self) -> str:
        if not (self.repo / "HEAD").is_file():
            self.repo.mkdir(parents=True, exist_ok=True)
            self._git(["init", "--bare", "--quiet", str(self.repo)], cwd=self.folder)
        source = f"refs/heads/{self.branch}" if self.branch else "HEAD"
        self._git_watched(["fetch", "--progress", "--no-tags", "--no-write-fetch-head", "--", self.url,
                           f"+{source}:{HEAD_REF}"])
        return self._git(["rev-parse", "--verify", "--quiet", f"{HEAD_REF}^{{commit}}"]).strip()

    def _checkout(self, commit: str) -> Checkout:
        if self.current is not None and self.current.commit == commit and self.current.project.is_dir():
            return self.current  # nothing new (the usual poll)
        tree = self._tree(commit)
        if not (tree / MANIFEST).is_file():  # none yet, or one a killed prune left half removed
            shutil.rmtree(tree, ignore_errors=True)
            self._export(commit, tree)
        subdir = self.subdir if self.subdir is not None else self._find_project(commit)
        project = tree / subdir if subdir else tree
        if not project.is_dir():
            raise GitError(f"--docs-subdir: {subdir} is not a folder in commit {commit[:12]}")
        self._switch(tree)
        if not self._hold(tree):
            raise GitError(f"the export of {commit[:12]} in {self.trees} vanished as it was made")
        self._prune(keep={tree, self.current.tree if self.current else tree})
        return Checkout(commit, tree, project)

    # -- exporting a commit ---------------------------------------------------------------------

    def _tree(self, commit: str) -> Path:
        """The export of `commit` for this `subdir`: `trees/<commit>-<key>`, the key telling which
        folder was exported (the whole repository, or only the project's), so that an export made
        for another `--docs-subdir` is never taken for this one's."""
        key = hashlib.sha256((self.subdir or "").encode("utf-8", "surrogateescape")).hexdigest()[:8]
        return self.trees / f"{commit}-{key}"

    def entries(self, commit: str, subdir: str = "") -> list[Entry]:
        """The files of `commit` (under `subdir`), submodules left out."""
        args = ["ls-tree", "-r", "-z", "--full-tree", commit]
        if subdir:
            args += ["--", subdir]
        found = []
        for record in self._git(args).split("\0"):
            if not record:
                continue
            meta, _, path = record.partition("\t")
            mode, kind, blob = meta.split()
            if kind == "blob":
                found.append(Entry(mode, blob, path))
        return found

    def _find_project(self, commit: str) -> str:
        folders = sorted({str(PurePosixPath(e.path).parent) for e in self.entries(commit)
                          if PurePosixPath(e.path).name in CONFIG_NAMES and _safe_path(e.path) and _utf8(e.path)
                          and not any(part.startswith(".") for part in PurePosixPath(e.path).parts)})
        if "." in folders or not folders:
            return ""
        if len(folders) > 1:
            raise GitError(f"several MkDocs projects in {self.status.url} ({', '.join(folders)}): "
                           "choose one with --docs-subdir")
        return folders[0]

    def _export(self, commit: str, tree: Path) -> None:
        """Write `commit` (only the project's folder when `subdir` is given) into `tree`, hard-linking
        the files the current checkout already holds; written to a temporary folder, then renamed
        (removed again when the export fails).

        A file whose name is not UTF-8 (committed from a Latin-1 machine, say) is left out, with a
        warning: MkDocs finds such a page but cannot give it a URL (its build fails on it), so
        there is no page of the site to answer with, and faqbot's pages are named in UTF-8."""
        entries = [e for e in self.entries(commit, self.subdir or "") if _safe_path(e.path)]
        if unnamed := [e.path for e in entries if not _utf8(e.path)]:
            log.warning("docs: commit %s: left out %d file(s) whose name is not UTF-8 (MkDocs cannot give "
                        "them a URL): %s", commit[:12], len(unnamed), ", ".join(map(_shown, unnamed)))
            entries = [e for e in entries if _utf8(e.path)]
        have = self._blobs_on_disk()
        partial = self.trees / f".{tree.name}.{os.getpid()}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        try:
            partial.mkdir(parents=True)
            wanted: list[Entry] = []
            for entry in entries:
                target = partial / entry.path
                target.parent.mkdir(parents=True, exist_ok=True)
                source = have.get((entry.mode, entry.blob))
                if source is not None and entry.mode != _SYMLINK:
                    try:
                        os.link(source, target, follow_symlinks=False)
                        continue
                    except OSError:  # another file system, a link limit: write it instead
                        pass
                wanted.append(entry)
            self._write_blobs(wanted, partial)
            # git's names are bytes (decoded with surrogateescape): any of them is written and read back
            (partial / MANIFEST).write_text("".join(f"{e.mode} {e.blob} {e.path}\0" for e in entries),
                                            encoding="utf-8", errors="surrogateescape")
            (partial / IN_USE).touch()  # made with the export: holding it never needs to write
            os.rename(partial, tree)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise

    def _blobs_on_disk(self) -> dict[tuple[str, str], Path]:
        """(mode, blob) -> a file of the current checkout holding it, from the checkout's manifest."""
        if self.current is None:
            return {}
        try:
            manifest = (self.current.tree / MANIFEST).read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return {}
        found = {}
        for record in manifest.split("\0"):
            mode, _, rest = record.partition(" ")
            blob, _, path = rest.partition(" ")
            if path and (self.current.tree / path).is_file():
                found[(mode, blob)] = self.current.tree / path
        return found

    def _write_blobs(self, entries: Sequence[Entry], folder: Path) -> None:
        """Write each entry's content under `folder`, streamed from one `git cat-file --batch` (a large
        image is never held in memory whole); the whole export within the fetch's limit in all."""
        if not entries:
            return
        process = self._start(["cat-file", "--batch"], stdin=True, stderr=False)
        assert process.stdin is not None and process.stdout is not None
        names = "".join(e.blob + "\n" for e in entries).encode()
        threading.Thread(target=_feed, args=(process.stdin, names), daemon=True).start()
        timer = threading.Timer(self.fetch_limit, _kill_group, args=(process,))
        timer.start()
        try:
            for entry in entries:
                header = process.stdout.readline().decode("ascii", "replace").split()
                if header[:2] != [entry.blob, "blob"] or len(header) != 3:
                    if not timer.is_alive():
                        raise GitError(f"git cat-file: export not done within {self.fetch_limit:.0f} s")
                    raise GitError(f"git cat-file: expected blob {entry.blob}, got {' '.join(header) or 'nothing'}")
                _write_entry(entry, process.stdout, int(header[2]), folder / entry.path)
                process.stdout.read(1)  # the newline after each content
        finally:
            timer.cancel()
            _kill_group(process)
            process.stdout.close()
            process.wait()

    def _switch(self, tree: Path) -> None:
        """Point `current` at `tree` in one rename (for people and tools looking at the cache)."""
        link = self.folder / "current"
        temporary = self.folder / f".current.{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.symlink(os.path.relpath(tree, self.folder), temporary)
        os.replace(temporary, link)

    def _hold(self, tree: Path) -> bool:
        """Mark `tree` as read from by this process, and the export held before as no longer: a
        shared lock on its IN_USE file, which the kernel drops when the process ends. False when
        `tree` was removed meanwhile (a prune moves it aside while it holds it exclusively). An
        export of an older faqbot has no IN_USE file: it is made, unless the cache is read-only
        (then nobody can remove the export either, and it is used unheld)."""
        try:
            try:
                fd = os.open(tree / IN_USE, os.O_RDONLY | os.O_CLOEXEC)
            except FileNotFoundError:  # an older faqbot's export
                fd = os.open(tree / IN_USE, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o444)
        except OSError:  # a read-only cache: nobody can remove it either
            return (tree / MANIFEST).is_file()
        fcntl.flock(fd, fcntl.LOCK_SH)
        if not (tree / MANIFEST).is_file():
            os.close(fd)
            return False
        held, self._held = self._held, os.fdopen(fd, "rb")
        if held is not None:
            held.close()
        return True

    def _prune(self, keep: set[Path]) -> None:
        """Remove older exports: the new one and the one the index was last updated from stay, and
        so does any export another process sharing the cache still reads from (`_hold`)."""
        for folder in self.trees.iterdir():  # under the folder lock: a partial one is a dead process's
            if folder in keep:
                continue
            try:
                fd = os.open(folder / IN_USE, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o444)
            except NotADirectoryError:  # a stray file
                folder.unlink(missing_ok=True)
                continue
            except OSError as exc:  # cannot tell whether it is read from: it stays
                log.warning("docs: cannot check whether %s is in use (%s): kept", folder, exc.strerror)
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:  # moved aside while held: a process about to hold it finds it gone
                aside = self.trees / f".{folder.name}.{os.getpid()}.removed"
                os.rename(folder, aside)
                shutil.rmtree(aside, ignore_errors=True)
            except OSError as exc:
                log.warning("docs: cannot remove the old export %s (%s)", folder, exc.strerror)
            finally:
                os.close(fd)

    def _existing_checkout(self) -> Checkout | None:
        """The export `current` points at from an earlier run: answers start from it if a fetch fails
        (not when it lacks this run's project: made for another `--docs-subdir`)."""
        link = self.folder / "current"
        try:
            tree = (self.folder / os.readlink(link)).resolve()
        except OSError:
            return None
        if not (tree / MANIFEST).is_file():
            return None
        commit = tree.name.partition("-")[0]  # `trees/<commit>-<key>` (`trees/<commit>` before keys)
        subdir = self.subdir
        if subdir is None:
            try:
                subdir = self._find_project(commit)
            except GitError:
                return None
        project = tree / subdir if subdir else tree
        if not project.is_dir() or not self._hold(tree):
            return None
        self.status.commit = commit
        return Checkout(commit, tree, project)

    # -- running git ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _folder_lock(self) -> Iterator[None]:
        """One process at a time fetches and exports in this cache folder (the kernel drops the lock
        of a process that dies)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.trees.mkdir(exist_ok=True)
        with exclusive_lock(self.folder / "lock"):
            yield

    def _start(self, args: list[str], cwd: Path | None = None, stdin: bool = False,
               stderr: bool = True, options: Sequence[str] = (), stdout: bool = True) -> subprocess.Popen[bytes]:
        """git with `args` on the cache's clone (or in `cwd`), in a process group of its own (so that a
        timeout ends its helpers too: ssh, git-remote-https)."""
        command = ["git", *(["--git-dir", str(self.repo)] if cwd is None else []), *options, *args]
        try:
            return subprocess.Popen(command, cwd=cwd or self.folder, env=git_environment(),
                                    stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                    stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
                                    stderr=subprocess.PIPE if stderr else subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            raise GitError(f"cannot run git ({exc.strerror}): is git installed?") from exc

    def _git(self, args: list[str], timeout: float = LOCAL_TIMEOUT, cwd: Path | None = None) -> str:
        process = self._start(args, cwd)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            process.communicate()
            raise GitError(f"git {args[0]} {self.status.url}: no answer within {timeout:.0f} s") from None
        self._check(args, process.returncode, err)
        return out.decode("utf-8", "surrogateescape")

    def _git_watched(self, args: list[str]) -> None:
        """git with `args` that reports its progress on stderr (`fetch --progress`): ended when it
        reports nothing for `fetch_timeout` seconds or runs past `fetch_limit`. The objects are
        always received as a pack (`fetch.unpackLimit=1`): only then does git report how many bytes
        have come while a large file comes in."""
        process = self._start(args, options=["-c", "fetch.unpackLimit=1"], stdout=False)
        assert process.stderr is not None
        said = bytearray()  # the last of what git said: its error, when it fails
        last_said = time.monotonic()

        def listen(stderr: IO[bytes]) -> None:
            """Read what git says until the pipe closes, and close it: with the last process that
            holds it, which may outlive git (a helper that left git's process group)."""
            nonlocal last_said
            with stderr:
                for chunk in iter(lambda: os.read(stderr.fileno(), 4096), b""):
                    said.extend(chunk)
                    del said[:-8192]
                    last_said = time.monotonic()

        listener = threading.Thread(target=listen, args=(process.stderr,), daemon=True)
        listener.start()
        started = time.monotonic()
        try:
            while True:
                now = time.monotonic()
                silent_until, limit = last_said + self.fetch_timeout, started + self.fetch_limit
                if now >= limit or now >= silent_until:
                    why = (f"not done within {self.fetch_limit:.0f} s" if now >= limit
                           else f"no answer within {self.fetch_timeout:.0f} s")
                    raise GitError(f"git {args[0]} {self.status.url}: {why}")
                try:
                    process.wait(timeout=min(silent_until, limit) - now)
                    break
                except subprocess.TimeoutExpired:
                    continue
        finally:
            _kill_group(process)
            process.wait()
            listener.join(timeout=1.0)  # git's last words; never waiting on a helper that holds the pipe
        self._check(args, process.returncode, bytes(said))

    def _check(self, args: list[str], returncode: int, err: bytes) -> None:
        """Raise GitError with git's reason when it failed."""
        if returncode == 0:
            return
        lines = [line.strip() for line in re.split(r"[\r\n]", err.decode("utf-8", "replace")) if line.strip()]
        # git's first "fatal:"/"error:" line says why; what follows is advice
        said = [line.split(":", 1)[1].strip() for line in lines if line.startswith(("fatal:", "error:"))]
        told = [line for line in lines if not _PROGRESS.search(line)]
        reason = said[0] if said else told[-1] if told else (
            f"ended by signal {-returncode}" if returncode < 0 else f"exit code {returncode}")
        raise GitError(f"git {args[0]} {self.status.url}: {reason.replace(self.url, self.status.url)}")


# a line of `--progress` (`Receiving objects:  30% (30/100)`, `remote: Total 3 (delta 0)`): never why it failed
_PROGRESS = re.compile(r"\b(?:objects|deltas):|^(?:remote: )?(?:Total \d|Enumerating|Counting|Compressing|"
                       r"Receiving|Resolving|Unpacking)")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _feed(pipe: IO[bytes], data: bytes) -> None:
    """Write `data` to a process's standard input and close it (on a thread: git answers meanwhile)."""
    with contextlib.suppress(OSError), pipe:
        pipe.write(data)


def _write_entry(entry: Entry, source: IO[bytes], size: int, target: Path) -> None:
    """`size` bytes of `source` as the file or symlink `entry` is."""
    if entry.mode == _SYMLINK:
        os.symlink(os.fsdecode(source.read(size)), target)  # the indexer never follows one out of the docs
        return
    with open(target, "wb") as out:
        left = size
        while left:
            chunk = source.read(min(left, 1 << 20))
            if not chunk:
                raise GitError(f"git cat-file: {entry.path} ended early")
            out.write(chunk)
            left -= len(chunk)
    os.chmod(target, 0o555 if entry.mode == _EXECUTABLE else 0o444)  # a snapshot: never edited


def git_environment() -> dict[str, str]:
    """The environment git runs with: never a prompt (a service has nobody to answer it), stable
    messages, and nothing that points it at another repository."""
    env = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def redact(url: str) -> str:
    """`url` without the credentials in it (https://user:token@host/… → https://***@host/…)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if not parts.netloc or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=f"***@{parts.hostname or ''}" + (f":{port}" if port else "")))


def _check_branch(branch: str) -> None:
    if not branch or branch.startswith("-") or subprocess.run(
            ["git", "check-ref-format", f"refs/heads/{branch}"], env=git_environment(),
            capture_output=True, timeout=LOCAL_TIMEOUT).returncode != 0:
        raise GitError(f"--branch: {branch!r} is not a branch name")


def _clean_subdir(subdir: str) -> str:
    path = str(PurePosixPath(subdir.strip().strip("/") or "."))
    if path != "." and not _safe_path(path):
        raise GitError(f"--docs-subdir: {subdir!r} must be a folder inside the repository")
    return "" if path == "." else path


def _utf8(path: str) -> bool:
    """Whether git's name for a file is UTF-8 (git's output is decoded with surrogateescape)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(path: str) -> str:
    """A name that is not UTF-8 as it can be shown: its other bytes as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _safe_path(path: str) -> bool:
    """A path that stays inside the export: relative, no `..`, nothing inside a `.git` folder."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts \
        and ".git" not in (p.lower() for p in parts)

"""Finding the Markdown pages of a docs folder and reading them safely, as MkDocs would serve them."""

from __future__ import annotations

import hashlib
import operator
import os
import posixpath
import urllib.parse
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from indexer.memory import collector_paused
from indexer.warnings import Warnings

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
MAX_PAGE_BYTES = 4 * 1024 * 1024  # larger pages are cut here: a knowledge base page is never this big
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class DocsFile:
    """One Markdown page: its path relative to docs_dir (POSIX), its size and modification time
    when found (what tells an unchanged page without reading it), and its page URL on the site."""

    src_path: str
    docs_dir: str
    size: int
    mtime_ns: int
    use_directory_urls: bool = True

    @cached_property
    def abs_path(self) -> Path:
        return Path(self.docs_dir, self.src_path)

    @cached_property
    def url(self) -> str:
        return page_url(self.src_path, self.use_directory_urls)


def page_url(src_path: str, use_directory_urls: bool) -> str:
    """The page URL MkDocs gives `src_path`: `a/b.md` -> `a/b/`, `a/index.md` -> `a/`, quoted."""
    stem, _ = posixpath.splitext(src_path)
    dirname, name = posixpath.split(stem)
    if name in ("index", "README"):
        dest = posixpath.join(dirname, "index.html")
    elif use_directory_urls:
        dest = posixpath.join(stem, "index.html")
    else:
        dest = stem + ".html"
    if use_directory_urls and posixpath.basename(dest) == "index.html":
        dirname = posixpath.dirname(dest)
        dest = dirname + "/" if dirname else ""
    return urllib.parse.quote(dest)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symlink resolved, lies inside `folder`."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


@dataclass
class Walk:
    """What one walk of a docs folder found (`page_stats`) and warned of: kept by a check that
    found a change, so that the update after it does not walk the folder again."""

    stats: dict[str, list[int]] | None = None
    warnings: Warnings | None = None


def discover(docs_dir: Path, use_directory_urls: bool, warnings: Warnings, walk: Walk | None = None) -> list[DocsFile]:
    """Every page of `docs_dir` in a stable order, skipping what MkDocs skips (dot files,
    /templates/, a README.md beside an index.md) and any symlink that leads out of the folder.
    From `walk` when it holds a walk of the folder just made (its warnings passed on)."""
    root = str(docs_dir.resolve())
    if walk is not None and walk.stats is not None and walk.warnings is not None:
        stats = walk.stats
        for file_name, reason in walk.warnings.items:
            warnings.add(file_name, reason)
    else:
        stats = page_stats(docs_dir, warnings)
    return [DocsFile(rel, root, size, mtime_ns, use_directory_urls) for rel, (size, mtime_ns) in sorted(stats.items())]


def page_stats(docs_dir: Path, warnings: Warnings) -> dict[str, list[int]]:
    """The pages `discover` finds, each as its path -> [size, mtime_ns] (the form the manifest
    keeps them in), in walk order, with the same warnings: what tells that nothing changed
    without making an object per page. One `scandir` per folder and one `stat` per page, as
    `git status` does: 100,000 pages are checked in about a third of a second."""
    root = str(docs_dir.resolve())
    with collector_paused():  # a list per page, no cycles: a full collection would walk the manifest too
        found = _scan(root, warnings)
    # a README beside an index page loses its URL to it (MkDocs): rare, so looked for by name first
    readmes = [rel for rel in found if "README" in rel and posixpath.basename(posixpath.splitext(rel)[0]) == "README"]
    for rel in sorted(readmes):
        siblings = [posixpath.join(posixpath.dirname(rel), "index" + e) for e in MARKDOWN_EXTENSIONS]
        if any(s in found for s in siblings):
            warnings.add(Path(root, rel), "skipped: index.md of the same folder takes its URL")
            del found[rel]
    return found


_name = operator.attrgetter("name")


def _scan(root: str, warnings: Warnings) -> dict[str, list[int]]:
    """path relative to root -> [size, mtime_ns] of every Markdown file under root; symlinks are
    followed only while they stay inside root, and every real folder is walked once (so a symlink
    loop ends). Folders are walked depth first, each in name order, so that warnings come in the
    same order every time; a plain folder or file costs no more than its entry and its stat."""
    found: dict[str, list[int]] = {}
    seen_dirs = {root}
    stack = [(root, "", False)]  # folder, its path relative to root, whether reached through a symlink
    while stack:
        folder, prefix, linked = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=_name)
        except OSError as exc:
            warnings.add(folder, f"folder skipped: {exc.strerror or exc}")
            continue
        for entry in entries:
            name = entry.name
            if name[0] == "." or (not prefix and name == "templates"):
                continue
            try:
                # a plain file or folder (no symlink) is told from its directory entry alone
                if entry.is_file(follow_symlinks=False):
                    if name.lower().endswith(MARKDOWN_EXTENSIONS):
                        st = entry.stat()
                        found[prefix + name] = [st.st_size, st.st_mtime_ns]
                    continue
                symlink = not entry.is_dir(follow_symlinks=False) and entry.is_symlink()
                if symlink and not is_inside(Path(entry.path), Path(root)):
                    warnings.add(entry.path, "skipped: symlink leads outside the docs folder")
                    continue
                if entry.is_dir():
                    # below root and no symlink on the way, a folder's path is already its real path
                    real = os.path.realpath(entry.path) if symlink or linked else entry.path
                    if real not in seen_dirs:
                        seen_dirs.add(real)
                        stack.append((entry.path, prefix + name + "/", symlink or linked))
                elif entry.is_file() and name.lower().endswith(MARKDOWN_EXTENSIONS):
                    st = entry.stat()
                    found[prefix + name] = [st.st_size, st.st_mtime_ns]
            except OSError as exc:
                warnings.add(entry.path, f"skipped: {exc.strerror or exc}")
    return found


def read_text(path: Path, warnings: Warnings) -> str | None:
    """The page's text with a BOM stripped and line endings normalised, or None when it is not
    text. Text that is not UTF-8 is decoded best-effort (cp1252, then Latin-1) with a warning."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        warnings.add(path, f"skipped: cannot read ({exc.strerror or exc})")
        return None
    return decode_text(data, path, warnings)


def decode_text(data: bytes, path: Path | str, warnings: Warnings) -> str | None:
    if len(data) > MAX_PAGE_BYTES:
        warnings.add(path, f"larger than {MAX_PAGE_BYTES // 1024 // 1024} MiB: only its start is indexed")
        data = data[:MAX_PAGE_BYTES]
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        warnings.add(path, "skipped: binary file, not Markdown text")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if len(data) >= MAX_PAGE_BYTES and exc.start >= len(data) - 4:
            text = data[: exc.start].decode("utf-8")  # the cut split a character
        else:
            try:
                text = data.decode("cp1252")
                warnings.add(path, "not UTF-8: decoded as Windows-1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                warnings.add(path, "not UTF-8: decoded as Latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def stat_of(path: Path) -> list[int]:
    """[size, mtime_ns], or [-1, -1] when the file cannot be seen."""
    try:
        st = path.stat()
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]


def file_state(path: Path) -> list[int | str]:
    """[size, mtime_ns, sha256 of what is indexed of it]: a huge include is not read whole."""
    try:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read(MAX_PAGE_BYTES + 1)).hexdigest()
    except OSError:
        digest = ""
    return [*stat_of(path), digest]

"""Finding the Markdown pages of a docs folder and reading them safely, as MkDocs would serve them."""

from __future__ import annotations

import hashlib
import operator
import os
import posixpath
import time
import urllib.parse
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from stat import S_ISREG
from typing import Any

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


def _symlink_refused(path: Path, folder: Path) -> str:
    """Why the symlink `path` in `folder` is not followed ("" when it is): it leads outside the
    folder, or to a hidden file or folder in it (a name starting with a dot: a symlink is no way to
    read what the docs hide)."""
    try:
        inside = path.resolve().relative_to(folder.resolve()).parts
    except (ValueError, OSError, RuntimeError):
        return "skipped: symlink leads outside the docs folder"
    return "skipped: symlink leads to a hidden file or folder" if any(p.startswith(".") for p in inside) else ""


# A file or folder modified within two seconds of being looked at is "racily clean" (as git calls
# it): a second write in the same clock tick keeps the mtime, so its time says nothing yet.
RACY_NS = 2_000_000_000

class Listings:
    """Folders' listings as a walk saw them, for a later walk to trust (git's untracked cache):
    each folder's path relative to docs_dir ("" for docs_dir, else ending in "/"), its own mtime,
    ctime and inode, and the names of its pages and of its subfolders, in name order. Adding,
    removing or renaming an entry changes a folder's mtime and ctime; editing a page in place
    changes only the page's own. Kept in columns (`state`), which the manifest loads quickly."""

    def __init__(self, state: dict[str, Any] | None = None) -> None:
        state = state or {}
        self.prefixes: list[str] = state.get("prefixes", [])
        self.stats = array("q", state.get("stats", b""))  # mtime_ns, ctime_ns, inode of each
        self.pages: list[str] = state.get("pages", [])  # each folder's page names, joined by NUL
        self.folders: list[str] = state.get("folders", [])  # each folder's subfolder names, joined by NUL
        if not (len(self.prefixes) == len(self.pages) == len(self.folders) == len(self.stats) // 3):
            self.prefixes, self.stats, self.pages, self.folders = [], array("q"), [], []
        self.listed = 0  # folders listed (`add`), not kept from an earlier walk
        self._kept: list[int] = []  # listings of `_source` still true, added as they are by `state`
        self._source: Listings | None = None

    def __len__(self) -> int:
        return len(self.prefixes) + len(self._kept)

    def state(self) -> dict[str, Any]:
        if self._source is not None and self._kept:
            source, kept = self._source, self._kept
            if not self.prefixes and kept == list(range(len(source.prefixes))):  # every one kept, in order
                self.prefixes, self.pages = list(source.prefixes), list(source.pages)
                self.folders, self.stats = list(source.folders), array("q", source.stats)
            else:
                self.prefixes += [source.prefixes[i] for i in kept]
                self.pages += [source.pages[i] for i in kept]
                self.folders += [source.folders[i] for i in kept]
                for i in kept:
                    self.stats.extend(source.stats[3 * i: 3 * i + 3])
            self._kept = []
        return {"prefixes": self.prefixes, "stats": self.stats.tobytes(), "pages": self.pages,
                "folders": self.folders}

    def add(self, prefix: str, st: os.stat_result, pages: str, folders: str) -> None:
        self.listed += 1
        self.prefixes.append(prefix)
        self.stats.extend((st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        self.pages.append(pages)
        self.folders.append(folders)

    def keep(self, source: Listings) -> list[int]:
        """The list to append the positions of `source`'s listings that are still true to."""
        assert self._source is None or self._source is source
        self._source = source
        return self._kept

    def positions(self) -> dict[str, int]:
        return dict(zip(self.prefixes, range(len(self.prefixes)), strict=True))


@dataclass
class Walk:
    """What one walk of a docs folder found (`page_stats`) and warned of: kept by a check that
    found a change, so that the update after it does not walk the folder again; and the listings
    of its folders that a later walk may trust (`folders`, written to the manifest).

    A walk checked against a manifest's listings (`Expected`) may be a delta (`gone` not None):
    then `stats` holds only the pages of the folders not as the manifest has them, `gone` the
    manifest's pages in folders the walk did not enter again, and every other page is the
    manifest's (`manifest`), with the size and time it has for it."""

    stats: dict[str, list[int]] | None = None
    warnings: Warnings | None = None
    folders: Listings | None = None
    gone: list[str] | None = None
    manifest: dict[str, Any] | None = None

    @property
    def scope(self) -> set[str] | None:
        """A delta's pages that may differ from the manifest's (None: the walk has every page)."""
        return None if self.gone is None or self.stats is None else set(self.stats).union(self.gone)


def discover(docs_dir: Path, use_directory_urls: bool, warnings: Warnings, walk: Walk | None = None) -> list[DocsFile]:
    """Every page of `docs_dir` in a stable order, skipping what MkDocs skips (dot files,
    /templates/, a README.md beside an index.md) and any symlink that leads out of the folder.
    From `walk` when it holds a walk of the folder just made (its warnings passed on); else the
    folder is walked, its trustworthy folder listings kept in `walk.folders`."""
    assert walk is None or walk.gone is None, "a delta walk holds only some pages"
    root, stats = walked_pages(docs_dir, warnings, walk)
    return [DocsFile(rel, root, size, mtime_ns, use_directory_urls) for rel, (size, mtime_ns) in sorted(stats.items())]


def walked_pages(docs_dir: Path, warnings: Warnings, walk: Walk | None = None) -> tuple[str, dict[str, list[int]]]:
    """`discover`'s pages as the docs folder's real path and path -> [size, mtime_ns] (walk
    order): for a caller that makes a DocsFile only for the pages it reads."""
    root = str(docs_dir.resolve())
    if walk is not None and walk.stats is not None and walk.warnings is not None:  # a delta's pages, if one
        stats = walk.stats
        for file_name, reason in walk.warnings.items:
            warnings.add(file_name, reason)
    else:
        folders: Listings | None = None
        if walk is not None:
            folders = walk.folders = Listings()
        stats = page_stats(docs_dir, warnings, listings=folders)
    return root, stats


def page_stats(docs_dir: Path, warnings: Warnings, known: Listings | None = None,
               listings: Listings | None = None, expected: Expected | None = None) -> dict[str, list[int]]:
    """The pages `discover` finds, each as its path -> [size, mtime_ns] (the form the manifest
    keeps them in), in walk order, with the same warnings: what tells that nothing changed
    without making an object per page. One `scandir` per folder and one `stat` per page, as
    `git status` does.

    `known`: folder listings an earlier walk recorded (its `listings`). A folder whose own stat
    (mtime, ctime, inode) is still the recorded one has the entries it had then, so it is not
    listed again: only its pages are `stat`ed (git's untracked cache). `listings` is filled with
    the listings of this walk that a later one may trust: folders reached without a symlink,
    holding no symlink, warned about nothing, and last changed well before the walk began.

    `expected` (with `known`): while every folder and page is as it expects, nothing is built;
    when all is (`expected.held`), the result is empty and the warnings are the README rule's.
    When the listings cover every page of the index (`expected.covers`, given `listings`), the
    result is a delta (`expected.gone` set): the pages of the folders not as expected, each
    folder's whole, and `expected.gone` the pages of known listings the walk did not enter. Else
    the result is the walk's as above (the pages of the folders found as expected before the
    first difference come first)."""
    root = str(docs_dir.resolve())
    cutoff = time.time_ns() - RACY_NS
    with collector_paused():  # a list per page, no cycles: a full collection would walk the manifest too
        found = _scan(root, warnings, known, listings, cutoff, expected)
    skipped: list[str] = []  # READMEs of folders found as expected, which the README rule skips
    if expected is not None and expected.active:
        assert known is not None
        skipped = [rel for rel, _ in expected.readmes]
        if not expected.missed and expected.count == expected.pages:
            expected.held = True
        elif expected.missed and listings is not None:
            entered = set(listings.keep(known))
            expected.gone = [known.prefixes[i] + name for i in range(len(known.prefixes)) if i not in entered
                             for name in (known.pages[i].split("\0") if known.pages[i] else ())]
        else:
            expected.give_up(known, found)
            skipped = []
    # a README beside an index page loses its URL to it (MkDocs): rare, so looked for by name first
    readmes = [rel for rel in found if "README" in rel and posixpath.basename(posixpath.splitext(rel)[0]) == "README"]
    for rel in readmes:
        siblings = [posixpath.join(posixpath.dirname(rel), "index" + e) for e in MARKDOWN_EXTENSIONS]
        if any(s in found for s in siblings):
            skipped.append(rel)
            del found[rel]
    for rel in sorted(skipped):
        warnings.add(Path(root, rel), README_SKIPPED)
    return found


README_SKIPPED = "skipped: index.md of the same folder takes its URL"


class Expected:
    """What a no-change check expects a walk to find, so that it need not build what the walk
    returns when all is as expected: for listing i of the walk's `known`, the [size, mtime_ns] of
    its pages in name order (a README the README rule skips left out), flat in `values` from
    `starts[i]` to `ends[i]` (`starts[i]` -1 when the listing cannot be told unchanged this way),
    and how many pages there are in all. After the walk, `held` says that every folder on the way
    was listed and unchanged, and every page had its expected size and time.

    `covers`: every page of the index is in one of the listings (each listing's pages that the
    index has, counted when the manifest was written, add up to all of them). Then a folder not
    as expected does not end the expecting: the walk's result is the delta (`page_stats`)."""

    def __init__(self, state: dict[str, Any], pages: int) -> None:
        self.values: list[int] = array("q", state["values"]).tolist()
        self.starts: list[int] = array("q", state["starts"]).tolist()
        self.ends: list[int] = array("q", state["ends"]).tolist()
        self.covers: bool = state.get("covers", False)
        self.pages = pages
        self.active = True  # the pages of folders as expected are not in the walk's result
        self.missed = False  # a folder not as expected (its pages are in the walk's result)
        self.gone: list[str] | None = None  # a delta's pages of listings not entered (`page_stats`)
        self.held = False
        self.count = 0  # pages found as expected (the README rule's left out)
        self.verified: list[int] = []  # the listings found as expected
        self.readmes: list[tuple[str, list[int]]] = []  # their READMEs the rule skips, with their stat

    @staticmethod
    def state(expectations: Iterable[Sequence[int] | None], covers: bool = False) -> dict[str, Any]:
        """The form the manifest keeps, of each listing's flat [size, mtime_ns, ...] or None."""
        values, starts, ends = array("q"), array("q"), array("q")
        for flat in expectations:
            starts.append(-1 if flat is None else len(values))
            if flat is not None:
                values.extend(flat)
            ends.append(len(values))
        return {"values": values.tobytes(), "starts": starts.tobytes(), "ends": ends.tobytes(), "covers": covers}

    def miss(self, known: Listings, found: dict[str, list[int]]) -> None:
        """A folder is not as expected: its pages go into the walk's result. With `covers`, the
        folders after it are still expected (a delta); else expecting ends here (`give_up`)."""
        if self.covers:
            self.missed = True
        else:
            self.give_up(known, found)

    def give_up(self, known: Listings, found: dict[str, list[int]]) -> None:
        """Something is not as expected: the pages of the folders found as expected so far go into
        the walk's result (`found`), which the walk goes on building as it would have."""
        if not self.active:
            return
        self.active = False
        values = self.values
        for i in self.verified:
            prefix, joined = known.prefixes[i], known.pages[i]
            names = joined.split("\0") if joined else []
            readmes = readmes_skipped(names) if "README" in joined else set()
            j = self.starts[i]
            for name in names:
                if name not in readmes:
                    found[prefix + name] = [values[j], values[j + 1]]
                    j += 2
        found.update(self.readmes)


def readmes_skipped(names: list[str]) -> set[str]:
    """Of a folder's page names, the READMEs an index page beside them takes the URL of (as
    `page_stats` finds them)."""
    return {name for name in names if posixpath.splitext(name)[0] == "README"
            and any("index" + e in names for e in MARKDOWN_EXTENSIONS)}


_name = operator.attrgetter("name")


def _scan(root: str, warnings: Warnings, known: Listings | None = None, listings: Listings | None = None,
          cutoff: int = 0, expected: Expected | None = None) -> dict[str, list[int]]:
    """path relative to root -> [size, mtime_ns] of every Markdown file under root; symlinks are
    followed only while they stay inside root, and every real folder is walked once (so a symlink
    loop ends). Folders are walked depth first, each in name order, so that warnings come in the
    same order every time; a plain folder or file costs no more than its entry and its stat. A
    folder `known` still lists (see `page_stats`) gives the same pages and subfolders, in the same
    order, as listing it would. While all is as `expected` has it, nothing is added to the result."""
    found: dict[str, list[int]] = {}
    seen_dirs = {root}
    stack = [(root, "", False)]  # folder, its path relative to root, whether reached through a symlink
    stat, isreg = os.lstat, S_ISREG
    recording = known is not None or listings is not None
    at, kstats = (known.positions(), known.stats) if known is not None else ({}, array("q"))
    kpages, kfolders = (known.pages, known.folders) if known is not None else ([], [])
    kept = listings.keep(known) if listings is not None and known is not None else []

    def stat_listed(base: str, names: list[str]) -> list[os.stat_result] | None:
        """The stats of a listed folder's pages; None when one is gone or no plain file now."""
        out = []
        for name in names:
            try:
                st = stat(base + name)
            except OSError:
                return None
            if not isreg(st.st_mode):
                return None
            out.append(st)
        return out

    def enter_listed(i: int, base: str, prefix: str) -> None:
        """Go on into the subfolders listing i has, and keep the listing for the next walk."""
        subfolders = kfolders[i]
        for name in subfolders.split("\0") if subfolders else ():
            path = base + name
            if path not in seen_dirs:
                seen_dirs.add(path)
                stack.append((path, prefix + name + "/", False))
        kept.append(i)

    while stack:
        folder, prefix, linked = stack.pop()
        own = None  # the folder's own stat, when its listing may be recorded or reused
        if recording and not linked:
            try:
                own = stat(folder)
            except OSError:
                own = None
        if own is not None and (i := at.get(prefix)) is not None and kstats[3 * i] == own.st_mtime_ns \
                and kstats[3 * i + 1] == own.st_ctime_ns and kstats[3 * i + 2] == own.st_ino:
            # the folder has the entries it had: its pages are only `stat`ed, its subfolders taken as listed
            base = folder if folder.endswith("/") else folder + "/"
            names = kpages[i].split("\0") if kpages[i] else []
            listed: list[os.stat_result] | bool | None = False  # not stat'ed yet
            if expected is not None and expected.active:
                # as expected while every page has the size and time the index has for it
                j = expected.starts[i]
                readmes = readmes_skipped(names) if "README" in kpages[i] else None
                if j >= 0 and expected.ends[i] - j == 2 * (len(names) - len(readmes or ())) \
                        and (listed := stat_listed(base, names)) is not None:
                    values, skipped = expected.values, []
                    for name, st in zip(names, listed, strict=True):
                        if readmes and name in readmes:
                            skipped.append((prefix + name, [st.st_size, st.st_mtime_ns]))
                        elif st.st_size != values[j] or st.st_mtime_ns != values[j + 1]:
                            break
                        else:
                            j += 2
                    else:
                        expected.count += (j - expected.starts[i]) // 2
                        expected.verified.append(i)
                        expected.readmes += skipped
                        enter_listed(i, base, prefix)
                        continue
                assert known is not None
                expected.miss(known, found)
            if listed is False:
                listed = stat_listed(base, names)
            if isinstance(listed, list):
                for name, st in zip(names, listed, strict=True):
                    found[prefix + name] = [st.st_size, st.st_mtime_ns]
                enter_listed(i, base, prefix)
                continue
            # a page is not as listed (gone, or no longer a plain file): the folder is listed again
        elif expected is not None and expected.active:
            assert known is not None
            expected.miss(known, found)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=_name)
        except OSError as exc:
            warnings.add(folder, f"folder skipped: {exc.strerror or exc}")
            continue
        warned = len(warnings)
        page_names: list[str] = []
        folder_names: list[str] = []
        plain = True  # no symlink among its entries
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
                        page_names.append(name)
                    continue
                symlink = not entry.is_dir(follow_symlinks=False) and entry.is_symlink()
                plain = plain and not symlink
                if symlink and (refused := _symlink_refused(Path(entry.path), Path(root))):
                    warnings.add(entry.path, refused)
                    continue
                if entry.is_dir():
                    folder_names.append(name)
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
        if listings is not None and own is not None and plain and len(warnings) == warned \
                and own.st_mtime_ns < cutoff:
            listings.add(prefix, own, "\0".join(page_names), "\0".join(folder_names))
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


BINARY = "skipped: binary file, not Markdown text"


def is_binary(path: Path) -> bool:
    """Whether the file is binary as `decode_text` tells it (a NUL byte in its start); False when
    it cannot be read (that may change without its size or time changing)."""
    try:
        with open(path, "rb") as fh:
            return _binary(fh.read(BINARY_SNIFF_BYTES))
    except OSError:
        return False


def _binary(data: bytes) -> bool:
    """A NUL byte in the file's start: binary, whatever its name says."""
    return b"\x00" in data[:BINARY_SNIFF_BYTES]


def decode_text(data: bytes, path: Path | str, warnings: Warnings) -> str | None:
    if len(data) > MAX_PAGE_BYTES:
        warnings.add(path, f"larger than {MAX_PAGE_BYTES // 1024 // 1024} MiB: only its start is indexed")
        data = data[:MAX_PAGE_BYTES]
    if _binary(data):
        warnings.add(path, BINARY)
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


def text_digest(text: str) -> str:
    """What identifies a page's content: unchanged digest, nothing to parse again."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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

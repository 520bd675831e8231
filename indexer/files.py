"""Finding the Markdown pages of a docs folder and reading them safely, as MkDocs would serve them."""

from __future__ import annotations

import os
import posixpath
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from indexer.warnings import Warnings

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
MAX_PAGE_BYTES = 4 * 1024 * 1024  # larger pages are cut here: a knowledge base page is never this big
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class DocsFile:
    """One Markdown page: its path relative to docs_dir (POSIX) and its page URL on the site."""

    src_path: str
    abs_path: Path
    url: str


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


def discover(docs_dir: Path, use_directory_urls: bool, warnings: Warnings) -> list[DocsFile]:
    """Every page of `docs_dir` in a stable order, skipping what MkDocs skips (dot files,
    /templates/, a README.md beside an index.md) and any symlink that leads out of the folder."""
    docs_dir = docs_dir.resolve()
    found: dict[str, DocsFile] = {}
    for rel, abs_path in _walk(docs_dir, warnings):
        if not rel.lower().endswith(MARKDOWN_EXTENSIONS):
            continue
        found[rel] = DocsFile(rel, abs_path, page_url(rel, use_directory_urls))
    pages = []
    for rel, file in sorted(found.items()):
        stem, _ = posixpath.splitext(rel)
        if posixpath.basename(stem) == "README":
            siblings = [posixpath.join(posixpath.dirname(rel), "index" + e) for e in MARKDOWN_EXTENSIONS]
            if any(s in found for s in siblings):
                warnings.add(file.abs_path, "skipped: index.md of the same folder takes its URL")
                continue
        pages.append(file)
    return pages


def _walk(docs_dir: Path, warnings: Warnings) -> Iterator[tuple[str, Path]]:
    seen_dirs = {docs_dir}
    stack = [docs_dir]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            warnings.add(folder, f"folder skipped: {exc.strerror or exc}")
            continue
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(docs_dir).as_posix()
            if entry.name.startswith(".") or rel == "templates":
                continue
            if entry.is_symlink() and not is_inside(path, docs_dir):
                warnings.add(path, "skipped: symlink leads outside the docs folder")
                continue
            try:
                if entry.is_dir():
                    real = path.resolve()
                    if real not in seen_dirs:  # a symlink loop is walked once
                        seen_dirs.add(real)
                        stack.append(path)
                elif entry.is_file():
                    yield rel, path
            except OSError as exc:
                warnings.add(path, f"skipped: {exc.strerror or exc}")


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

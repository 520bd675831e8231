"""Source-level preprocessors, run before parsing as Python-Markdown runs them:
`--8<--` snippet includes (pymdownx.snippets) and `*[ABBR]: definition` lines (abbr)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.files import MAX_PAGE_BYTES, decode_text, is_inside
from indexer.warnings import Warnings

_SINGLE = re.compile(r"^(?P<indent>[ \t]*)(?P<escape>;*)--8<--[ \t]+(?P<q>[\"']?)(?P<name>.+?)(?P=q)[ \t]*$")
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)--8<--[ \t]*$")
_RANGE = re.compile(r"^(?P<name>.+?)(?::(?P<start>-?\d*)(?::(?P<end>-?\d*))?)?$")
_ABBR = re.compile(r"^\*\[(?P<abbr>[^\]\n]+)\]:[ \t]*(?P<title>.*)$", re.MULTILINE)
MAX_INCLUDE_DEPTH = 4


@dataclass
class Snippets:
    """Resolves `--8<--` includes as pymdownx.snippets does with the site's settings — looked up in
    each of `bases` (relative to `root`, the MkDocs project folder) in turn — but inside `root`
    only, and never in a hidden file or folder."""

    root: Path
    page: str  # for warnings: the page being read
    warnings: Warnings
    bases: tuple[str, ...] = (".",)
    check_paths: bool = False  # the site's build fails on a missing include
    included: set[str] = field(default_factory=set)  # files read or missing, relative to root (for updates)

    def expand(self, text: str, depth: int = 0, stack: tuple[Path, ...] = ()) -> str:
        if "--8<--" not in text:
            return text
        out: list[str] = []
        lines = text.split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            block = _BLOCK.match(line)
            single = None if block else _SINGLE.match(line)
            if block:  # --8<-- / file / file / --8<--
                j = i + 1
                names = []
                while j < len(lines) and not _BLOCK.match(lines[j]):
                    if lines[j].strip() and not lines[j].strip().startswith(";"):
                        names.append(lines[j].strip())
                    j += 1
                if j == len(lines):  # never closed: leave the text alone
                    out.append(line)
                    i += 1
                    continue
                for name in names:
                    out.extend(self._include(name, block.group("indent"), depth, stack))
                i = j + 1
                continue
            if single and not single.group("escape"):
                out.extend(self._include(single.group("name"), single.group("indent"), depth, stack))
            elif single:
                out.append(line.replace(";--8<--", "--8<--", 1))
            else:
                out.append(line)
            i += 1
        return "\n".join(out)

    def _include(self, spec: str, indent: str, depth: int, stack: tuple[Path, ...]) -> list[str]:
        m = _RANGE.match(spec.strip())
        name = m.group("name") if m else spec
        if depth >= MAX_INCLUDE_DEPTH:
            self.warnings.add(self.page, f"include {spec!r} refused: nested more than {MAX_INCLUDE_DEPTH} deep")
            return []
        if "://" in name:
            self.warnings.add(self.page, f"include {spec!r} refused: URLs are not fetched")
            return []
        candidate = Path(name)
        if candidate.is_absolute() or ".." in candidate.parts:
            self.warnings.add(self.page, f"include {spec!r} refused: outside the docs project folder")
            return []
        paths = [self.root / base / candidate for base in self.bases]
        inside = [p for p in paths if is_inside(p, self.root)]
        if not inside:
            self.warnings.add(self.page, f"include {spec!r} refused: outside the docs project folder")
            return []
        path = next((p for p in inside if p.is_file()), None)
        if path is None:
            fails = "; the site's build fails on it (check_paths)" if self.check_paths else ""
            self.warnings.add(self.page, f"include {spec!r} not found in {', '.join(self.bases)}{fails}")
            for p in inside:  # watched all the same: the page changes when it appears
                self.included.add(p.resolve().relative_to(self.root.resolve()).as_posix())
            return []
        real = path.resolve()
        if any(part.startswith(".") for part in real.relative_to(self.root.resolve()).parts):
            # `.env`, `.git/config`, a hidden folder: secrets, never published by MkDocs either
            self.warnings.add(self.page, f"include {spec!r} refused: a hidden file or folder")
            return []
        if real in stack:
            self.warnings.add(self.page, f"include {spec!r} refused: it includes itself")
            return []
        try:
            with open(real, "rb") as fh:  # no further than the limit: a 1 GiB include is not read whole
                data = fh.read(MAX_PAGE_BYTES + 1)
        except OSError as exc:
            self.warnings.add(self.page, f"include {spec!r} unreadable: {exc.strerror or exc}")
            return []
        self.included.add(real.relative_to(self.root.resolve()).as_posix())
        text = decode_text(data, f"{self.page} (include {spec})", self.warnings)
        if text is None:
            return []
        lines = text.split("\n")
        if m and (m.group("start") or m.group("end")):
            start = int(m.group("start") or 1)
            end = int(m.group("end") or len(lines))
            lines = lines[max(start - 1, 0) : end]
        body = self.expand("\n".join(lines), depth + 1, (*stack, real))
        return [indent + ln if ln else ln for ln in body.split("\n")]


def extract_abbreviations(text: str) -> tuple[str, dict[str, str]]:
    """Remove `*[ABBR]: definition` lines; return the text and the definitions."""
    if "*[" not in text:
        return text, {}
    found = {m.group("abbr").strip(): m.group("title").strip() for m in _ABBR.finditer(text)}
    return _ABBR.sub("", text), found


_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_TAIL_TO_RAW = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);|<!--.*?-->")
_LINE_COMMENT = re.compile(r"^(?P<comment> {0,3}<!--.*?-->)[ \t]*(?P<rest>\S.*)$")


def split_line_comments(text: str) -> tuple[str, set[int]]:
    """Python-Markdown's raw HTML extractor takes a comment that starts a line as a block of its own and
    starts a new paragraph with the text after it on that line (`<!-- md:x --> Title` over `---` is a
    heading "Title" after the comment); markdown-it would keep the whole line as the HTML block. Fenced
    code is left alone, as superfences stashes it first. Also returns the numbers of the lines moved
    so: they did not start a line of the page, so HTML there is inline (see syntax/html.py)."""
    if "<!--" not in text:
        return text, set()
    moved: set[int] = set()
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
        elif m := _FENCE.match(line):
            fence = m.group("fence")
        elif m := _LINE_COMMENT.match(line):
            # the rest of the line is the comment block's "tail": entities and comments in it join the
            # raw block (they leave the text, which is what decides a heading's title and id)
            rest = _TAIL_TO_RAW.sub("", m.group("rest")).strip()
            out.extend([m.group("comment"), ""])
            moved.add(len(out))
            out.append(rest or "<!-- -->")  # a line of the paragraph still, with no text
            continue
        out.append(line)
    return "\n".join(out), moved

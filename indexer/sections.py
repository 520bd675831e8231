"""Sections exactly as Material's search plugin cuts a page: one per heading, with the site's anchors."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from indexer.content import CODE, DEL, EM, KBD, LINK, MARK, STRONG, TEXT, Block, Span, blocks_text
from indexer.records import SectionRecord
from indexer.slugs import HeadingIds, slugify

_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[.#][^{}\n]*|data-[^{}\n]*)\}")
_TAG = re.compile(r"<[^>]*>")
_ABBR_TAG = re.compile(r'<abbr\b[^>]*\btitle\s*=\s*(["\'])(?P<title>.*?)\1[^>]*>(?P<abbr>.*?)</abbr>', re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<(script|style|object)\b.*?</\1\s*>", re.S | re.I)
_VOID_ONLY = re.compile(r"^\s*(<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b[^>]*>\s*)+$", re.I)
_MARKDOWN_ATTR = re.compile(r"<[a-z][^>]*\bmarkdown(?:=[\"']?1?[\"']?)?[\s>/]", re.I)
_STYLES = {"strong_open": STRONG, "em_open": EM, "s_open": DEL, "mark_open": MARK}
_CLOSES = {"strong_close", "em_close", "s_close", "mark_close"}
# Block tokens that start content: before the first heading they make Material's untitled top entry.
_CONTENT_STARTS = {
    "paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "table_open",
    "admonition_open", "tab_open", "fence", "code_block", "dl_open", "html_block",
}


@dataclass
class Section:
    """One entry of the search index: a heading and the content up to the next heading.

    `location` is what the site writes: the page URL, plus `#` and the heading id except for the
    page's own entry. `level` is the heading level, 0 for an untitled top entry."""

    location: str
    title: str
    level: int
    breadcrumb: list[str]
    blocks: list[Block] = field(default_factory=list)
    excluded: bool = False

    @property
    def text(self) -> str:
        return blocks_text(self.blocks)

    def to_dict(self) -> SectionRecord:
        return {"location": self.location, "title": self.title, "level": self.level,
                "breadcrumb": self.breadcrumb, "blocks": self.blocks}


class SectionParser:
    """Turns one page's token stream into sections and its structured blocks.

    Follows Material's parser: the first heading, when it is an h1 with nothing before it, is the
    page entry (no anchor); content before the first heading, or a first heading below h1, gets an
    untitled top entry titled with `page_title`. Footnotes are appended to the sections that cite
    them; abbreviations met in `<abbr>` tags are collected in `abbreviations`."""

    def __init__(self, page_url: str, page_title: str, crumbs: Sequence[str],
                 resolve_link: Callable[[str], str], reparse: Callable[[str], list[Token]] | None = None) -> None:
        self.page_url = page_url
        self.page_title = page_title
        self.crumbs = list(crumbs)
        self.resolve_link = resolve_link
        self.reparse = reparse
        self.abbreviations: dict[str, str] = {}
        self.first_h1: str | None = None

    def parse(self, tokens: list[Token]) -> list[Section]:
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.headings: list[tuple[int, str]] = []
        self.quote = 0
        self.lists: list[list[Any]] = []  # [ordered, next number]
        self.pending_marker: str | None = None
        self.table: Block | None = None
        self.row: list[str] | None = None
        self.in_thead = False
        self.dt = False
        self.in_title = False
        self.cited: dict[int, list[str]] = {}
        ids = HeadingIds({str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id")})
        notes = self._footnotes(tokens)
        self._walk(tokens, ids)
        for number, section in enumerate(self.sections):
            for label in self.cited.get(number, []):
                if label in notes:
                    section.blocks.append(_paragraph([[TEXT, f"[{label}] {notes[label]}"]], self.quote, 0))
        return [s for s in self.sections if not s.excluded]

    # -- the walk ---------------------------------------------------------------------------

    def _walk(self, tokens: list[Token], ids: HeadingIds, depth: int = 0) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "footnote_block_open":
                while i < len(tokens) and tokens[i].type != "footnote_block_close":
                    i += 1
            elif kind == "heading_open":
                self._heading(tok, tokens[i + 1], ids)
                i += 2  # the inline and heading_close
            else:
                if kind in _CONTENT_STARTS and self.section is None and not _is_invisible(tok):
                    self._open_top_entry()
                self._content(tok, ids, depth)
            i += 1

    def _heading(self, tok: Token, inline: Token, ids: HeadingIds) -> None:
        level = int(tok.tag[1])
        spans = self._spans(inline.children or [])
        title = " ".join("".join(s[1] for s in spans).split())
        anchor = str(tok.attrGet("id") or ids.unique(slugify(title)))
        if level == 1 and self.first_h1 is None:
            self.first_h1 = title
        excluded = tok.attrGet("data-search-exclude") is not None
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        ancestors = [t for lvl, t in self.headings if lvl > 1]
        if not self.sections and level == 1:
            section = Section(self.page_url, title, 1, list(self.crumbs), excluded=excluded)
        else:
            if not self.sections:
                self._open_top_entry()
            crumbs = [*self.crumbs, self.page_title, *ancestors]
            section = Section(f"{self.page_url}#{anchor}", title, level, _dedupe(crumbs, title), excluded=excluded)
        self.headings.append((level, title))
        self.sections.append(section)
        self.section = section

    def _open_top_entry(self) -> None:
        self.section = Section(self.page_url, self.page_title, 0, list(self.crumbs))
        self.sections.append(self.section)

    def _content(self, tok: Token, ids: HeadingIds, depth: int) -> None:
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start")
            self.lists.append([kind == "ordered_list_open", int(start) if start else 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            ordered, number = self.lists[-1] if self.lists else (False, 1)
            self.pending_marker = f"{number}." if ordered else "-"
            if self.lists:
                self.lists[-1][1] += 1
        elif kind == "list_item_close":
            self.pending_marker = None
        elif kind in ("admonition_open", "tab_open", "blockquote_open"):
            self.quote += 1
            if kind == "tab_open":
                self._add(_block("title", [[STRONG, tok.meta["title"]]], self.quote, self._indent()))
        elif kind in ("admonition_close", "tab_close", "blockquote_close"):
            self.quote = max(0, self.quote - 1)
        elif kind == "admonition_title_open":
            self.in_title = True
        elif kind == "admonition_title_close":
            self.in_title = False
        elif kind == "dt_open":
            self.dt = True
        elif kind == "dt_close":
            self.dt = False
        elif kind == "table_open":
            self.table = {"kind": "table", "header": [], "rows": [], "quote": self.quote, "indent": self._indent()}
        elif kind == "thead_open":
            self.in_thead = True
        elif kind == "thead_close":
            self.in_thead = False
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.table is not None and self.row is not None:
            if self.in_thead:
                self.table["header"] = self.row
            else:
                self.table["rows"].append(self.row)
            self.row = None
        elif kind == "table_close" and self.table is not None:
            self._add(self.table)
            self.table = None
        elif kind in ("fence", "code_block"):
            lang = tok.info.split()[0] if tok.info.strip() else ""
            code = tok.content.rstrip("\n")
            if code:
                self._add({"kind": "code", "text": code, "lang": lang, "quote": self.quote, "indent": self._indent()})
        elif kind == "html_block":
            self._html_block(tok.content, ids, depth)
        elif kind == "inline":
            self._inline(tok)

    def _inline(self, tok: Token) -> None:
        spans = self._spans(tok.children or [])
        if self.row is not None:
            self.row.append(" ".join("".join(s[1] for s in spans).split()))
            return
        if not "".join(s[1] for s in spans).strip():
            if self.pending_marker:
                self.pending_marker = None
            return
        if self.dt:
            spans = [[STRONG, "".join(s[1] for s in spans)]]
        if self.pending_marker is not None:
            block = _block("item", spans, self.quote, self._indent() - 1)
            block["marker"] = self.pending_marker
            self.pending_marker = None
        elif self.in_title:
            block = _block("title", spans, self.quote, self._indent())
        else:
            block = _paragraph(spans, self.quote, self._indent())
        self._add(block)

    def _html_block(self, content: str, ids: HeadingIds, depth: int) -> None:
        content = _SCRIPT.sub("", _COMMENT.sub("", content))
        for m in _ABBR_TAG.finditer(content):
            self.abbreviations[_TAG.sub("", m.group("abbr")).strip()] = html.unescape(m.group("title"))
        if _MARKDOWN_ATTR.search(content) and self.reparse is not None and depth < 3:
            inner = _TAG.sub("\n", content)
            if inner.strip():
                self._walk(self.reparse(inner), ids, depth + 1)
            return
        text = " ".join(html.unescape(_TAG.sub(" ", content)).split())
        if text:
            self._add(_paragraph([[TEXT, text]], self.quote, self._indent()))

    def _add(self, block: Block) -> None:
        if self.section is None:
            self._open_top_entry()
        assert self.section is not None
        self.section.blocks.append(block)

    def _indent(self) -> int:
        return len(self.lists)

    # -- inline -----------------------------------------------------------------------------

    def _spans(self, children: list[Token]) -> list[Span]:
        spans: list[Span] = []
        styles: list[str] = []
        link: list[Any] | None = None  # [href, text parts]
        abbr: list[str] | None = None  # [title, text so far]
        runs: dict[int, list[str]] = {}  # the text of spans being extended, joined once (a 4 MB paragraph)
        for tok in children:
            kind = tok.type
            text = None
            if kind == "text":
                text = _ATTR_LIST.sub("", tok.content)
            elif kind in ("softbreak",):
                text = " "
            elif kind == "hardbreak":
                text = "\n"
            elif kind == "code_inline":
                spans.append([CODE, tok.content]) if link is None else link[1].append(tok.content)
            elif kind in _STYLES:
                styles.append(_STYLES[kind])
            elif kind in _CLOSES:
                if styles:
                    styles.pop()
            elif kind == "link_open":
                link = [self.resolve_link(str(tok.attrGet("href") or "")), []]
            elif kind == "link_close" and link is not None:
                label = "".join(link[1]).strip()
                if label:
                    spans.append([LINK, label, link[0]])
                link = None
            elif kind == "icon":
                text = tok.content
            elif kind == "kbd":
                spans.append([KBD, tok.content]) if link is None else link[1].append(tok.content)
            elif kind == "html_inline":
                tag = tok.content
                if re.match(r"<br\s*/?>", tag, re.I):
                    text = "\n"
                elif m := re.match(r'<abbr\b[^>]*\btitle\s*=\s*(["\'])(.*?)\1', tag, re.I):
                    abbr = [html.unescape(m.group(2)), ""]
                elif tag.lower().startswith("</abbr") and abbr is not None:
                    if abbr[1].strip():
                        self.abbreviations[abbr[1].strip()] = abbr[0]
                    abbr = None
            elif kind == "footnote_ref" and self.section is not None:
                self.cited.setdefault(len(self.sections) - 1, []).append(str(tok.meta.get("label", "")))
            elif kind == "image":
                continue
            if text:
                if abbr is not None:
                    abbr[1] += text
                if link is not None:
                    link[1].append(text)
                else:
                    style = styles[-1] if styles else TEXT
                    if spans and spans[-1][0] == style and style != LINK:
                        runs.setdefault(len(spans) - 1, [spans[-1][1]]).append(text)
                    else:
                        spans.append([style, text])
        for i, parts in runs.items():
            spans[i][1] = "".join(parts)
        return spans

    def _footnotes(self, tokens: list[Token]) -> dict[str, str]:
        notes: dict[str, str] = {}
        label = None
        for tok in tokens:
            if tok.type == "footnote_open":
                label = str(tok.meta.get("label", ""))
                notes[label] = ""
            elif tok.type == "footnote_close":
                label = None
            elif tok.type == "inline" and label is not None:
                text = "".join(s[1] for s in self._spans(tok.children or []))
                notes[label] = (notes[label] + " " + text).strip()
        return notes


def _block(kind: str, spans: list[Span], quote: int, indent: int) -> Block:
    return {"kind": kind, "spans": spans, "quote": quote, "indent": max(indent, 0)}


def _paragraph(spans: list[Span], quote: int, indent: int) -> Block:
    return _block("paragraph", spans, quote, indent)


def _is_invisible(tok: Token) -> bool:
    """An HTML block holding only comments or void tags (an `<img>`) adds no preface."""
    if tok.type != "html_block":
        return False
    content = _COMMENT.sub("", tok.content).strip()
    return not content or bool(_VOID_ONLY.match(content))


def _dedupe(crumbs: list[str], own_title: str) -> list[str]:
    out: list[str] = []
    for c in crumbs:
        if c and (not out or out[-1] != c):
            out.append(c)
    if out and out[-1] == own_title:
        out.pop()
    return out

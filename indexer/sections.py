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

_LEADING_ATTR_LIST = re.compile(r"^\{:?[ \t]*(?:[.#]|[\w-]+=|data-)[^{}\n]*\}")
_ATTR_LIST_TAKERS = {"link_close", "em_close", "strong_close", "s_close", "mark_close", "code_inline", "image",
                     "icon", "kbd"}
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[.#][^{}\n]*|data-[^{}\n]*)\}")
_TAG = re.compile(r"<[^>]*>")
_ABBR_TAG = re.compile(r'<abbr\b[^>]*\btitle\s*=\s*(["\'])(?P<title>.*?)\1[^>]*>(?P<abbr>.*?)</abbr>', re.S | re.I)
_RAW_HEADING = re.compile(r"<h([1-6])(?P<attrs>(?:\s[^>]*)?)>(?P<inner>.*?)</h\1\s*>", re.S | re.I)
_RAW_HEADING_OPEN = re.compile(r"<h([1-6])(?P<attrs>(?:\s[^>]*)?)>", re.I)
_ID_ATTR = re.compile(r"""(?:^|\s)id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_OPEN_TAG = re.compile(r"<(?!h[1-6]\b)[a-zA-Z][^>]*(?<!/)>", re.I)  # a heading holds no section of its own
_VOID_TAG = re.compile(r"<(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)\b[^>]*(?<!/)>", re.I)
_CLOSE_TAG = re.compile(r"</(?!h[1-6]\b)[a-zA-Z][^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<(script|style|object)\b.*?</\1\s*>", re.S | re.I)
_VOID_ONLY = re.compile(r"^\s*(<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b[^>]*>\s*)+$", re.I)
_MARKDOWN_ATTR = re.compile(r"<[a-z][^>]*\bmarkdown(?:=[\"']?1?[\"']?)?[\s>/]", re.I)
_LIST_TOKENS = {"bullet_list_open", "ordered_list_open", "bullet_list_close", "ordered_list_close",
                "list_item_open", "list_item_close"}
_CONTAINER_TOKENS = {"admonition_open", "tab_open", "blockquote_open", "admonition_close", "tab_close",
                     "blockquote_close", "admonition_title_open", "admonition_title_close", "dt_open", "dt_close"}
_TABLE_TOKENS = {"table_open", "thead_open", "thead_close", "tr_open", "tr_close", "table_close"}
_STYLES = {"strong_open": STRONG, "em_open": EM, "s_open": DEL, "mark_open": MARK}
_CLOSES = {"strong_close", "em_close", "s_close", "mark_close"}
# Block tokens `_content` reads
_CONTENT_TOKENS = _LIST_TOKENS | _CONTAINER_TOKENS | _TABLE_TOKENS | {"fence", "code_block", "html_block", "inline"}
# Block tokens that start content: before the first heading they make Material's untitled top entry.
_CONTENT_STARTS = {
    "paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "table_open",
    "admonition_open", "tab_open", "fence", "code_block", "dl_open", "html_block", "hr",
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
                 resolve_link: Callable[[str], str], reparse: Callable[[str], list[Token]] | None = None,
                 footnote_labels: Sequence[str] = ()) -> None:
        self.page_url = page_url
        self.page_title = page_title
        self.crumbs = list(crumbs)
        self.resolve_link = resolve_link
        self.reparse = reparse
        # Python-Markdown numbers footnotes in the order they are defined; the page's definitions
        # also put a footnote list at its end (content, even on a page with nothing else)
        self.footnote_numbers = {label: str(n) for n, label in enumerate(footnote_labels, 1)}
        self.abbreviations: dict[str, str] = {}

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
        self.current = MaterialCurrentSection()
        self.html_depth = 0  # HTML elements open around the blocks being read
        ids = HeadingIds({str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id")})
        notes = self._footnotes(tokens)
        self._walk(tokens, ids)
        if self.footnote_numbers and not self.sections:
            self._open_top_entry()
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
                # Material opens its untitled top entry at the first character data: an HTML block
                # of comments or void tags (`<img>`) has none, but the line break after it has
                if kind in _CONTENT_STARTS and self.section is None and (
                        not _is_invisible(tok) or i + 1 < len(tokens)):
                    self._open_top_entry()
                if kind in _CONTENT_TOKENS:  # the others (paragraph_open, th_open…) hold nothing of their own
                    self._content(tok, ids, depth)
            i += 1

    def _heading(self, tok: Token, inline: Token, ids: HeadingIds) -> None:
        level = int(tok.tag[1])
        self._spans(inline.children or [])  # the abbreviations and footnotes it names
        text, slug_text = heading_text(inline.children or [], self.footnote_numbers)
        # Material's search titles a heading without any text (only an icon, an image or a comment)
        # after its page
        title = self.page_title if text is None else " ".join(text.split())
        anchor = str(tok.attrGet("id") or ids.unique(slugify(slug_text)))
        self._open_section(level, title, anchor, excluded=tok.attrGet("data-search-exclude") is not None)
        self.current.collected(self.section, text)

    def _open_section(self, level: int, title: str, anchor: str, excluded: bool = False) -> None:
        """A heading's section: the page entry for a leading h1, else `page#anchor` with its breadcrumb."""
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
        self.current.enter(section, self._depth())

    def _open_top_entry(self) -> None:
        self.section = Section(self.page_url, self.page_title, 0, list(self.crumbs))
        self.sections.append(self.section)
        self.current.enter(self.section, self._depth())

    def _depth(self) -> int:
        """How deep in containers (admonitions, tabs, quotes, HTML elements) the walk is."""
        return self.quote + self.html_depth

    def _content(self, tok: Token, ids: HeadingIds, depth: int) -> None:
        """One block token that is not a heading: the structure it opens or closes, or its content."""
        kind = tok.type
        if kind in _LIST_TOKENS:
            self._list_token(tok)
        elif kind in _CONTAINER_TOKENS:
            self._container_token(tok)
        elif kind in _TABLE_TOKENS:
            self._table_token(tok)
        elif kind in ("fence", "code_block"):
            self._code(tok)
        elif kind == "html_block":
            self._html_block(tok.content, ids, depth)
        elif kind == "inline":
            self._inline(tok)

    def _list_token(self, tok: Token) -> None:
        """Lists: the marker (`-`, `3.`) the next item's first paragraph gets, and the nesting."""
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

    def _container_token(self, tok: Token) -> None:
        """Admonitions, content tabs and quotes (quoted content, a tab's title) and the titles and
        terms inside them (admonition titles, definition terms)."""
        kind = tok.type
        if kind in ("admonition_open", "tab_open", "blockquote_open"):
            self.quote += 1
            if kind == "tab_open":
                self._add(_block("title", [[STRONG, tok.meta["title"]]], self.quote, self._indent()))
        elif kind in ("admonition_close", "tab_close", "blockquote_close"):
            self.quote = max(0, self.quote - 1)
            self.current.leave(self._depth())
        elif kind in ("admonition_title_open", "admonition_title_close"):
            self.in_title = kind == "admonition_title_open"
        elif kind in ("dt_open", "dt_close"):
            self.dt = kind == "dt_open"

    def _table_token(self, tok: Token) -> None:
        """Tables: a header row and body rows of cell texts, added as one block when the table ends."""
        kind = tok.type
        if kind == "table_open":
            self.table = {"kind": "table", "header": [], "rows": [], "quote": self.quote, "indent": self._indent()}
        elif kind in ("thead_open", "thead_close"):
            self.in_thead = kind == "thead_open"
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

    def _code(self, tok: Token) -> None:
        """A code block, with its language, as a code block of the content (not prose)."""
        lang = tok.info.split()[0] if tok.info.strip() else ""
        code = tok.content.rstrip("\n")
        if code:
            self._add({"kind": "code", "text": code, "lang": lang, "quote": self.quote, "indent": self._indent()})

    def _inline(self, tok: Token) -> None:
        children = tok.children or []
        heading = _inline_heading(children) if self.row is None else None
        if heading is None:
            self._inline_children(children)
            return
        # an HTML heading inside a paragraph is still a heading to Material's search parser
        start, end = heading
        opening = _RAW_HEADING_OPEN.match(children[start].content)
        assert opening is not None
        self._inline_children(children[:start])
        self._raw_heading(int(opening.group(1)), opening.group("attrs"),
                          "".join(c.content for c in children[start + 1 : end]))
        self._inline(Token("inline", "", 0, children=children[end + 1 :]))

    def _inline_children(self, children: list[Token]) -> None:
        tags = [c.content for c in children if c.type == "html_inline"]
        if tags:
            self._track_html_depth("".join(tags))
        spans = self._spans(children)
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
        # an element opened here may hold Markdown blocks that follow (md_in_html): headings inside it
        # sit a container deeper until a later block closes it
        opens, closes = _tag_counts(content)
        self.html_depth += opens
        if _MARKDOWN_ATTR.search(content) and self.reparse is not None and depth < 3:
            inner = _TAG.sub("\n", content)
            if inner.strip():
                self._walk(self.reparse(inner), ids, depth + 1)
        else:
            start = 0
            for m in _RAW_HEADING.finditer(content):
                self._html_text(content[start:m.start()])
                self._raw_heading(int(m.group(1)), m.group("attrs"), m.group("inner"))
                start = m.end()
            self._html_text(content[start:])
        if closes:
            self.html_depth = max(0, self.html_depth - closes)
            self.current.leave(self._depth())

    def _track_html_depth(self, tags: str) -> None:
        """An element a paragraph's inline HTML leaves open (a `<div>` after text) holds what follows."""
        if "<" not in tags:
            return
        opens, closes = _tag_counts(tags)
        self.html_depth = max(0, self.html_depth + opens - closes)
        if closes > opens:
            self.current.leave(self._depth())

    def _html_text(self, content: str) -> None:
        text = " ".join(html.unescape(_TAG.sub(" ", content)).split())
        if text:
            self._add(_paragraph([[TEXT, text]], self.quote, self._indent()))

    def _raw_heading(self, level: int, attrs: str, inner: str) -> None:
        """A heading written in HTML, as Material's search parser takes it: with an `id` it starts a
        section (toc never sees it, so its id is used as written); without one, it is no section, and
        its text joins the title of the section whose heading has the same tag (the parser compares
        elements by tag), else the section's text."""
        text = html.unescape(_TAG.sub("", inner))
        id_match = _ID_ATTR.search(attrs)
        if id_match:
            anchor = html.unescape(next(g for g in id_match.groups() if g is not None))
            self._open_section(level, " ".join(text.split()) if text else self.page_title, anchor)
            self.current.collected(self.section, text or None)
        elif text and not self.current.extend_title(level, text):
            self._html_text(inner)

    def _add(self, block: Block) -> None:
        if self.section is None:
            self._open_top_entry()
        assert self.section is not None
        self.section.blocks.append(block)

    def _indent(self) -> int:
        return len(self.lists)

    # -- inline -----------------------------------------------------------------------------

    def _spans(self, children: list[Token]) -> list[Span]:
        """Inline tokens as spans of the content model; on the way, the abbreviations `<abbr>` tags
        define and the footnotes the current section cites."""
        spans = SpanBuilder()
        abbr: list[str] | None = None  # [title, text so far]
        for tok in children:
            kind = tok.type
            text = None
            if kind == "text":
                text = tok.content
                if "{" in text:  # an attribute list has one; most text has none
                    text = _ATTR_LIST.sub("", text)
            elif kind in ("softbreak",):
                text = " "
            elif kind == "hardbreak":
                text = "\n"
            elif kind in ("code_inline", "kbd"):
                spans.atom(CODE if kind == "code_inline" else KBD, tok.content)
            elif kind in _STYLES:
                spans.styles.append(_STYLES[kind])
            elif kind in _CLOSES:
                if spans.styles:
                    spans.styles.pop()
            elif kind == "link_open":
                spans.open_link(self.resolve_link(str(tok.attrGet("href") or "")))
            elif kind == "link_close":
                spans.close_link()
            elif kind == "icon":
                text = tok.content
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
            if text:
                if abbr is not None:
                    abbr[1] += text
                spans.text(text)
        return spans.finish()

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


class SpanBuilder:
    """Inline content as spans: text in the innermost style (runs of one style joined, once, at the
    end: a 4 MB paragraph is not rebuilt per token), code and keys as spans of their own, and a link
    as one span of its text and target."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.styles: list[str] = []
        self.link: list[Any] | None = None  # [href, text parts]
        self.runs: dict[int, list[str]] = {}  # the text of spans being extended

    def text(self, text: str) -> None:
        if self.link is not None:
            self.link[1].append(text)
            return
        style = self.styles[-1] if self.styles else TEXT
        spans = self.spans
        if spans and spans[-1][0] == style and style != LINK:
            self.runs.setdefault(len(spans) - 1, [spans[-1][1]]).append(text)
        else:
            spans.append([style, text])

    def atom(self, kind: str, text: str) -> None:
        """Code or keys: a span of its own, or part of the text of the link it is in."""
        if self.link is None:
            self.spans.append([kind, text])
        else:
            self.link[1].append(text)

    def open_link(self, href: str) -> None:
        self.link = [href, []]

    def close_link(self) -> None:
        if self.link is None:
            return
        label = "".join(self.link[1]).strip()
        if label:
            self.spans.append([LINK, label, self.link[0]])
        self.link = None

    def finish(self) -> list[Span]:
        for i, parts in self.runs.items():
            self.spans[i][1] = "".join(parts)
        return self.spans


class MaterialCurrentSection:
    """The section Material's search parser is "in", which is not always the last one opened: each
    section remembers how deep in containers its heading sits, and leaving a container returns to the
    last section opened outside it (a section once left is never current again). An HTML heading
    without an id adds its text to the title of the current section when their tags match (the parser
    compares elements by tag), so each section's title is kept as the parser collects it."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []  # [section, depth], in the order opened
        self.section: Section | None = None
        self.title_data: dict[int, str | None] = {}  # id(section) -> raw title text (None: no text yet)

    def enter(self, section: Section, depth: int) -> None:
        self.entries.append([section, depth])
        self.section = section

    def leave(self, depth: int) -> None:
        """A container closed; the walk is now `depth` deep."""
        current = next((e for e in reversed(self.entries) if e[0] is self.section), None)
        if current is None or current[1] <= depth:
            return
        for entry in reversed(self.entries):
            if entry[1] <= depth:
                current[1] = float("inf")  # left: never current again
                self.section = entry[0]
                return

    def collected(self, section: Section | None, text: str | None) -> None:
        """The text the parser collected for `section`'s heading (None: none at all)."""
        self.title_data[id(section)] = text

    def extend_title(self, level: int, text: str) -> bool:
        """Add an HTML heading's text to the current section's title if its level is the heading's."""
        section = self.section
        if section is None or section.level != level:
            return False
        data = (self.title_data.get(id(section)) or "") + text
        self.title_data[id(section)] = data
        section.title = " ".join(data.split())
        return True


def _tag_counts(html_text: str) -> tuple[int, int]:
    """How many elements `html_text` opens (void ones and headings aside) and closes."""
    opens = len(_OPEN_TAG.findall(html_text)) - len(_VOID_TAG.findall(html_text))
    return max(opens, 0), len(_CLOSE_TAG.findall(html_text))


def _inline_heading(children: list[Token]) -> tuple[int, int] | None:
    """The positions of the first `<hN …>` and its `</hN>` among a paragraph's inline tokens."""
    for i, tok in enumerate(children):
        if tok.type == "html_inline" and (m := _RAW_HEADING_OPEN.match(tok.content)):
            close = f"</h{m.group(1)}"
            for j in range(i + 1, len(children)):
                if children[j].type == "html_inline" and children[j].content.lower().startswith(close):
                    return i, j
    return None


def heading_text(children: list[Token], footnote_numbers: dict[str, str]) -> tuple[str | None, str]:
    """A heading's title as Material's search writes it, and the text Python-Markdown's toc makes its id of.

    Material's title is the heading's character data: images, icons and emoji (an `<img>`, an `<svg>`)
    and `<br>` add nothing, and a footnote reference adds its number (`<sup>`), which toc leaves out of
    the id. The title is None when the heading has no character data at all (not even a space)."""
    title: list[str] = []
    slug: list[str] = []
    for i, tok in enumerate(children):
        kind = tok.type
        previous = children[i - 1].type if i else ""
        if kind == "text":
            # attr_list takes `{ .class }` only right after an element (a link, an icon, code); after
            # text, as `:tada:{ .big }` is without pymdownx.emoji, it stays text
            text = _LEADING_ATTR_LIST.sub("", tok.content) if previous in _ATTR_LIST_TAKERS else tok.content
        elif kind == "softbreak":
            text = " "
        elif kind in ("code_inline", "kbd"):
            text = tok.content
        elif kind == "footnote_ref":
            title.append(footnote_numbers.get(str(tok.meta.get("label", "")), ""))
            continue
        else:  # link_open/close, emphasis, html_inline, image, icon: no text of their own
            continue
        title.append(text)
        slug.append(text)
    return ("".join(title) if any(title) else None), "".join(slug)


def _block(kind: str, spans: list[Span], quote: int, indent: int) -> Block:
    return {"kind": kind, "spans": spans, "quote": quote, "indent": max(indent, 0)}


def _paragraph(spans: list[Span], quote: int, indent: int) -> Block:
    return _block("paragraph", spans, quote, indent)


def _is_invisible(tok: Token) -> bool:
    """A rule, or an HTML block holding only comments or void tags (an `<img>`): no character data of its own."""
    if tok.type == "hr":
        return True
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

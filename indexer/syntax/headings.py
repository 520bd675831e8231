"""Attribute lists at the end of a heading (`## Title {#custom-id .class data-search-exclude}`)."""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# attr_list's HEADER_RE: spaces, then the list at the very end (`:tada:{ .big }` is the icon's own)
_TRAILING_ATTRS = re.compile(r"[ ]+\{:?\s*(?P<attrs>[^{}]*?)\s*\}\s*$")
_ATTR = re.compile(r'#(?P<id>[^\s}]+)|\.(?P<cls>[^\s}]+)|(?P<key>[\w-]+)(?:=(?P<q>["\']?)(?P<val>.*?)(?P=q))?(?=\s|$)')


def parse_attr_list(text: str) -> dict[str, str]:
    """`#id .a .b key=value flag` -> {"id": "id", "class": "a b", "key": "value", "flag": ""}."""
    attrs: dict[str, str] = {}
    classes = []
    for m in _ATTR.finditer(text):
        if m.group("id"):
            attrs["id"] = m.group("id")
        elif m.group("cls"):
            classes.append(m.group("cls"))
        elif m.group("key"):
            attrs[m.group("key")] = m.group("val") or ""
    if classes:
        attrs["class"] = " ".join(classes)
    return attrs


def heading_attrs_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[i + 1]
        match = _TRAILING_ATTRS.search(inline.content)
        if not match or not match.group("attrs").startswith(("#", ".", "data-", "id=")):
            continue
        inline.content = inline.content[: match.start()]
        for key, value in parse_attr_list(match.group("attrs")).items():
            token.attrSet(key, value)


def setext_rule(state: StateCore) -> None:
    """Setext headings as Python-Markdown reads them: the underline makes a heading only of a paragraph
    of one line. Under a longer paragraph a line of three or more `-` is a horizontal rule (so front
    matter that is not YAML becomes a paragraph and a rule, not a heading), and anything else is a
    line of the paragraph."""
    tokens = state.tokens
    lines: list[str] | None = None
    i = 0
    while i < len(tokens) - 2:
        tok, inline = tokens[i], tokens[i + 1]
        if tok.type != "heading_open" or tok.markup not in ("=", "-") or "\n" not in inline.content:
            i += 1
            continue
        lines = lines if lines is not None else state.src.split("\n")
        underline = lines[tok.map[1] - 1].strip() if tok.map else ""
        is_rule = tok.markup == "-" and underline.count("-") >= 3
        para_open = Token("paragraph_open", "p", 1, map=tok.map, level=tok.level, block=True)
        para_close = Token("paragraph_close", "p", -1, level=tok.level, block=True)
        replacement = [para_open, inline, para_close]
        if is_rule:
            replacement.append(Token("hr", "hr", 0, markup=underline, level=tok.level, block=True))
        else:
            inline.content += "\n" + underline
        tokens[i : i + 3] = replacement
        i += len(replacement)


_UNDERLINE = re.compile(r"^[=-]+[ ]*$")
_LIST_OR_QUOTE = re.compile(r"^ {0,3}(?:[*+-]|\d+[.)]|>)(?:[ \t]|$)")


_SPLITS_BLOCK = re.compile(r"^ {0,3}(?:([-*_])(?: *\1){2,} *|#{1,6}(?: .*)?)$")


def _starts_block(state: StateBlock, line: int) -> bool:
    """Whether `line` starts a block of Python-Markdown's: after a blank line, or after a rule or an
    ATX heading line, which its processors split off the block they are in."""
    if line == 0 or state.isEmpty(line - 1):
        return True
    before = state.src[state.bMarks[line - 1] : state.eMarks[line - 1]]
    return bool(_SPLITS_BLOCK.match(before))


def setext_first_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Python-Markdown tries setext headings before lists and quotes: a block's first line over a line
    of `=` or `-` is a heading of that line as written, even `- a` or `> a` (markdown-it would make a
    list or a quote and a rule)."""
    if start_line + 1 >= end_line or not _starts_block(state, start_line):
        return False
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[begin : state.eMarks[start_line]]
    if not _LIST_OR_QUOTE.match(line):
        return False
    under_begin = state.bMarks[start_line + 1] + state.tShift[start_line + 1]
    if state.sCount[start_line + 1] != state.blkIndent:
        return False
    underline = state.src[under_begin : state.eMarks[start_line + 1]]
    if not _UNDERLINE.match(underline):
        return False
    if silent:
        return True
    level = 1 if underline[0] == "=" else 2
    token = state.push("heading_open", f"h{level}", 1)
    token.markup, token.map = underline[0], [start_line, start_line + 2]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = line.strip(), [start_line, start_line + 1], []
    token = state.push("heading_close", f"h{level}", -1)
    token.markup = underline[0]
    state.line = start_line + 2
    return True

"""Content tabs: `=== "Tab title"` followed by content indented four spaces (pymdownx.tabbed)."""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock

_TAB = re.compile(r'^===[!+]{0,2}\s+"(?P<title>.*)"\s*$')
INDENT = 4


def content_tab_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False  # indented code
    begin = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[begin : state.eMarks[start_line]]
    match = _TAB.match(line)
    if not match:
        return False
    if silent:
        return True

    inner_indent = state.blkIndent + INDENT
    next_line = start_line + 1
    while next_line < end_line:
        blank = state.isEmpty(next_line)
        if not blank and state.sCount[next_line] < inner_indent:
            break
        next_line += 1
    while next_line > start_line + 1 and state.isEmpty(next_line - 1):
        next_line -= 1  # trailing blank lines belong to what follows

    old = (state.parentType, state.lineMax, state.blkIndent)
    token = state.push("tab_open", "div", 1)
    token.block = True
    token.meta = {"title": match.group("title")}
    token.map = [start_line, next_line]
    state.parentType = "tab"
    state.lineMax = next_line
    state.blkIndent = inner_indent
    state.md.block.tokenize(state, start_line + 1, next_line)
    state.parentType, state.lineMax, state.blkIndent = old
    state.push("tab_close", "div", -1).block = True
    state.line = next_line
    return True

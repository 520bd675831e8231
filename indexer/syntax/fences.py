"""Fenced code as pymdownx.superfences finds it: only a fence that is closed."""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock, fence

_OPENING = re.compile(r"(`{3,}|~{3,})")
NO_FENCES = "no_fences"  # env key: line ranges after an unclosed fence, where no fence starts


def closed_fence_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's fence, but an opening fence that is never closed is no code block: superfences
    looks for the closing fence to the end of the page and, finding none, leaves every line after the
    opening one as Markdown (headings there are headings), with no fence starting among them —
    where CommonMark makes code of everything to the end."""
    if any(start <= start_line < end for start, end in state.env.get(NO_FENCES, ())):
        return False
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    opening = _OPENING.match(state.src, begin, state.eMarks[start_line])
    if opening is None or (opening.group(1)[0] == "`" and "`" in state.src[opening.end() : state.eMarks[start_line]]):
        return False
    marker = opening.group(1)
    for line in range(start_line + 1, end_line):
        first = state.bMarks[line] + state.tShift[line]
        if first < state.eMarks[line] and state.sCount[line] < state.blkIndent:
            break  # the container ends
        text = state.src[first : state.eMarks[line]]
        if state.sCount[line] - state.blkIndent < 4 and text.startswith(marker) and not text.strip(marker[0] + " \t"):
            return fence(state, start_line, end_line, silent)
    if not silent:
        state.env.setdefault(NO_FENCES, []).append((start_line, end_line))
    return False

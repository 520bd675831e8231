"""Inline parsing that skips the inline parser where it has nothing to do.

markdown-it's inline rules only ever start at a "terminator" character (`*`, `[`, `:`, `\n`…):
its text rule, which runs first, consumes everything else. Inline content with no terminator at
all is therefore one text token, and building that token directly gives the same tree as the
parser does, without its state, rule chain and post-processing. In a knowledge base about half of
all paragraphs, headings and table cells are such plain text."""

from __future__ import annotations

from markdown_it.rules_core import StateCore
from markdown_it.token import Token


def inline_rule(state: StateCore) -> None:
    """The core `inline` rule, with plain text made a text token at once."""
    terminator = state.md.inline.terminator_re
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        if terminator.search(token.content):
            state.md.inline.parse(token.content, state.md, state.env, token.children)
        elif token.content:
            token.children.append(Token("text", "", 0, content=token.content))

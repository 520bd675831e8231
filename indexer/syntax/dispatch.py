"""Block and inline rules tried only where they can start: the same tokens, fewer calls.

markdown-it tries every block rule in turn on each block's first line, and every "terminator" rule
on each line of a paragraph, list or quote (could it end there?). Most rules can only start at one
or two characters (a heading at `#`, a quote at `>`, a list at a marker) and say no to anything
else: sixteen calls for a line of prose, eleven for each line a paragraph goes on. Here each chain
of rules is one rule that looks at the line's first character and tries, in their order, only the
rules that can start there (and every rule where the line has no first character). A rule left
out would have answered no without touching anything, so the tokens are the same.

`STARTS` lists only rules whose every "yes" needs the character at the line's first non-blank
position (`bMarks + tShift`, where every rule looks), and that touch nothing before they look at it;
any other rule is always tried. Inline rules likewise (`INLINE_STARTS`, the character at
`state.pos`): at each `*`, `[`, `:`… markdown-it tries all seventeen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock, blockquote, heading, hr, list_block, reference
from markdown_it.rules_inline import (
    StateInline,
    autolink,
    backtick,
    emphasis,
    entity,
    escape,
    html_inline,
    image,
    link,
    newline,
    strikethrough,
)
from mdit_py_plugins.admon.index import MARKER_CHARS, admonition
from mdit_py_plugins.footnote.index import footnote_def, footnote_inline

from indexer.syntax.fences import closed_fence_rule
from indexer.syntax.headings import setext_first_rule
from indexer.syntax.html import raw_html_block_rule
from indexer.syntax.icons import icon_rule
from indexer.syntax.inline import keys_rule, mark_rule, nested_link_rule
from indexer.syntax.tabs import content_tab_rule

BlockRule = Callable[[StateBlock, int, int, bool], bool]
InlineRule = Callable[[StateInline, bool], bool]
_DIGITS = "0123456789"
STARTS: dict[Any, frozenset[str]] = {
    admonition: frozenset(MARKER_CHARS),  # !!! ???
    content_tab_rule: frozenset("="),  # === "Tab"
    closed_fence_rule: frozenset("`~"),
    setext_first_rule: frozenset("*+->" + _DIGITS),  # a list or quote line over an underline
    blockquote: frozenset(">"),
    hr: frozenset("*-_"),
    list_block: frozenset("*-+" + _DIGITS),
    footnote_def: frozenset("["),  # [^1]:
    reference: frozenset("["),
    raw_html_block_rule: frozenset("<"),
    heading: frozenset("#"),
}
# footnote_ref is not here: it writes the env's footnote data before it looks
INLINE_STARTS: dict[Any, frozenset[str]] = {
    newline: frozenset("\n"),
    escape: frozenset("\\"),
    backtick: frozenset("`"),
    strikethrough.tokenize: frozenset("~"),
    emphasis.tokenize: frozenset("*_"),
    link: frozenset("["),
    image: frozenset("!"),
    autolink: frozenset("<"),
    html_inline: frozenset("<"),
    entity: frozenset("&"),
    footnote_inline: frozenset("^"),  # ^[inline note]
    icon_rule: frozenset(":"),
    mark_rule: frozenset("="),
    keys_rule: frozenset("+"),
    nested_link_rule: frozenset("["),
}


def dispatch_block_rules(md: MarkdownIt) -> None:
    """Make each of `md`'s block rule chains one dispatching rule (after every rule is registered:
    a rule added later is not seen)."""
    ruler = md.block.ruler
    original = ruler.getRules
    chains: dict[str, list[BlockRule]] = {}

    def get_rules(chain: str = "") -> list[BlockRule]:
        found = chains.get(chain)
        if found is None:
            rules = original(chain)
            found = chains[chain] = [_dispatcher(rules)] if rules else []
        return found

    ruler.getRules = get_rules  # type: ignore[method-assign, assignment]

    inline = md.inline.ruler
    rules = inline.getRules("")
    dispatched = [_inline_dispatcher(rules)] if rules else []
    inline.getRules = lambda chain="": dispatched if chain == "" else []  # type: ignore[method-assign, assignment]


def _dispatcher(rules: list[BlockRule]) -> BlockRule:
    """One rule that tries `rules` in order, leaving out those that cannot start at the line's first
    character."""
    anywhere, by_char = _by_char(rules, STARTS)

    def dispatch(state: StateBlock, line: int, end_line: int, silent: bool) -> bool:
        first = state.bMarks[line] + state.tShift[line]
        tried = by_char.get(state.src[first], anywhere) if first < state.eMarks[line] else rules
        for rule in tried:  # noqa: SIM110 (a loop: any() over a generator costs more, per block line)
            if rule(state, line, end_line, silent):
                return True
        return False

    return dispatch


def _by_char(rules: list[Any], starts: dict[Any, frozenset[str]]) -> tuple[list[Any], dict[str, list[Any]]]:
    """The rules tried where the character is none of any rule's starts, and those tried at each."""
    anywhere = [rule for rule in rules if rule not in starts]
    chars = {c for rule in rules if rule in starts for c in starts[rule]}
    return anywhere, {c: [rule for rule in rules if rule not in starts or c in starts[rule]] for c in chars}


def _inline_dispatcher(rules: list[InlineRule]) -> InlineRule:
    anywhere, by_char = _by_char(rules, INLINE_STARTS)

    def dispatch(state: StateInline, silent: bool) -> bool:
        tried = by_char.get(state.src[state.pos], anywhere) if state.pos < len(state.src) else rules
        for rule in tried:  # noqa: SIM110 (as above)
            if rule(state, silent):
                return True
        return False

    return dispatch

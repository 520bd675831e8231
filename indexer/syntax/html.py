"""HTML blocks where Python-Markdown has them: only at the start of a line of the page itself."""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock, html_block

# Python-Markdown's block-level elements (Markdown.block_level_elements): only these, and comments,
# start an HTML block; any other tag on a line of its own is inline HTML of a paragraph
BLOCK_LEVEL = frozenset([
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav",
    "ol", "p", "pre", "section", "table", "ul", "canvas", "colgroup", "dd", "body", "dt", "group", "html",
    "iframe", "li", "legend", "math", "map", "noscript", "output", "object", "option", "progress", "script",
    "style", "summary", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center",
])
INLINE_HTML_LINES = "inline_html_lines"  # env key: lines where HTML is inline whatever it looks like
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def raw_html_block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's HTML block, but only where Python-Markdown's raw HTML extractor finds one: a tag
    indented at most three spaces from the start of the page's line (its `at_line_start`). Indented in an
    admonition, a content tab or a list, or behind a `>`, HTML is inline HTML of a paragraph — so
    `<!-- comment -->` over `---` there is a setext heading, as on the site — and so is a tag that is
    not block-level (`<br>`, `<img>`, `<span>`)."""
    if start_line in state.env.get(INLINE_HTML_LINES, ()):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    line_start = state.src.rfind("\n", 0, begin) + 1
    prefix = state.src[line_start:begin]
    if len(prefix) > 3 or prefix.strip(" "):
        return False
    if not state.src.startswith("<!", begin) and not state.src.startswith("<?", begin):
        tag = _TAG_NAME.match(state.src, begin)
        if tag is None or tag.group(1).lower() not in BLOCK_LEVEL:
            return False
    return html_block(state, start_line, end_line, silent)

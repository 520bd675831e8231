"""The Markdown dialect of MkDocs Material, as markdown-it-py rules registered in one place.

Source-level preprocessors (snippets, abbreviations) run first, as in Python-Markdown; then the
markdown-it parser with CommonMark, tables, mdit-py-plugins (admonitions, footnotes, task lists,
definition lists) and our own small rules (content tabs, heading attribute lists, icons and
emoji, ==mark==, ++keys++), and an inline step that leaves plain text to itself (`plain`)."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from indexer.syntax.dispatch import dispatch_block_rules
from indexer.syntax.fences import closed_fence_rule
from indexer.syntax.headings import heading_attrs_rule, setext_first_rule, setext_rule
from indexer.syntax.html import raw_html_block_rule
from indexer.syntax.icons import icon_rule
from indexer.syntax.inline import keys_rule, mark_rule, nested_link_rule
from indexer.syntax.plain import inline_rule
from indexer.syntax.tabs import content_tab_rule

MAX_NESTING = 40  # deeply nested Markdown stops nesting here instead of recursing on


@lru_cache(maxsize=2)
def markdown_parser(emoji: bool = True) -> MarkdownIt:
    """The shared parser (parsing is stateless: every call gets its own env). Icon and emoji shortcodes
    are read only where the site has pymdownx.emoji (`emoji`); without it they are text there too."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(admon_plugin)
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(deflist_plugin)
    md.block.ruler.at("fence", closed_fence_rule, {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.at("html_block", raw_html_block_rule, {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.before("blockquote", "setext_first", setext_first_rule)
    md.block.ruler.before("fence", "content_tab", content_tab_rule, {"alt": ["paragraph"]})
    md.core.ruler.before("inline", "heading_attrs", heading_attrs_rule)
    md.core.ruler.before("heading_attrs", "setext", setext_rule)
    md.core.ruler.at("inline", inline_rule)
    if emoji:
        md.inline.ruler.before("emphasis", "icon", icon_rule)
    md.inline.ruler.before("emphasis", "mark", mark_rule)
    md.inline.ruler.before("emphasis", "keys", keys_rule)
    md.inline.ruler.before("link", "nested_link", nested_link_rule)
    dispatch_block_rules(md)  # last: every block rule is registered
    return md

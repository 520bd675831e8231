"""The Markdown dialect's own rules, checked against markdown-it's behaviour."""

from __future__ import annotations

import frontmatter
import pytest
from markdown_it.rules_core import inline as stock_inline

from indexer.syntax import markdown_parser
from tests.conftest import CORPUS

SAMPLES = ["Gewoon een zin zonder opmaak", "Prijs 100 euro (excl. btw)", "Wat is QMS?", "Ja, \"zeker\" 's avonds",
           "émoji ✔️ en tekens € £ ¥", "   ", "# Kop\n\n| A | B |\n|---|---|\n| een | twee |\n",
           "- [x] klaar\n- [ ] niet\n", "Een **vet** woord en :material-check: en [link](x.md)",
           "regel een\nregel twee  \nregel drie", "!!! note \"Let op\"\n    Tekst in een blok.\n"]


def _stock_parser():
    md = markdown_parser.__wrapped__()  # the same dialect, a separate instance
    md.core.ruler.at("inline", stock_inline)
    return md


def _tree(tokens) -> list:
    return [(t.type, t.tag, t.content, t.attrs, t.markup, _tree(t.children or [])) for t in tokens]


def _parse_both(text: str) -> tuple[list, list]:
    return _tree(markdown_parser().parse(text)), _tree(_stock_parser().parse(text))


@pytest.mark.parametrize("text", SAMPLES)
def test_the_plain_text_shortcut_gives_the_tokens_markdown_it_gives(text):
    ours, stock = _parse_both(text)
    assert ours == stock


def test_plain_text_becomes_one_text_token_and_markup_is_still_parsed():
    [plain] = [t for t in markdown_parser().parse("Gewoon een zin, zonder opmaak") if t.type == "inline"]
    assert [(c.type, c.content) for c in plain.children] == [("text", "Gewoon een zin, zonder opmaak")]
    [marked] = [t for t in markdown_parser().parse("Een **vet** woord en :material-check:") if t.type == "inline"]
    assert [c.type for c in marked.children if c.type != "text"] == ["strong_open", "strong_close", "icon"]


def test_every_page_of_the_real_knowledge_base_parses_as_with_the_stock_inline_rule():
    if not CORPUS.is_dir():
        pytest.skip(f"real knowledge base not found at {CORPUS} (../shared is not beside the project)")
    pages = sorted((CORPUS / "docs").rglob("*.md"))
    assert len(pages) == 73
    for page in pages:
        ours, stock = _parse_both(frontmatter.parse(page.read_text(encoding="utf-8"))[1])
        assert ours == stock, page


# -- rules tried only where they can start (indexer/syntax/dispatch.py) --------------------------

def _undispatched_parser(emoji: bool):
    """The same dialect with markdown-it's own rule chains: every rule tried everywhere."""
    import indexer.syntax as syntax

    dispatch = syntax.dispatch_block_rules
    syntax.dispatch_block_rules = lambda md: None
    try:
        return markdown_parser.__wrapped__(emoji)
    finally:
        syntax.dispatch_block_rules = dispatch


def _full_tree(md, text: str) -> tuple[list, str]:
    env: dict = {}
    return [t.as_dict() for t in md.parse(text, env)], repr(env)


INLINE_MIXES = ["*a* [x](y) `c` <b> &amp; ==m== ++ctrl+alt++ :smile: ^[n] [^1] \\* ~~s~~ __u__ ![i](j)",
                "[[a](b)](c) <abbr title=\"x\">X</abbr> a_b_c **x*y** ~~ == ++ :: [^x]: y <http://a.b>",
                "[^1]: note\n\n# Kop [^1] { #id }\n\n| a | `b|c` |\n|---|---|\n| :material-check: | x |\n"]


def test_rules_tried_by_first_character_give_the_tokens_of_every_rule_tried_everywhere():
    """The dispatch leaves out only rules that cannot start at a line's (or position's) first
    character: the tokens and the env must be the same as with every rule tried, on generated pages
    of every construct the differential test uses and on mixes of block and inline markers."""
    from tests.indexer.differential import generate_pages

    texts = [p.source.decode("utf-8", "replace") for p in generate_pages(11, 300)] + SAMPLES + INLINE_MIXES
    prefixes = ["", "> ", "- ", "1. ", "    ", "!!! note\n    ", "=== \"Tab\"\n    ", "* ", "- - "]
    lines = ["---", "===", "***", "- - -", "| a | b |", "|---|---|", ": def", "~~~", "```", "<div>", "</div>",
             "<!-- c -->", "[^1]: note", "[ref]: http://x", "# h", "+ plus", "2) two", "??? tip", "Term", "text"]
    texts += ["\n".join(p + line for p, line in zip(prefixes * 3, lines[i:] + lines[:i], strict=False))
              for i in range(len(lines))]
    for emoji in (True, False):
        ours, everywhere = markdown_parser(emoji), _undispatched_parser(emoji)
        for text in texts:
            assert _full_tree(ours, text) == _full_tree(everywhere, text), text[:200]
    if CORPUS.is_dir():
        for page in sorted((CORPUS / "docs").rglob("*.md")):
            text = page.read_text(encoding="utf-8")
            assert _full_tree(markdown_parser(), text) == _full_tree(_undispatched_parser(True), text), page

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

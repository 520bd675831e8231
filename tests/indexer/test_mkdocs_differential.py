"""Deep links and titles identical to the real MkDocs + Material build (the site is the reference).

Generated pages from a fixed seed, and the cases earlier runs found, are built with `mkdocs build`
and indexed by faqbot; every location and title must be the same. `benchmarks/mkdocs_differential.py`
runs thousands of pages from any seed."""

from __future__ import annotations

import pytest

from tests.indexer.differential import GeneratedPage, compare_with_mkdocs, generate_pages, page_source

pytest.importorskip("mkdocs", reason="mkdocs is a test dependency: pip install -e '.[dev]'")
pytest.importorskip("material", reason="mkdocs-material is a test dependency: pip install -e '.[dev]'")

SEED = 17
PAGES = 240


def _report(comparison, pages) -> str:
    lines = [f"{len(comparison.differences)} differences with the MkDocs site:"]
    for diff in comparison.differences[:30]:
        lines.append(f"  {diff}")
    shown = {d.page for d in comparison.differences[:3]}
    for path in sorted(shown):
        lines.append(f"--- {path}\n{page_source(pages, path)}")
    return "\n".join(lines)


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_generated_pages_have_the_sites_locations_and_titles(tmp_path, use_directory_urls):
    pages = generate_pages(SEED, PAGES)
    half = pages[::2] if use_directory_urls else pages[1::2]
    comparison = compare_with_mkdocs(half, tmp_path, use_directory_urls)
    assert comparison.site_locations > len(half)  # sections, not only page entries
    assert not comparison.differences, _report(comparison, half)


# Each a difference a run once found (the site's behaviour in the comment), as a page of its own.
FOUND = {
    # front matter that is not YAML stays on the page: a rule, and a one-line paragraph over the
    # closing `---` is a heading; the page is named after its file
    "fm-colon.md": "---\ntitle: Stap 1: Voorbereiding\n---\n# Body\n\ntext\n",
    "fm-bracket.md": "---\ntitle: [Draft] Plan\n---\n## Part\n",
    "fm-tab.md": "---\ntitle: Tab\n\tbad: indent\n---\nText.\n",
    "fm-no-newline.md": "---\ntitle: X\n---<abbr title=\"a\">AB</abbr>\n----\n\n## Later\n",
    "fm-list.md": "---\n- a\n---\n## After a list\n",
    "fm-empty-title.md": "---\ntitle:\n---\n## Heading\n",
    "fm-number.md": "---\ntitle: 42\n---\ntext\n",
    "multimarkdown.md": "Title: From meta\nAuthor: me\n\ntext\n\n## Sub\n",
    # no usable title: the file's name (README is "index"); a leading h1 with only an emoji: its alt
    "sub/index.md": "## Only h2\n",
    "sub2/README.md": "text\n",
    "Capital Name.md": "text first\n\n# Late h1\n",
    "ß-page.md": "## <!-- md:setting config.enabled -->\n\ntext\n",
    "emoji-h1.md": "# :heart:\n\ntext\n",
    # headings: links with brackets, icons and emoji, footnote numbers, ß, <br>, comments only
    "links.md": "# [[a](b.md)](c.md) d\n\n## [x [y] z](other.md)\n\n## Straße/Größe ß\n",
    "icons.md": "## on :material-check: page\n\n## :smile: :rocket:\n\n## a<br>b\n\n## x[^1]\n\n[^1]: note\n",
    # setext only under one line; HTML only at a line's start; comments split a line
    "setext.md": "para one\npara two\n---\n\n<br>\n-\n\n<!-- c --> Title\n---\n\n<!-- a --> <!-- b -->\n-\n",
    "tab-comment.md": "# T\n\n=== \"Tab\"\n\n    <!-- md:setting x -->\n    ---\n",
    # HTML headings: with an id a section, without one joining the title of the same tag
    "raw.md": "## Kop\n\n<h2>Extra</h2>\n\n<h3 id=\"raw-id\">Raw</h3>\n\n<div markdown>\n\n## In div\n\n</div>\n\n"
              "<h2>After div</h2>\n",
    # an HTML heading with an id inside a paragraph; an unclosed fence is no code (superfences)
    "inline-raw-heading.md": "---\ntitle: X\n---<h3 id=\"raw-3\">Break</h3>\n\ntext\n",
    "unclosed-fence.md": "---\ntitle: X\n---~~~\n# not code\n\n```\n# nor this\n```\n",
    "tail-entities.md": "# T\n\n<!-- note -->&amp;:tada:{ .big }\n--\n\n<!-- c --> Fix &amp; more\n---\n",
    # a `<div>` opened inside a paragraph holds the heading after it until `</div>`
    "inline-div.md": "---\ntitle: X\n---<div class=\"grid\" markdown>\n\n___\n\n## In div\n\n</div>\n\n<h2>Out</h2>\n",
    # only footnotes, or a leading comment or rule with content after it: Material's top entry
    "only-footnote.md": "[^1]: just a note\n",
    "leading-comment.md": "<!-- c -->\n\n# Title\n",
    "leading-rule.md": "***\n\n<!-- c -->\n",
}


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_cases_found_by_earlier_runs(tmp_path, use_directory_urls):
    pages = [GeneratedPage(path, text.encode("utf-8")) for path, text in FOUND.items()]
    comparison = compare_with_mkdocs(pages, tmp_path, use_directory_urls)
    assert not comparison.differences, _report(comparison, pages)


def test_without_pymdownx_emoji_shortcodes_are_text(tmp_path):
    """A site without pymdownx.emoji (uv's) shows `:material-check:` as written, in titles and ids."""
    pages = [GeneratedPage("icons.md", FOUND["icons.md"].encode()), GeneratedPage("emoji-h1.md", b"# :heart:\n"),
             *generate_pages(SEED + 1, 40)]
    comparison = compare_with_mkdocs(pages, tmp_path, True, emoji=False)
    assert not comparison.differences, _report(comparison, pages)


def test_hooks_and_page_changing_plugins_are_named_in_one_warning(tmp_path):
    from indexer.config import DocsProject
    from indexer.warnings import Warnings
    from tests.conftest import write_project

    config = ("site_name: T\nhooks:\n  - hooks/settings.py\nplugins:\n  - search\n  - macros\n"
              "  - redirects:\n      redirect_maps: {}\n")
    root = write_project(tmp_path / "p", {"index.md": "# T\n"}, config=config)
    warnings = Warnings()
    DocsProject.load(root, warnings)
    [(where, message)] = [(str(w), m) for w, m in warnings.items]
    assert where.endswith("mkdocs.yml")
    assert "hooks hooks/settings.py and plugins macros" in message
    assert "deep links to sections they change may differ from the site" in message
    assert "redirects" not in message and "search" not in message

    quiet = Warnings()
    DocsProject.load(write_project(tmp_path / "q", {"index.md": "# T\n"},
                                   config="site_name: T\nplugins:\n  - search\n  - redirects\n"), quiet)
    assert not quiet.items


def test_a_toc_slugify_of_the_sites_own_is_warned_about(tmp_path):
    from indexer.config import DocsProject
    from indexer.warnings import Warnings
    from tests.conftest import write_project

    config = ("site_name: T\nmarkdown_extensions:\n  - toc:\n      permalink: true\n"
              "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n")
    warnings = Warnings()
    DocsProject.load(write_project(tmp_path, {"index.md": "# T\n"}, config=config), warnings)
    assert [m for _, m in warnings.items] == [
        "toc slugify of the site's own: faqbot makes heading ids as toc does by default, so deep links to "
        "sections may differ from the site"]

"""MkDocs + Material as the reference for faqbot's sections: generated pages, the real build, a comparison.

`generate_pages(seed, count)` writes Markdown pages from the constructs that decide sections, titles
and anchors on a real site (every heading level, setext headings, duplicates and `{#id}`, attribute
lists, inline markup, HTML, comments, icons and emoji in headings, accents and `ß`, headings inside
admonitions, tabs and HTML blocks, pages starting with h2 or with content, odd front matter, `index.md`
and `README.md`, spaces and capitals in paths). `compare_with_mkdocs` builds them with `mkdocs build`
(Material's search plugin, the real knowledge base's Markdown extensions) and with faqbot, and lists
every location and title that differ, each with its page and both sides.

Used by tests/indexer/test_mkdocs_differential.py (a fixed seed) and benchmarks/mkdocs_differential.py
(thousands of pages)."""

from __future__ import annotations

import html
import json
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from indexer.config import DocsProject
from indexer.index import open_index
from indexer.warnings import Warnings

SITE_URL = "https://example.org/docs/"

# The real knowledge base's markdown_extensions (../shared/corpus/quarkpulse-docs/mkdocs.yml), with
# Material's theme and search plugin. Nothing here reaches the network: fonts are off, no social cards.
MKDOCS_YML = """\
site_name: Differential
site_url: {site_url}
use_directory_urls: {use_directory_urls}
theme:
  name: material
  language: nl
  font: false
plugins:
  - search
markdown_extensions:
  - def_list
  - abbr
  - attr_list
  - md_in_html
  - admonition
  - footnotes
  - pymdownx.inlinehilite
  - pymdownx.snippets
  - pymdownx.keys
  - pymdownx.details
  - pymdownx.mark
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""

WORDS = (
    "service", "Beheer", "netwerk", "security", "Klant", "provider", "Break", "Fix", "support", "SLA",
    "werkplek", "licentie", "back-up", "e-mail", "Wi-Fi", "uptime", "QMS", "API", "v2.0", "24/7",
    "café", "naïve", "Übersicht", "Ærø", "smörgåsbord", "Straße", "Maßnahmen", "Fußball", "ﬁle", "½",
    "Ĳssel", "crème brûlée", "Größe/Breite", "dag-en-nacht", "x_y", "CO₂", "ÿ", "Ωmega", "日本", "über",
)
PUNCTUATION = ("?", "!", ":", ";", ",", ".", "...", " / ", " & ", " - ", " – ", " (beta)", " [x]", ' "quoted"',
               " 'single'", " #1", " 100%", " a+b", " <>", " *", " \\*", " @home", " $5", " ~tilde")
ICONS = (":material-check:", ":material-close:", ":smile:", ":rocket:", ":warning:", ":fontawesome-solid-check:",
         ":octicons-x-16:", ":material-information-outline:", ":heart:", ":tada:")
EMOJI = ("🚀", "✅", "⚠️", "👍", "❤️", "🎉")
LINK_TARGETS = ("other.md", "../up.md", "sub/page.md#part", "#local", "https://example.com/x", "img.png",
                "Folder%20Name/page.md", "index.md")


def _join_tight(parts: list[str]) -> str:
    """Pieces without spaces between them, except next to an emphasis run (`**a****b**`, `❤️_a_`):
    Python-Markdown and CommonMark pair delimiter runs inside words differently, and faqbot does not
    mirror Python-Markdown's emphasis (a known limit, README)."""
    out = parts[0]
    for part in parts[1:]:
        out += (" " if out[-1] in "*_=" or part[0] in "*_=" else "") + part
    return out


@dataclass(frozen=True)
class GeneratedPage:
    """One generated page: its path under docs/ and its Markdown source (bytes: a BOM is kept)."""

    path: str
    source: bytes


@dataclass(frozen=True)
class Difference:
    """One way faqbot and the site disagree on a page: a location only one side has, or a title."""

    page: str
    location: str
    site: str | None
    faqbot: str | None

    def __str__(self) -> str:
        return f"{self.page}: {self.location!r}: site {self.site!r}, faqbot {self.faqbot!r}"


class PageGenerator:
    """Markdown pages from a seeded random stream: the same seed gives the same pages."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # -- text ---------------------------------------------------------------------------------

    def words(self, low: int = 1, high: int = 4) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high)))

    def inline(self) -> str:
        """A piece of heading text: plain words or one inline construct around words."""
        r = self.rng
        w = self.words(1, 2)
        pieces = [
            lambda: w,
            lambda: w + r.choice(PUNCTUATION),
            lambda: f"`{w}`",
            lambda: f"*{w}*",
            lambda: f"**{w}**",
            lambda: f"_{w}_",
            lambda: f"==**{w}**==",
            lambda: f"[{w}]({r.choice(LINK_TARGETS)})",
            lambda: f"[[{w}]({r.choice(LINK_TARGETS)})]({r.choice(LINK_TARGETS)})",
            lambda: f"[`{w}`]({r.choice(LINK_TARGETS)})",
            lambda: f"![{w}](img.png)",
            lambda: f"<span>{w}</span>",
            lambda: f"<em>{w}</em>",
            lambda: f"<code>{w}</code>",
            lambda: "<!-- note -->",
            lambda: r.choice(ICONS),
            lambda: r.choice(ICONS) + "{ .big }",
            lambda: r.choice(EMOJI),
            lambda: "&amp;",
            lambda: "&copy;",
            lambda: "++ctrl+alt+del++",
            lambda: "<br>",
            lambda: f"{w}[^1]",
            lambda: f"<abbr title=\"{w}\">AB</abbr>",
            lambda: "ß" + w,
            lambda: f"{w} <small>{self.words(1, 1)}</small>",
        ]
        return r.choice(pieces)()

    def heading_text(self) -> str:
        r = self.rng
        if r.random() < 0.04:
            return "<!-- md:setting config.enabled -->"
        if r.random() < 0.03:
            return r.choice(ICONS)
        parts = [self.inline() for _ in range(r.randint(1, 3))]
        return " ".join(parts) if r.random() < 0.8 else _join_tight(parts)

    def attrs(self) -> str:
        r = self.rng
        if r.random() > 0.25:
            return ""
        return r.choice((
            " {#custom-id}", " { #Custom_ID .cls }", " {.cls}", " {: #fixed-id }", " { data-search-exclude }",
            " {#dup}", " {#dup .x}", " { #id-with-ß }", " {#1}", " {data-toc-label='Label'}",
        ))

    def heading(self, level: int | None = None, title: str | None = None) -> str:
        r = self.rng
        level = level or r.choice((1, 2, 2, 2, 3, 3, 4, 5, 6))
        text = title if title is not None else self.heading_text()
        if r.random() < 0.12 and level <= 2 and "\n" not in text:
            return f"{text}\n{'=' if level == 1 else '-' * r.randint(1, 5)}"
        closing = " " + "#" * r.randint(1, 3) if r.random() < 0.08 else ""
        return f"{'#' * level} {text}{self.attrs()}{closing}"

    # -- blocks -------------------------------------------------------------------------------

    def paragraph(self) -> str:
        r = self.rng
        lines = [" ".join(self.inline() for _ in range(r.randint(2, 6))) for _ in range(r.randint(1, 3))]
        return "\n".join(lines)

    def indented(self, text: str, spaces: int = 4) -> str:
        return "\n".join((" " * spaces + ln) if ln else ln for ln in text.split("\n"))

    def block(self, depth: int = 0) -> str:
        r = self.rng
        kinds = ["para", "para", "heading", "heading", "list", "code", "table", "quote", "rule"]
        if depth == 0:
            kinds += ["admonition", "details", "tabs", "html_md", "html_raw", "html_heading", "setext_trap",
                      "footnote", "abbr", "meta_line", "comment", "dl"]
        kind = r.choice(kinds)
        if kind == "para":
            return self.paragraph()
        if kind == "heading":
            return self.heading()
        if kind == "list":
            marker = r.choice(("-", "*", "1."))
            return "\n".join(f"{marker} {self.inline()} {self.words()}" for _ in range(r.randint(1, 4)))
        if kind == "code":
            fence = r.choice(("```", "~~~", "```python", "```mermaid"))
            return f"{fence[:3]}{fence[3:]}\n# not a heading\n## nor this\n{fence[:3]}"
        if kind == "table":
            return f"| {self.words(1, 1)} | {self.words(1, 1)} |\n|---|---|\n| {self.inline()} | {self.inline()} |"
        if kind == "quote":
            return f"> {self.paragraph()}" if r.random() < 0.6 else f"> ## {self.heading_text()}\n> {self.words()}"
        if kind == "rule":
            return r.choice(("***", "___", "- - -"))
        if kind == "admonition":
            title = r.choice(("", f' "{self.words(1, 2)}"', ' ""'))
            body = "\n\n".join(self.block(depth + 1) for _ in range(r.randint(1, 3)))
            return f"!!! {r.choice(('note', 'tip', 'warning'))}{title}\n\n{self.indented(body)}"
        if kind == "details":
            body = "\n\n".join(self.block(depth + 1) for _ in range(r.randint(1, 2)))
            return f"??? info \"{self.words(1, 2)}\"\n\n{self.indented(body)}"
        if kind == "tabs":
            tabs = []
            for _ in range(r.randint(1, 3)):
                body = "\n\n".join(self.block(depth + 1) for _ in range(r.randint(1, 2)))
                tabs.append(f'=== "{self.words(1, 2)}"\n\n{self.indented(body)}')
            return "\n\n".join(tabs)
        if kind == "html_md":
            body = "\n\n".join(self.block(depth + 1) for _ in range(r.randint(1, 2)))
            return f'<div markdown="1">\n\n{body}\n\n</div>' if r.random() < 0.5 else \
                f"<div class=\"grid\" markdown>\n\n{body}\n\n</div>"
        if kind == "html_raw":
            return f"<div>\n<p>{self.words()}</p>\n</div>"
        if kind == "html_heading":
            return r.choice((f"<h2>{self.words()}</h2>", f'<h3 id="raw-{r.randint(1, 9)}">{self.words()}</h3>'))
        if kind == "setext_trap":  # a paragraph right above a line of dashes or equals signs
            return f"{self.words(2, 4)}\n{r.choice(('---', '===', '-', '----------'))}"
        if kind == "footnote":
            return f"[^1]: {self.words()}"
        if kind == "abbr":
            return "*[SLA]: Service Level Agreement"
        if kind == "meta_line":  # looks like MultiMarkdown meta data, but not at the top
            return f"Note: {self.words()}"
        if kind == "comment":
            return "<!-- a comment -->"
        if kind == "dl":
            return f"{self.words(1, 2)}\n:   {self.words()}"
        raise AssertionError(kind)

    # -- pages --------------------------------------------------------------------------------

    def front_matter(self) -> str:
        r = self.rng
        choice = r.randint(0, 21)
        w = self.words(1, 3)
        options = {
            0: f"---\ntitle: {w}\n---\n",
            1: f"---\ntitle: Stap 1: {w}\n---\n",  # not YAML: an unquoted colon
            2: f"---\ntitle: [Draft] {w}\n---\n",  # not YAML: a flow sequence followed by text
            3: f"---\ntitle:\t{w}\n---\n",
            4: "---\ntitle:\n---\n",
            5: "---\nsearch:\n  exclude: true\n---\n",
            6: f"---\ntitle: \"{w}\"\nsearch:\n  boost: 2\n---\n",
            7: "---\n- a\n- b\n---\n",  # YAML, but not a mapping
            8: f"---\ntitle: {w}\n...\n",
            9: f"---\ntags:\n  - {w}\n---\n",
            10: f"Title: {w}\nAuthor: {self.words(1, 1)}\n\n",  # MultiMarkdown meta data
            11: f"---\ntitle: '{w}: quoted'\n---\n",
            12: f"---\ntitle: {w}\n\tbad: indent\n---\n",
            13: "---\ntitle: 42\n---\n",
            14: f"---\ntitle: {w} # comment\n---\n",
            15: f"---\n\ntitle: {w}\n---\n",
            16: f"---\ntitle: {w}\n---",  # no newline after the closing line
            17: f"--- \ntitle: {w}\n--- \n",
            18: f"---\nsearch: {{exclude: false}}\ntitle: {w}\n---\n",
            19: f"---\ntitle: >\n  {w}\n---\n",
            20: f"---\ntitle: \"{w}\"\n---\n\n\n",
            21: f"---\ntitle: {w}: x: y\n---\n",
        }
        return options[choice] if r.random() < 0.45 else ""

    def page_body(self) -> str:
        r = self.rng
        start = r.random()
        blocks = []
        if start < 0.45:
            blocks.append(self.heading(1))
        elif start < 0.6:
            blocks.append(self.heading(2))
        elif start < 0.65:
            blocks.append(f"# {self.words()}\n# {self.words()}")
        elif start < 0.7:
            blocks.append("<!-- leading comment -->")
        blocks += [self.block() for _ in range(r.randint(1, 9))]
        return "\n\n".join(blocks) + r.choice(("\n", "", "\n\n"))

    def path(self, number: int) -> str:
        r = self.rng
        folder = r.choice(("", "", "sub/", "Capital/", "Folder Name/", "a/b/", "Ünï/", "x y/z/"))
        name = r.choice((f"page-{number}", f"Page {number}", f"CAPS_{number}", f"p{number}.v2",
                         f"ß{number}", "index", "README", f"über {number}"))
        if name in ("index", "README"):
            folder = f"{folder}dir{number}/" if r.random() < 0.7 else folder
        return f"{folder}{name}.md"

    def page(self, number: int) -> GeneratedPage:
        text = self.front_matter() + self.page_body()
        bom = b"\xef\xbb\xbf" if self.rng.random() < 0.03 else b""
        return GeneratedPage(self.path(number), bom + text.encode("utf-8"))


def generate_pages(seed: int, count: int) -> list[GeneratedPage]:
    """`count` pages from `seed`, with distinct paths (a repeated path is drawn again)."""
    gen = PageGenerator(seed)
    pages: dict[str, GeneratedPage] = {}
    number = 0
    while len(pages) < count:
        page = gen.page(number)
        pages.setdefault(page.path, page)
        number += 1
    return list(pages.values())


# -- building and comparing ---------------------------------------------------------------------

def write_site(root: Path, pages: list[GeneratedPage], use_directory_urls: bool, emoji: bool = True) -> Path:
    """An MkDocs project of `pages` with the knowledge base's extensions (`emoji=False`: without
    pymdownx.emoji, as uv's site)."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    config = MKDOCS_YML.format(site_url=SITE_URL, use_directory_urls=str(use_directory_urls).lower())
    if not emoji:
        config = config[: config.index("  - pymdownx.emoji:")]
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.source)
    return root


def mkdocs_search_index(root: Path) -> list[dict]:
    """Build the site with the real MkDocs and return its search index's entries."""
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                          "-d", str(root / "site")], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{run.stderr[-3000:]}")
    return json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def faqbot_sections(root: Path) -> list[dict]:
    """faqbot's sections of the same project (what `faqbot index --list` prints)."""
    warnings = Warnings()
    project = DocsProject.load(root, warnings)
    index, _ = open_index(project, root / "faqbot.idx", warnings)
    return [{"location": s["location"], "title": s["title"], "src_path": page["src_path"]}
            for page, s in index.sections()]


_KEPT_TAGS = re.compile(r"</?(?:p|code|pre|li|ol|ul|sub|sup)>")


def shown_title(title: str) -> str:
    """A search index title as the site shows it: Material keeps a few tags (`<code>`) and escapes the
    text; the browser renders the tags, the entities and collapses runs of white space."""
    return " ".join(html.unescape(_KEPT_TAGS.sub("", title)).split())


def _page_of(location: str, pages_by_url: dict[str, str]) -> str:
    return pages_by_url.get(location.split("#", 1)[0], "?")


def compare(site: list[dict], ours: list[dict]) -> list[Difference]:
    """Every location only one side has, and every title that differs (as shown). A location two
    headings share (a repeated `{#id}`) is compared entry by entry, in page order."""
    pages_by_url = {s["location"].split("#", 1)[0]: s["src_path"] for s in ours}
    site_titles: dict[str, list[str]] = {}
    our_titles: dict[str, list[str]] = {}
    for d in site:
        site_titles.setdefault(d["location"], []).append(shown_title(d["title"]))
    for d in ours:
        our_titles.setdefault(d["location"], []).append(" ".join(d["title"].split()))
    diffs = []
    for location in [*site_titles, *(loc for loc in our_titles if loc not in site_titles)]:
        theirs, mine = site_titles.get(location, []), our_titles.get(location, [])
        for n in range(max(len(theirs), len(mine))):
            a = theirs[n] if n < len(theirs) else None
            b = mine[n] if n < len(mine) else None
            if a != b:
                diffs.append(Difference(_page_of(location, pages_by_url), location, a, b))
    return diffs


@dataclass
class Comparison:
    """The outcome of one differential run: the site's counts and every difference."""

    pages: int
    site_locations: int
    differences: list[Difference]

    @property
    def differing_locations(self) -> int:
        return sum(1 for d in self.differences if d.site is None or d.faqbot is None)

    @property
    def differing_titles(self) -> int:
        return sum(1 for d in self.differences if d.site is not None and d.faqbot is not None)


def compare_with_mkdocs(pages: list[GeneratedPage], workdir: Path, use_directory_urls: bool,
                        emoji: bool = True) -> Comparison:
    root = write_site(workdir, pages, use_directory_urls, emoji)
    site = mkdocs_search_index(root)
    ours = faqbot_sections(root)
    return Comparison(len(pages), len(site), compare(site, ours))


def page_source(pages: list[GeneratedPage], path: str) -> str:
    page = next((p for p in pages if p.path == path), None)
    return page.source.decode("utf-8-sig") if page else ""

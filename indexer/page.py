"""One page of the knowledge base: front matter, and the sections its Markdown makes."""

from __future__ import annotations

import math
import posixpath
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from markdown_it.token import Token
from yaml.resolver import Resolver

from indexer.config import DocsProject
from indexer.files import MARKDOWN_EXTENSIONS, MAX_PAGE_BYTES, DocsFile, page_url, text_digest
from indexer.search.synonyms import SAFE_LOADER
from indexer.sections import Section, SectionParser
from indexer.syntax import markdown_parser
from indexer.syntax.html import INLINE_HTML_LINES
from indexer.syntax.preprocess import Snippets, extract_abbreviations, split_line_comments
from indexer.warnings import Warnings

# MkDocs' own reading of front matter (mkdocs.utils.meta.get_data): YAML between `---` lines, else
# MultiMarkdown `Key: value` lines up to the first blank line.
_YAML_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_MMD_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MMD_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class Page:
    """A page as the index keeps it: where it is, how the site addresses it, its search boost,
    its sections, and what it was made from (content digest, included snippets)."""

    src_path: str
    url: str
    title: str
    boost: float
    sections: list[Section]
    digest: str
    includes: list[str] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    status: str = ""
    tags: list[str] = field(default_factory=list)
    excluded: bool = False
    oversized: bool = False  # over a limit and cut: kept out of the statistics, ranked behind the rest


def parse_page(file: DocsFile, text: str, project: DocsProject, warnings: Warnings,
               digest: str | None = None) -> Page:
    digest = digest or text_digest(text)
    meta, body = _split_front_matter(text, file, warnings)
    search: dict[str, Any] = meta["search"] if isinstance(meta.get("search"), dict) else {}
    boost = _boost(search.get("boost", 1), file, warnings)
    page = Page(
        src_path=file.src_path, url=file.url, title="", boost=boost, sections=[], digest=digest,
        status=str(meta.get("status") or ""),
        tags=[str(t) for t in meta.get("tags", []) if t] if isinstance(meta.get("tags"), list) else [],
        excluded=search.get("exclude") is True,
    )
    if page.excluded:
        return page

    snippets = Snippets(project.root, str(file.abs_path), warnings, bases=project.snippet_bases,
                        check_paths=project.snippet_check_paths)
    body = snippets.expand(body)
    body, page.abbreviations = extract_abbreviations(body)
    body, moved_lines = split_line_comments(body)
    page.includes = sorted(snippets.included)

    # read_text stopped at the size limit (a cut may have split a character) or includes took it past it
    limit = MAX_PAGE_BYTES - 4
    page.oversized = len(body) >= limit and len(body.encode("utf-8", "surrogatepass")) >= limit
    body, cut = _before_heading_lines(body, 2 * MAX_HEADINGS)  # 100,000 headings are not parsed whole
    md = markdown_parser(project.emoji)
    env: dict[str, Any] = {INLINE_HTML_LINES: moved_lines}
    tokens = md.parse(body, env)
    headings = [i for i, tok in enumerate(tokens) if tok.type == "heading_open" and tok.level == 0]
    if cut or len(headings) > MAX_HEADINGS:  # no knowledge base page has this many: cut, so it cannot swamp the rest
        warnings.add(file.abs_path, f"more than {MAX_HEADINGS} headings: only the first {MAX_HEADINGS} are indexed")
        tokens = tokens[: headings[MAX_HEADINGS]] if len(headings) > MAX_HEADINGS else tokens
        page.oversized = True
    page.title = _page_title(meta, tokens, file.src_path)
    crumbs = project.crumbs(file.src_path)
    parser = SectionParser(
        page_url=file.url, page_title=page.title, crumbs=crumbs,
        resolve_link=lambda href: resolve_link(href, file.src_path, project),
        reparse=md.parse,
        footnote_labels=[label[1:] for label in env.get("footnotes", {}).get("refs", {})],
    )
    page.sections = parser.parse(tokens)
    page.abbreviations.update(parser.abbreviations)
    return page


MAX_HEADINGS = 1000  # sections a page may have (the real knowledge bases: at most 60)
_HEADING_LINE = re.compile(r"^[ \t>]*(?:#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$)", re.M)  # ATX, or a setext underline


def _before_heading_lines(body: str, limit: int) -> tuple[str, bool]:
    """The body before its (limit + 1)th line that may be a heading, and whether it was cut there.
    Each heading has one such line (its `#` line or its setext underline), but not every such line
    is a heading (a `#` comment in code, a `---` rule), so the limit is twice the headings allowed,
    and a page cut here counts as over the limit."""
    if body.count("\n") < limit:
        return body, False  # fewer lines than the limit: nothing to count
    for count, match in enumerate(_HEADING_LINE.finditer(body), 1):
        if count > limit:
            return body[: match.start()], True
    return body, False


def resolve_link(href: str, src_path: str, project: DocsProject) -> str:
    """An absolute site URL for a link written in a page (`../x.md#a` -> `https://site/x/#a`)."""
    href = href.strip()
    if not href or _URL_SCHEME.match(href) or href.startswith("//"):
        return href
    here = project.site_url + page_url(src_path, project.use_directory_urls)
    path, _, anchor = href.partition("#")
    if not path:
        return f"{here}#{anchor}"
    unquoted = urllib.parse.unquote(path)
    if unquoted.lower().endswith(MARKDOWN_EXTENSIONS):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_path), unquoted)).lstrip("/")
        url = project.site_url + page_url(target, project.use_directory_urls)
    else:
        url = urllib.parse.urljoin(here, path)
    return f"{url}#{anchor}" if anchor else url


def _split_front_matter(text: str, file: DocsFile, warnings: Warnings) -> tuple[dict[str, Any], str]:
    """Front matter as MkDocs reads it (mkdocs.utils.meta.get_data): YAML between `---` lines that
    loads as a mapping is metadata; anything else leaves the page whole, `---` lines included, so
    they are content as on the site. Without `---`, MultiMarkdown `Key: value` lines are metadata."""
    match = _YAML_FRONT_MATTER.match(text)
    if match is None:
        return _multimarkdown_meta(text)
    meta = _simple_front_matter(match.group(1))
    if meta is not None:
        return meta, text[match.end():].lstrip("\n")
    try:
        meta = yaml.load(match.group(1), Loader=SAFE_LOADER)  # the safe loader, as MkDocs loads front matter
    except Exception as exc:  # any YAML error: MkDocs ignores the front matter the same way
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        warnings.add(file.abs_path, f"front matter is not valid YAML ({reason}): the site shows it as text")
        return {}, text
    if not isinstance(meta, dict):
        warnings.add(file.abs_path, "front matter is not a mapping: the site shows it as text")
        return {}, text
    return meta, text[match.end():].lstrip("\n")


_SIMPLE_LINE = re.compile(r"(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(?P<value>.*))?")
_COMMENT = re.compile(r"[ \t]#|^#")
_PLAIN_INT = re.compile(r"0|[1-9][0-9]{0,17}")


def _simple_front_matter(text: str) -> dict[str, Any] | None:
    """The mapping YAML makes of front matter in its simplest, and most common, shape (`key: value`
    lines, one level of nested keys; values plain text, numbers or nothing; comments), built
    directly: what `yaml.load` gives it, in a tenth of the time. None for anything else (quotes,
    lists, flow style, tabs, anchors, booleans, dates, a repeated key…): then YAML reads it.
    Keys and values are resolved by PyYAML's own implicit resolvers, so a plain word that YAML
    would read as something other than text goes to YAML too."""
    meta: dict[str, Any] = {}
    parent: dict[str, Any] | None = None  # the nested mapping being filled
    parent_key = ""
    nested_indent = 0
    for line in text.split("\n"):
        if not line.strip(" "):
            continue
        if line.lstrip(" ").startswith("#"):
            continue  # a comment line
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None:
            return None
        key, raw = m.group("key"), m.group("value") or ""
        comment = _COMMENT.search(raw)
        written = (raw[: comment.start()] if comment else raw).rstrip(" ")
        value = _plain_value(written)
        if value is _NOT_SIMPLE or _plain_value(key) != key:
            return None
        indent = len(m.group("indent"))
        if indent == 0:
            if key in meta:
                return None
            meta[key] = value
            parent, parent_key, nested_indent = None, "" if written else key, 0  # only `key:` may have keys under it
            continue
        if not parent_key or (nested_indent and indent != nested_indent):
            return None  # indented under a key with a value, or unevenly
        if parent is None:
            parent = meta[parent_key] = {}
            nested_indent = indent
        if key in parent:
            return None
        parent[key] = value
    return meta or None


_NOT_SIMPLE = object()
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")


@lru_cache(maxsize=4096)  # keys and most values repeat from page to page
def _plain_value(value: str) -> Any:
    """A one-line plain YAML scalar as PyYAML's safe loader constructs it: None for nothing or a
    null, an int for a plain decimal, the text itself when no implicit resolver claims it; else
    _NOT_SIMPLE."""
    if not value:
        return None
    if value[0] in _PLAIN_START or value.endswith(":") or ": " in value or "\t" in value or not value.isprintable():
        return _NOT_SIMPLE
    tags = [tag for tag, pattern in Resolver.yaml_implicit_resolvers.get(value[0], ()) if pattern.match(value)]
    if not tags:
        return value
    if tags[0] == "tag:yaml.org,2002:null":
        return None
    if tags[0] == "tag:yaml.org,2002:int" and _PLAIN_INT.fullmatch(value):
        return int(value)
    return _NOT_SIMPLE


def _multimarkdown_meta(text: str) -> tuple[dict[str, Any], str]:
    """MkDocs' fallback for pages without `---`: leading `Key: value` lines (keys lower-cased, indented
    lines continue a value) up to a blank line are metadata, and leave the page."""
    if not _MMD_META.match(text):
        return {}, text
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    key = None
    while lines:
        line = lines.pop(0)
        if not line.strip():
            break
        if m := _MMD_META.match(line):
            key = m.group("key").lower().strip()
            value = m.group("value").strip()
            meta[key] = f"{meta[key]} {value}" if key in meta else value
        elif (more := _MMD_META_MORE.match(line)) and key:
            meta[key] += " " + more.group("value").strip()
        else:
            lines.insert(0, line)
            break
    return meta, "\n".join(lines).lstrip("\n")


def _boost(value: Any, file: DocsFile, warnings: Warnings) -> float:
    try:
        if isinstance(value, bool):
            raise ValueError
        boost = float(value)
        if not math.isfinite(boost) or boost < 0:
            raise ValueError
    except (TypeError, ValueError):
        warnings.add(file.abs_path, f"search.boost {value!r} is not a non-negative number: using 1")
        return 1.0
    return boost


def _page_title(meta: dict[str, Any], tokens: list[Token], src_path: str) -> str:
    """MkDocs' Page.title: the front matter's `title` whatever its value (Material writes `str()` of it),
    else the text of an h1 that is the page's first element, else "Home" for the home page, else the
    file's name."""
    if "title" in meta:
        return str(meta["title"])
    return _leading_h1(tokens) or _title_from_filename(src_path)


def _leading_h1(tokens: list[Token]) -> str | None:
    """The h1 that opens the page, as MkDocs' title extractor reads it (mkdocs.utils.rendering.
    get_heading_text): its text with images by their alt text, footnote references left out."""
    if len(tokens) < 2 or tokens[0].type != "heading_open" or tokens[0].tag != "h1":
        return None
    parts = []
    for child in tokens[1].children or []:
        if child.type in ("text", "code_inline", "kbd"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)  # markdown-it keeps the alt text here
        elif child.type == "icon":
            parts.append(child.meta.get("alt", ""))
    return " ".join("".join(parts).split()) or None


def _title_from_filename(src_path: str) -> str:
    """MkDocs' fallback title: "Home" for the site's home page, else the file's name (README counts as
    index) with `-` and `_` as spaces, capitalized when all lower case."""
    stem = posixpath.splitext(posixpath.basename(src_path))[0]
    if stem == "README":
        stem = "index"
    if stem == "index" and "/" not in src_path:
        return "Home"
    title = stem.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title

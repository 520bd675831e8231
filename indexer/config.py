"""The MkDocs project being indexed: where its pages are and how the site addresses them."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from indexer.warnings import Warnings

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
DEFAULT_SEPARATOR = r"[\s\-]+"  # MkDocs' own default, which the published site uses


# libyaml's parser when PyYAML has it (a tenth of the time), with the same safe constructors
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TolerantLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """A safe YAML loader that accepts any tag (`!!python/name:…`, `!ENV`, `!relative`).

    Real mkdocs.yml files name Python objects for Markdown extensions; we never import them,
    we only need the plain settings around them.
    """


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if suffix == "ENV" or suffix == "!ENV":
        # `!ENV VAR` or `!ENV [VAR, default]`: use the environment, else the default.
        values = (
            loader.construct_sequence(node)
            if isinstance(node, yaml.SequenceNode)
            else [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else []
        )
        for name in values[:-1] if len(values) > 1 else values:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return values[-1] if len(values) > 1 else None
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node, deep=True)


_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


@dataclass(frozen=True)
class DocsProject:
    """An MkDocs project folder (with mkdocs.yml) or a bare docs folder, with the settings that
    decide sections and deep links: site_url, docs_dir, use_directory_urls and the search plugin's
    lang and separator."""

    root: Path
    docs_dir: Path
    site_url: str = ""
    use_directory_urls: bool = True
    search_lang: tuple[str, ...] = ("en",)
    search_separator: str = DEFAULT_SEPARATOR
    config_file: Path | None = None
    site_name: str = ""
    # pymdownx.snippets: the folders includes are looked up in (relative to the project folder, where
    # `mkdocs build` runs), and whether a missing one fails the site's build
    snippet_bases: tuple[str, ...] = (".",)
    snippet_check_paths: bool = False
    # pymdownx.emoji: whether `:material-check:` is an icon on the site or stays text (a bare docs
    # folder has no site: its shortcodes are read as icons)
    emoji: bool = True
    # mkdocs.yml's `nav`: of each page it lists, the titles of the sections it is in (the site's
    # breadcrumb); a page it does not list, or a site without one, is placed by its folders
    nav: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # why mkdocs.yml could not be read ("": it could): its settings are then MkDocs' defaults
    config_error: str = field(default="", compare=False)
    extras: dict[str, Any] = field(default_factory=dict, compare=False)

    def crumbs(self, src_path: str) -> list[str]:
        """The sections a page is in, as the site's navigation names them: `nav`'s, else its
        folders' names as MkDocs titles them (`getting-started` -> "Getting started")."""
        listed = self._nav_index().get(src_path)
        if listed is not None:
            return list(listed)
        return [_folder_title(part) for part in src_path.split("/")[:-1] if part]

    def _nav_index(self) -> dict[str, tuple[str, ...]]:
        index = self.extras.get("nav_index")
        if index is None:
            index = self.extras["nav_index"] = dict(self.nav)
        return index

    @classmethod
    def load(cls, path: str | os.PathLike[str], warnings: Warnings | None = None) -> DocsProject:
        """Open `path`: a folder holding mkdocs.yml, the mkdocs.yml itself, or a bare docs folder."""
        warnings = warnings if warnings is not None else Warnings()
        path = Path(path).expanduser().resolve()
        config_file: Path | None
        if path.is_file():
            config_file, root = path, path.parent
        else:
            root = path
            config_file = next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)
        if config_file is None:
            if not root.is_dir():
                raise FileNotFoundError(f"{root}: no such folder")
            return cls(root=root, docs_dir=root)

        raw: Any
        raw, config_error = _read_config(config_file, warnings)
        if not isinstance(raw, dict):
            raw = {}
        docs_dir = (root / str(raw.get("docs_dir") or "docs")).resolve()
        if not docs_dir.is_dir():
            raise FileNotFoundError(f"{config_file}: docs_dir {docs_dir} does not exist")

        theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {}
        lang = _theme_language(theme)
        separator = DEFAULT_SEPARATOR
        search = _plugin_config(raw.get("plugins"), "search")
        if search is not None:
            if search.get("lang"):
                lang = search["lang"]
            if isinstance(search.get("separator"), str):
                separator = search["separator"]
        langs = tuple(lang) if isinstance(lang, list) else (str(lang),)
        snippets = _plugin_config(raw.get("markdown_extensions"), "pymdownx.snippets") or {}
        bases = snippets.get("base_path", ["."])
        if not isinstance(bases, list):
            bases = [bases] if isinstance(bases, str) else ["."]
        _warn_about_page_changers(raw, config_file, warnings)
        _warn_about_own_anchors(raw, config_file, warnings)
        site_url = str(raw.get("site_url") or "")
        if site_url and not site_url.endswith("/"):
            site_url += "/"
        return cls(
            root=root,
            docs_dir=docs_dir,
            site_url=site_url,
            use_directory_urls=bool(raw.get("use_directory_urls", True)),
            search_lang=langs,
            search_separator=separator,
            config_file=config_file,
            site_name=str(raw.get("site_name") or ""),
            snippet_bases=tuple(str(b) for b in bases if b) or (".",),
            snippet_check_paths=bool(snippets.get("check_paths", False)),
            emoji=_plugin_config(raw.get("markdown_extensions"), "pymdownx.emoji") is not None,
            nav=tuple(_nav_sections(raw.get("nav"))),
            config_error=config_error,
        )

    def fingerprint(self) -> str:
        """A digest of every setting that changes sections or links: when it changes, rebuild."""
        settings = {
            # where docs_dir is within the project, not where the project is: an index follows a
            # project that moves (a new export of a git commit) without a rebuild
            "docs_dir": os.path.relpath(self.docs_dir, self.root),
            "site_url": self.site_url,
            "use_directory_urls": self.use_directory_urls,
            "lang": list(self.search_lang),
            "separator": self.search_separator,
            "snippet_bases": list(self.snippet_bases),
            "emoji": self.emoji,
            "nav": [[path, list(titles)] for path, titles in self.nav],
        }
        return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]

    def describe(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extras")
        return {k: str(v) if isinstance(v, Path) else v for k, v in data.items()}


def _folder_title(name: str) -> str:
    """A folder's name as MkDocs titles a section of its own navigation (`dirname_to_title`):
    dashes and underscores as spaces, capitalised when it was all lower case."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _nav_sections(nav: Any, above: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...]]]:
    """Each page of an mkdocs.yml `nav` (a list of paths, `title: path` and `title: [...]`
    sections) with the titles of the sections it is in; links to other sites and entries of
    another shape are passed over (MkDocs warns about those)."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for item in nav if isinstance(nav, list) else []:
        entries = item.items() if isinstance(item, dict) else [(None, item)]
        for title, value in entries:
            if isinstance(value, list):
                found += _nav_sections(value, (*above, str(title)) if title is not None else above)
            elif isinstance(value, str) and "://" not in value and not value.startswith("/"):
                found.append((value.strip().removeprefix("./"), above))
    return found


_parsed: dict[tuple[str, int, int, int], tuple[Any, str]] = {}  # the last mkdocs.yml parsed, by its stat


def _read_config(config_file: Path, warnings: Warnings) -> tuple[Any, str]:
    """mkdocs.yml's settings as YAML reads them; parsed once in a process while the file keeps its
    size, time and inode (a project is loaded again by every update), unless it changed within
    the racy margin of being read (indexer.files.RACY_NS: a second write in the same clock tick
    keeps the time). With them, why it could not be read ("" when it could)."""
    from indexer.files import RACY_NS

    try:
        st = config_file.stat()
        key = (str(config_file), st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError:
        st, key = None, None
    if key is not None and key in _parsed:
        raw, error = _parsed[key]
    else:
        raw, error = {}, ""
        try:
            raw = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            error = " ".join(str(exc).split())  # YAML's message spans lines: one line
        if key is not None and st is not None and st.st_mtime_ns < time.time_ns() - RACY_NS:
            _parsed.clear()
            _parsed[key] = (raw, error)
    if error:
        warnings.add(config_file, f"unreadable MkDocs config, using defaults ({error})")
    return copy.deepcopy(raw), error


# Plugins known to leave a page's Markdown and headings alone (they add files, metadata, redirects,
# navigation or assets); any other plugin may change pages while the site builds.
PLUGINS_THAT_KEEP_PAGES = frozenset({
    "search", "redirects", "llmstxt", "git-revision-date-localized", "git-revision-date", "git-committers",
    "git-authors", "social", "offline", "privacy", "optimize", "minify", "rss", "glightbox", "awesome-pages",
    "literate-nav", "section-index", "meta", "info", "typeset",
})


def _warn_about_page_changers(raw: dict[str, Any], config_file: Path, warnings: Warnings) -> None:
    """One warning naming the `hooks:` and the plugins that may change pages while MkDocs builds the
    site: faqbot never runs them (a docs repository is no place to run code from), so sections they
    rename or add differ from the site."""
    hooks = raw.get("hooks")
    hook_names = [str(h) for h in hooks] if isinstance(hooks, list) else ([str(hooks)] if hooks else [])
    plugins = [name for name in _plugin_names(raw.get("plugins"))
               if name.split("/")[-1] not in PLUGINS_THAT_KEEP_PAGES]
    parts = []
    if hook_names:
        parts.append(f"hooks {', '.join(hook_names)}")
    if plugins:
        parts.append(f"plugins {', '.join(plugins)}")
    if parts:
        warnings.add(config_file, f"{' and '.join(parts)} may change pages while the site builds; faqbot does not "
                                  "run them, so deep links to sections they change may differ from the site")


def _warn_about_own_anchors(raw: dict[str, Any], config_file: Path, warnings: Warnings) -> None:
    """faqbot makes heading ids as toc does by default; a site with its own `slugify` or `separator`
    makes others, so say so once."""
    toc = _plugin_config(raw.get("markdown_extensions"), "toc") or {}
    own = [key for key in ("slugify", "separator") if toc.get(key) is not None]
    if own:
        warnings.add(config_file, f"toc {' and '.join(own)} of the site's own: faqbot makes heading ids as toc does "
                                  "by default, so deep links to sections may differ from the site")


def _plugin_names(plugins: Any) -> list[str]:
    return [name for name, _ in _plugin_items(plugins)]


def _plugin_items(plugins: Any) -> list[tuple[str, Any]]:
    """(name, options) of each entry of a `plugins:` or `markdown_extensions:` list or mapping."""
    if isinstance(plugins, dict):
        return [(str(k), v) for k, v in plugins.items()]
    items: list[tuple[str, Any]] = []
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, str):
            items.append((entry, {}))
        elif isinstance(entry, dict):
            items.extend((str(k), v) for k, v in entry.items())
    return items


def _theme_language(theme: dict[str, Any]) -> str:
    value = theme.get("language") or theme.get("locale") or "en"
    return str(value)


def _plugin_config(plugins: Any, name: str) -> dict[str, Any] | None:
    """The options of plugin `name` in a `plugins:` list or mapping (None when not listed)."""
    for key, options in _plugin_items(plugins):
        if key.split("/")[-1] == name:
            return options if isinstance(options, dict) else {}
    return None


SYNONYMS_FILE = "synonyms.yml"


def synonyms_path(project: DocsProject | Path) -> Path:
    """Where the project keeps its own terms: synonyms.yml beside mkdocs.yml (it may not exist;
    the general vocabulary of the site's language applies either way)."""
    root = project.root if isinstance(project, DocsProject) else Path(project)
    return root / SYNONYMS_FILE

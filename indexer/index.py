"""The index of a knowledge base: every page's sections and term counts, kept up to date
incrementally and stored on disk (see `store`). The search core is compiled from it on load."""

from __future__ import annotations

import hashlib
import os
import posixpath
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer import store
from indexer.config import DocsProject, synonyms_path
from indexer.files import (
    BINARY,
    RACY_NS,
    DocsFile,
    Expected,
    Listings,
    Walk,
    file_state,
    is_binary,
    page_stats,
    read_text,
    readmes_skipped,
    stat_of,
    text_digest,
    walked_pages,
)
from indexer.memory import collector_paused, settle
from indexer.pages import PageStateTuple, PageTable, columns_of, position_in, state_of
from indexer.progress import Progress
from indexer.records import IncludeState, PageRecord, SectionRecord, SpecialPage
from indexer.search.analyzer import ANALYZER_VERSION
from indexer.search.postings import FIELDS, Vocabulary
from indexer.warnings import Warnings

if TYPE_CHECKING:
    from indexer.build import Job
    from indexer.search.engine import Searcher

SCHEMA = 2  # bump when the page records change shape (2: `oversized`, `includes` typed from the start)
# bump when the manifest changes shape (2: pages in columns, the folders' listings): another is not used,
# and the next update writes a current one (an older faqbot finds no `schema` in it and does the same)
MANIFEST_FORMAT = 3  # 3: binary pages (`skipped`)


class Rebuild(StrEnum):
    """Why an update rebuilt the whole index (front ends word it for people)."""

    REQUESTED = "requested"  # --full, or `update(full=True)`
    SETTINGS_CHANGED = "settings-changed"  # mkdocs.yml settings that shape sections or links, or the analyzer


@dataclass
class UpdateReport:
    """What one `faqbot index` run did: the page counts match the docs folder exactly."""

    pages: int = 0
    sections: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    seconds: float = 0.0
    rebuilt: Rebuild | None = None  # why a full rebuild happened, if one did
    touched: int = 0  # unchanged pages whose file was rewritten (new time, same text)
    saved: bool = False

    def summary(self) -> dict[str, Any]:
        return {"pages": self.pages, "sections": self.sections, "added": len(self.added),
                "changed": len(self.changed), "removed": len(self.removed),
                "unchanged": self.unchanged, "seconds": round(self.seconds, 3)}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Changes:
    """What an update found in the docs folder: the pages to parse, and the pages still there of
    those it looked at: every page, or after a delta walk (`Walk.gone`) the pages in `scope`, all
    others unchanged."""

    jobs: list[Job] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    scope: set[str] | None = None


class Index:
    """Pages keyed by their path in docs_dir, each with its sections, its search boost and its
    packed term counts; plus what it was built from (project settings, analyzer, time).

    It also remembers what differs from the base file it was read from (`since_base`, `removed`,
    terms past `base_terms`): exactly what the journal must hold for the files to equal it."""

    def __init__(self, data: dict[str, Any] | None = None, blobs: store.BaseBlobs | None = None) -> None:
        data = data or {}
        self.schema: int = data.get("schema", SCHEMA)
        self.settings: str = data.get("settings", "")
        self.project: dict[str, Any] = data.get("project", {})
        self.updated_at: float = data.get("updated_at", 0.0)
        self.pages = (PageTable(base=(data["paths"], data["columns"], blobs)) if blobs is not None
                      else PageTable(data.get("pages", {})))
        self.vocabulary = Vocabulary(data.get("terms", []))
        self.base: bytes | None = None  # checksum of the base file this index extends
        self.journal: bytes | None = None  # checksum of the journal file beside it (applied or not)
        self.base_terms = len(self.vocabulary.terms)
        self.since_base: set[str] = set()  # pages added, changed or touched since the base
        self.removed: set[str] = set()  # pages removed since the base
        self._synonyms: list[int | str] | None = None  # the synonyms file the engine was compiled with
        self._core: Searcher | None = None
        # the docs folder of the last walk this index was updated from, and its folders' listings
        # that a later walk may trust (indexer.files.page_stats): the manifest keeps them
        self.listings: tuple[str, Listings] | None = None
        # after an update from a delta walk: the manifest it was checked against and the pages that
        # may differ from it (the next manifest is that one patched, `_manifest`)
        self.manifest_delta: tuple[dict[str, Any], set[str]] | None = None
        # the binary files among the pages the last update read, path -> [size, mtime_ns]: the
        # manifest keeps them, so that a check tells them unchanged without reading them again
        self.skipped: dict[str, list[int]] = {}

    # -- reading ----------------------------------------------------------------------------

    def sections(self) -> Iterator[tuple[PageRecord, SectionRecord]]:
        """(page, section) for every section, pages in path order."""
        for path in sorted(self.pages):
            page = self.pages[path]
            for section in page["sections"]:
                yield page, section

    @property
    def section_count(self) -> int:
        return self.pages.section_count

    @property
    def searcher(self) -> Searcher:
        """The compiled search engine over this index (built on first use, then cached)."""
        if self._core is None:
            from indexer.search.compiled import compile_index
            from indexer.search.engine import Searcher

            root = Path(self.project.get("root", "."))
            with collector_paused():
                self._core = Searcher(compile_index(self), synonyms_path(root), Warnings.to_stderr())
            settle()
        return self._core

    @property
    def needs_compiling(self) -> bool:
        """No search engine since the last change: the next `searcher` compiles one."""
        return self._core is None

    def answer_from(self, searcher: Searcher | None) -> None:
        """Answer from `searcher`, the engine of this index mapped from its search file (the one
        compiled here is dropped); nothing changes when it is None (the file was not written)."""
        if searcher is not None:
            self._core = searcher

    def base_meta(self) -> tuple[dict[str, Any], list[str]]:
        """What a new base holds besides the records, and the order of its records (by path)."""
        paths = sorted(self.pages)
        summaries = self.pages.summaries()
        return {"schema": self.schema, "settings": self.settings, "project": self.project,
                "updated_at": self.updated_at, "generation": os.urandom(8), "paths": paths,
                "columns": columns_of([summaries[p] for p in paths]), "terms": self.vocabulary.terms}, paths

    def journal_data(self) -> dict[str, Any]:
        """What the base lacks: the pages changed since, those removed, the new terms."""
        return {"base": self.base, "base_terms": self.base_terms, "schema": self.schema,
                "settings": self.settings, "project": self.project, "updated_at": self.updated_at,
                "pages": {path: self.pages[path] for path in sorted(self.since_base)},
                "removed": sorted(self.removed), "terms": self.vocabulary.terms[self.base_terms:]}

    def apply_journal(self, journal: dict[str, Any]) -> None:
        for key in ("schema", "settings", "project", "updated_at"):
            setattr(self, key, journal[key])
        for path in journal["removed"]:
            self.pages.pop(path, None)
        self.pages.update(journal["pages"])
        for term in journal["terms"]:
            self.vocabulary.id(term)
        self.since_base, self.removed = set(journal["pages"]), set(journal["removed"])

    # -- updating ---------------------------------------------------------------------------

    def update(self, project: DocsProject, warnings: Warnings, full: bool = False,
               progress: Progress | None = None, walk: Walk | None = None) -> UpdateReport:
        """Bring the index in line with the docs folder: parse only pages whose content (or an
        included snippet) changed; a changed project setting or analyzer forces a full rebuild.
        In three steps, as a writer does: what changed, the pages parsed again (`progress` told
        of each), what is gone."""
        started = time.perf_counter()
        report = UpdateReport()
        self.skipped = {}
        previous = self._start_over_if_needed(project, full, report)
        changes = self._changes(project, warnings, report, walk)
        self._parse_again(changes, project, warnings, previous, report, progress)
        self._drop_missing(changes, previous, report)
        self._forget_compiled(project, report)
        self.project = project.describe()
        report.pages = len(self.pages)
        report.sections = self.section_count
        report.seconds = time.perf_counter() - started
        return report

    def _start_over_if_needed(self, project: DocsProject, full: bool, report: UpdateReport) -> dict[str, str]:
        """Empty the index when asked to, or when it was built under other settings (mkdocs.yml,
        analyzer, record format); the digests it held, to report the rebuild against."""
        settings = _settings_digest(project)
        if not (full or settings != self.settings or self.schema != SCHEMA):
            return {}
        if full or self.pages:
            report.rebuilt = Rebuild.REQUESTED if full else Rebuild.SETTINGS_CHANGED
        previous = {path: summary["digest"] for path, summary in self.pages.summaries().items()}
        self.pages, self.vocabulary, self.settings, self.schema = PageTable(), Vocabulary(), settings, SCHEMA
        self.base = None
        return previous

    def _changes(self, project: DocsProject, warnings: Warnings, report: UpdateReport,
                 walk: Walk | None = None) -> Changes:
        """Walk the docs folder: the pages to parse (new, or their text or an include changed) and
        the pages still there. A page whose size and time are unchanged is not read; one read
        again with the same text is only touched (its new time recorded)."""
        from indexer.build import Job  # the parsing machinery, imported only when there is work for it

        changes = Changes()
        checked_ns = time.time_ns()
        walk = walk if walk is not None else Walk()
        if walk.gone is not None and (self.base is None or walk.manifest is None):
            walk.stats = walk.gone = None  # a delta of files this index is not read from: walked again
        changes.scope = walk.scope
        root, stats = walked_pages(project.docs_dir, warnings, walk)
        self.listings = (str(project.docs_dir.resolve()), walk.folders or Listings())
        self.manifest_delta = None
        state_of_page: Callable[[str], PageStateTuple | None]
        if changes.scope is None:
            state_of_page = self.pages.table().get
        else:  # a delta: only its pages are looked up
            assert walk.manifest is not None
            self.manifest_delta = (walk.manifest, changes.scope)
            report.unchanged += len(self.pages) - sum(1 for rel in changes.scope if rel in self.pages)
            state_of_page = self.pages.page_state
        unchanged: list[str] = []
        todo: list[str] = []
        for rel, (size_now, mtime_now) in stats.items():
            state = state_of_page(rel)
            if state is not None and _unchanged(state, size_now, mtime_now, project):
                unchanged.append(rel)
                continue
            todo.append(rel)
        changes.seen.update(unchanged)
        report.unchanged += len(unchanged)
        for rel in sorted(todo):  # in path order: new terms are numbered the same way every time
            state = state_of_page(rel)
            size_now, mtime_now = stats[rel]
            file = DocsFile(rel, root, size_now, mtime_now, project.use_directory_urls)  # only for what is read
            if state is None:
                changes.jobs.append(Job(file))  # a new page is read where it is parsed (a worker, in a full build)
                continue
            old = self.pages.summary(file.src_path)
            assert old is not None
            text = read_text(file.abs_path, warnings)
            if text is None:
                self._skip(file, checked_ns)  # with a warning: not a page
                continue
            changes.seen.add(file.src_path)
            digest = text_digest(text)
            if old["digest"] == digest and not _includes_changed(old["includes"], project):
                record = self.pages[file.src_path]
                record["stat"], record["checked_ns"] = [file.size, file.mtime_ns], checked_ns
                self.pages[file.src_path] = record
                self.since_base.add(file.src_path)
                report.unchanged += 1
                report.touched += 1
                continue
            changes.jobs.append(Job(file, text, digest))
        return changes

    def _parse_again(self, changes: Changes, project: DocsProject, warnings: Warnings, previous: dict[str, str],
                     report: UpdateReport, progress: Progress | None = None) -> None:
        """Parse the changed and new pages (over worker processes in a full build) into records."""
        from indexer.build import build_records

        total = len(changes.jobs)
        for done, (job, record) in enumerate(build_records(changes.jobs, project, self.vocabulary, warnings), 1):
            if progress is not None:
                progress(done, total)
            path = job.file.src_path
            if record is None:
                self._skip(job.file, time.time_ns())  # not a page: with a warning
                continue
            changes.seen.add(path)
            if path in self.pages or path in previous:
                if previous.get(path) == record["digest"]:
                    report.unchanged += 1  # parsed again by a rebuild, the same text
                else:
                    report.changed.append(path)
            else:
                report.added.append(path)
            self.pages[path] = record
            self.since_base.add(path)
            self.removed.discard(path)

    def _skip(self, file: DocsFile, checked_ns: int) -> None:
        """Remember a page left out for being binary, by its size and time before it was read,
        unless that time says nothing yet (racily clean) or it was left out for another reason
        (unreadable: that may change with neither)."""
        if not _racily_clean(file.mtime_ns, checked_ns) and is_binary(file.abs_path):
            self.skipped[file.src_path] = [file.size, file.mtime_ns]

    def _drop_missing(self, changes: Changes, previous: dict[str, str], report: UpdateReport) -> None:
        """Remove the pages no longer in the docs folder (of those the walk looked at)."""
        if changes.scope is not None:
            report.removed = sorted(rel for rel in changes.scope if rel in self.pages and rel not in changes.seen)
        else:
            report.removed = sorted((set(self.pages) | set(previous)) - changes.seen)
        for path in report.removed:
            self.pages.pop(path, None)
            self.since_base.discard(path)
            self.removed.add(path)

    def _forget_compiled(self, project: DocsProject, report: UpdateReport) -> None:
        """The search engine is compiled again after any change, or when the synonyms file changed
        (it is applied at question time: the pages stay as they are)."""
        if report.added or report.changed or report.removed or report.rebuilt or not self.updated_at:
            self.updated_at = time.time()
            self._core = None
        synonyms = file_state(synonyms_path(project))
        if synonyms != self._synonyms:
            self._synonyms, self._core = synonyms, None

    def synonyms_current(self, project: DocsProject) -> bool:
        """Whether the engine was compiled with the project's synonyms file as it is now."""
        return self._synonyms == file_state(synonyms_path(project))

    @property
    def journal_share(self) -> float:
        """How much of the index the journal holds: past a tenth, a new base is cheaper."""
        return (len(self.since_base) + len(self.removed)) / max(len(self.pages), 1)


COMPACT_AT = 0.1  # journal share at which the next save writes a new base


def open_index(project: DocsProject, path: Path, warnings: Warnings, full: bool = False,
               update: bool = True, reuse: Index | None = None,
               progress: Progress | None = None, walk: Walk | None = None) -> tuple[Index, UpdateReport | None]:
    """Load the index at `path` (base and journal), update it from the docs under the update lock
    and save what changed. `reuse`, an index this process already holds, is updated in place when
    the files still are what it was read from or saved as (no load). A damaged or incompatible
    file is rebuilt with a warning."""
    if not update:
        index = read_index(path, warnings)
        settle()
        return index, None
    with store.update_lock(path), collector_paused():
        on_disk = store.identity(path)
        if walk is not None and walk.gone is not None and (walk.manifest or {}).get("stamp") != store.stamp(path):
            walk.stats = walk.gone = None  # a delta from the manifest of files since replaced: walked again
        index = _starting_point(path, on_disk, warnings, reuse)
        try:
            report = index.update(project, warnings, full=full, progress=progress, walk=walk)
        except store.IndexUnusable as exc:  # a record of the base read damaged
            warnings.add(path, f"index unusable ({exc}): rebuilding from the docs")
            index = Index()
            report = index.update(project, warnings, progress=progress)
        if report.added or report.changed or report.removed or report.touched or report.rebuilt \
                or on_disk[0] is None or index.base is None:
            started = time.perf_counter()
            save_index(index, path)
            report.saved = True
            report.seconds += time.perf_counter() - started
        elif index.skipped or not _manifest_current(path):
            # binary files found (the check need not read them again), an older faqbot's, or a kill
            store.save(store.manifest_path(path), _manifest(index, path), durable=False)
    settle()
    return index, report


def _starting_point(path: Path, on_disk: tuple[bytes | None, bytes | None], warnings: Warnings,
                    reuse: Index | None) -> Index:
    """The index to update: the one held in memory while the files are still its own, else the
    one on disk (a full rebuild reports against it)."""
    if reuse is not None and reuse.base is not None and (reuse.base, reuse.journal) == on_disk:
        return reuse
    return read_index(path, warnings)


def save_index(index: Index, path: Path) -> None:
    """Write the journal, or a new base (removing the journal) when there is none or it grew;
    then the manifest that describes them."""
    if index.base is not None and index.journal_share < COMPACT_AT:
        index.journal = store.save(store.journal_path(path), index.journal_data())
    else:
        meta, paths = index.base_meta()
        index.base = store.save_base(path, meta, (index.pages.raw(p) for p in paths))
        store.remove_journal(path)  # bound to the old base: harmless if a kill leaves it
        index.base_terms, index.since_base, index.removed = len(index.vocabulary.terms), set(), set()
        index.journal = None
        _, blobs, _ = store.open_base(path)  # the records now read from the new base, not held
        index.pages = PageTable(base=(paths, meta["columns"], blobs))
    # a kill before this leaves a stale one: unused
    store.save(store.manifest_path(path), _manifest(index, path), durable=False)


def _manifest(index: Index, path: Path) -> dict[str, Any]:
    """What `unchanged_report` decides from: the settings, each page's size and time (no content,
    no terms), the section count, stamped with the files it describes; and the listings of the
    docs folder's folders. Pages in columns (a list of paths, one array of numbers), which load
    in milliseconds where a dict per page took a fifth of a second at 100,000 pages; a page whose
    size and time alone do not tell it unchanged (one with includes, or racily clean) is kept
    whole in `special`. For each listing, the sizes and times its pages should have (`expect`:
    what lets the check tell nothing changed without building the walk's result). The binary
    files the pages' folders hold, by size and time (`skipped`, `Index.skipped`).

    After an update from a delta walk (`Index.manifest_delta`), the manifest it was checked
    against is patched: only the pages of the delta are looked up, only their listings' sizes
    and times made again."""
    docs, folders = index.listings or ("", Listings())
    listed = folders.state()
    if index.manifest_delta is not None:
        previous, scope = index.manifest_delta
        paths, stats, special = _patched_pages(previous, scope, index.pages)
        stat_of = _stat_lookup(paths, stats)
        dirty = {posixpath.dirname(rel) + "/" if "/" in rel else "" for rel in scope}
        expect = _expectations(listed, stat_of, special, len(paths),
                               (previous["folders"], previous["expect"], dirty, paths == previous["paths"]))
        skipped = {rel: stat for rel, stat in previous["skipped"].items() if rel not in scope} | index.skipped
    else:
        table = index.pages.table()
        paths = sorted(table)
        stats = array("q")
        special = {}
        for rel in paths:
            state = table[rel]
            stats.extend(state[:2])
            if _kept_whole(state):
                special[rel] = _special(rel, index.pages)
        expect = _expectations(listed, lambda rel: (s := table.get(rel)) and [s[0], s[1]], special, len(paths))
        skipped = dict(index.skipped)
    return {"format": MANIFEST_FORMAT, "record_schema": index.schema, "settings": index.settings,
            "stamp": store.stamp(path), "paths": paths, "stats": stats.tobytes(), "special": special,
            "sections": index.section_count, "docs": docs, "folders": listed, "expect": expect,
            "skipped": dict(sorted(skipped.items()))}


def _patched_pages(manifest: dict[str, Any], scope: set[str], pages: PageTable
                   ) -> tuple[list[str], array[int], dict[str, SpecialPage]]:
    """The manifest's paths, sizes and times and special pages, with those of `scope` as `pages`
    has them now (added, changed or gone)."""
    paths: list[str] = list(manifest["paths"])
    stats = array("q", manifest["stats"])
    special: dict[str, SpecialPage] = dict(manifest["special"])
    for rel in sorted(scope):
        i = bisect_left(paths, rel)
        present = i < len(paths) and paths[i] == rel
        special.pop(rel, None)
        state = pages.page_state(rel)
        if state is None:
            if present:
                del paths[i]
                del stats[2 * i:2 * i + 2]
            continue
        if present:
            stats[2 * i:2 * i + 2] = array("q", state[:2])
        else:
            paths.insert(i, rel)
            stats[2 * i:2 * i] = array("q", state[:2])
        if _kept_whole(state):
            special[rel] = _special(rel, pages)
    return paths, stats, special


def _kept_whole(state: PageStateTuple) -> bool:
    """Whether the manifest keeps a page whole (`special`): its size and time alone do not tell
    it unchanged (it has includes, or is racily clean)."""
    _, mtime, checked, includes = state
    return bool(includes) or _racily_clean(mtime, checked)


def _special(rel: str, pages: PageTable) -> SpecialPage:
    """A page the manifest keeps whole: its state, and its digest (a racily clean page is told
    unchanged by its content: `_still_as_indexed`)."""
    summary = pages.summary(rel)
    assert summary is not None
    return {"stat": summary["stat"], "checked_ns": summary["checked_ns"], "includes": summary["includes"],
            "digest": summary["digest"]}


def _stat_lookup(paths: list[str], stats: array[int]) -> Callable[[str], list[int] | None]:
    """[size, mtime_ns] of a page by its path in the manifest's sorted `paths`, None if absent."""
    def stat_of(rel: str) -> list[int] | None:
        i = position_in(paths, rel)
        return None if i is None else [stats[2 * i], stats[2 * i + 1]]
    return stat_of


def _expectations(listed: dict[str, Any], stat_of: Callable[[str], list[int] | None],
                  special: dict[str, SpecialPage], pages: int,
                  previous: tuple[dict[str, Any], dict[str, Any], set[str], bool] | None = None) -> dict[str, Any]:
    """For each folder listing (Listings.state), the [size, mtime_ns] of its pages in name order
    as the index has them (indexer.files.Expected), a README an index page takes the URL of left
    out; none when a page is not in the index or not told unchanged by its size and time alone.
    Whether the listings cover all `pages` pages of the index (`Expected.covers`).

    `previous`: an earlier manifest's listings and expectations, the listings (by prefix) whose
    pages changed since, and whether the index has the same pages: a listing that is still the
    same and not among those keeps its expectation. When the listings and the pages are all the
    same (so is which pages they cover), the changed ones are made again in place, as long as
    they fit where they were."""
    expectations: list[Sequence[int] | None] = []
    covered = 0
    old_at: dict[str, int] = {}
    old_values, old_starts, old_ends = array("q"), array("q"), array("q")
    if previous is not None:
        old_listed, old_expect, dirty, same_pages = previous
        old_values = array("q", old_expect["values"])
        old_starts, old_ends = array("q", old_expect["starts"]), array("q", old_expect["ends"])
        if same_pages and listed["prefixes"] == old_listed["prefixes"] and listed["pages"] == old_listed["pages"]:
            for prefix in dirty & set(listed["prefixes"]):
                k = listed["prefixes"].index(prefix)
                remade, _ = _listing_expectation(prefix, listed["pages"][k], stat_of, special)
                if remade is None:
                    old_starts[k] = -1
                elif old_starts[k] >= 0 and old_ends[k] - old_starts[k] == len(remade):
                    old_values[old_starts[k]:old_ends[k]] = array("q", remade)
                else:
                    break  # no room where it was: made listing by listing below (the dirty ones again)
            else:
                return {"values": old_values.tobytes(), "starts": old_starts.tobytes(), "ends": old_ends.tobytes(),
                        "covers": old_expect["covers"]}
        old_at = dict(zip(old_listed["prefixes"], range(len(old_listed["prefixes"])), strict=True))
    for prefix, joined in zip(listed["prefixes"], listed["pages"], strict=True):
        if previous is not None and prefix not in dirty and (k := old_at.get(prefix)) is not None \
                and old_starts[k] >= 0 and old_listed["pages"][k] == joined:
            flat = old_values[old_starts[k]:old_ends[k]]
            expectations.append(flat)
            covered += len(flat) // 2
            continue
        values, count = _listing_expectation(prefix, joined, stat_of, special)
        expectations.append(values)
        covered += count
    return Expected.state(expectations, covers=covered == pages)


def _listing_expectation(prefix: str, joined: str, stat_of: Callable[[str], list[int] | None],
                         special: dict[str, SpecialPage]) -> tuple[list[int] | None, int]:
    """One listing's expectation (`_expectations`), and how many of its pages the index has."""
    names = joined.split("\0") if joined else []
    readmes = readmes_skipped(names) if "README" in joined else set()
    values: list[int] | None = []
    count = 0
    for name in names:
        if name in readmes:
            continue
        rel = prefix + name
        stat = stat_of(rel)
        if stat:
            count += 1
        if not stat or rel in special:
            values = None
        elif values is not None:
            values += stat
    return values, count


def save_search(index: Index, path: Path, warnings: Warnings) -> None:
    """Write the engine of the base `index` was read from (or saved as) to the search file beside
    it, stamped with the base, when the files still are those (checked under the update lock: no
    writer in between); the journal's pages are a segment beside it (`map_search`). It is a
    cache: failing to write it is only a warning."""
    from indexer.search.compiled import compile_index, save_compiled, search_path

    with store.update_lock(path):
        if index.base is None or store.identity(path) != (index.base, index.journal):
            return
        try:
            with collector_paused():
                compiled = compile_index(index, base_only=True, spool=path.parent)
            save_compiled(compiled, path, store.stamp(path)[:1])
        except OSError as exc:
            warnings.add(search_path(path), f"search file not written ({exc.strerror or exc}): the index is read")


def map_search(path: Path, synonyms: Path | None) -> Searcher | None:
    """The search engine of the index files at `path`: the base's mapped from the search file
    (when it was compiled from the base there now), with the journal's pages as a segment beside
    it (indexer.search.segment); else None. Read without the update lock (a question must not wait
    for an update): files another process replaced meanwhile make it None too, never a mix."""
    from indexer.search.compiled import map_compiled
    from indexer.search.engine import Searcher
    from indexer.search.segment import compose

    files = store.identity(path)
    compiled = map_compiled(path, store.stamp(path)[:1])
    if compiled is None:
        return None
    try:
        journal, _ = store.load(store.journal_path(path))
    except FileNotFoundError:
        journal = None
    except (store.IndexUnusable, OSError):
        journal = None  # the update that reads it says so, and writes a current one
    base = store.identity(path)[0]
    with collector_paused():
        if journal is not None and journal.get("base") == base and journal.get("base_terms") == len(compiled.terms):
            compiled = compose(compiled, journal)
        searcher = Searcher(compiled, synonyms, Warnings.to_stderr())
    settle()
    return searcher if store.identity(path) == files else None


def _manifest_current(path: Path) -> bool:
    try:
        manifest, _ = store.load(store.manifest_path(path))
    except (FileNotFoundError, store.IndexUnusable, OSError):
        return False
    return bool(manifest.get("format") == MANIFEST_FORMAT and manifest.get("stamp") == store.stamp(path))


def unchanged_report(project: DocsProject, path: Path, warnings: Warnings,
                     walk: Walk | None = None) -> UpdateReport | None:
    """The report of an update that finds nothing to do, decided from the manifest beside the
    index without reading the index: every page of the docs folder is one it lists, with the
    same size and time (and includes), under the same settings, and the index files are the
    ones it describes. None when any of that is not so (or cannot be told): then update.

    The folders whose listings the manifest keeps and that have not changed since are not
    listed again (indexer.files.page_stats): their pages are only `stat`ed; and while every
    folder and page is as the manifest expects (`expect`), the walk builds nothing."""
    started = time.perf_counter()
    found = Warnings()  # passed on when this decides, else by the update (given `walk`, which keeps them)
    with store.update_lock(path):
        try:
            manifest, _ = store.load(store.manifest_path(path))
        except (FileNotFoundError, store.IndexUnusable, OSError):
            return None
        if (manifest.get("format"), manifest.get("record_schema"), manifest.get("settings"),
                manifest.get("stamp")) != (MANIFEST_FORMAT, SCHEMA, _settings_digest(project), store.stamp(path)):
            return None
        docs = str(project.docs_dir.resolve())
        known = Listings(manifest["folders"]) if manifest["docs"] == docs else None
        # while every folder and page is as the manifest expects, the walk builds nothing
        expected = Expected(manifest["expect"], len(manifest["paths"])) if known is not None else None
        if expected is not None and not (len(expected.starts) == len(expected.ends) == len(known or ())):
            expected = None  # not the manifest's listings' (none written so): only the walk tells
        listings = Listings()
        stats = page_stats(project.docs_dir, found, known, listings, expected)  # path -> [size, mtime_ns]
        held = expected is not None and expected.held  # every folder and page as listed: `stats` is empty
        gone = [] if held else expected.gone if expected is not None else None
        if walk is not None:  # for the update that follows (held: an empty delta; its warnings go with the report)
            walk.stats, walk.warnings, walk.folders = stats, Warnings() if held else found, listings
            walk.gone, walk.manifest = gone, manifest
        if held:
            return _report(manifest, found, warnings, started)
        as_listed = _as_listed(stats, manifest, project) if gone is None else \
            _delta_as_listed(stats, gone, manifest, project)
        if not as_listed:
            return None
        if listings.listed * 8 >= len(listings) > 0:
            # many folders were listed again that a later walk may trust (the docs were written just
            # before the index was, as a fresh checkout is): the manifest keeps their listings now
            listed = listings.state()
            paths = manifest["paths"]  # the walk found them all as the manifest has them
            expect = _expectations(listed, _stat_lookup(paths, array("q", manifest["stats"])), manifest["special"],
                                   len(paths))
            store.save(store.manifest_path(path), {**manifest, "docs": docs, "folders": listed, "expect": expect},
                       durable=False)
    for rel in manifest["skipped"]:  # told as the update that found them told
        if rel in stats:
            found.add(project.docs_dir / rel, BINARY)
    return _report(manifest, found, warnings, started)


def _report(manifest: dict[str, Any], found: Warnings, warnings: Warnings, started: float) -> UpdateReport:
    for file_name, reason in found.items:
        warnings.add(file_name, reason)
    paths = manifest["paths"]
    return UpdateReport(pages=len(paths), sections=manifest["sections"], unchanged=len(paths),
                        seconds=time.perf_counter() - started)


def _as_listed(stats: dict[str, list[int]], manifest: dict[str, Any], project: DocsProject) -> bool:
    """Whether the pages a walk found (path -> [size, mtime_ns]) are exactly the manifest's, each
    unchanged (`_unchanged`): the same paths, sizes and times, compared in C; then what else the
    pages kept whole (`special`) need. A binary file the manifest knows (`skipped`) is no page,
    as long as its size and time are the same."""
    paths: list[str] = manifest["paths"]
    skipped: dict[str, list[int]] = manifest["skipped"]
    if skipped and any(rel in stats for rel in skipped):
        if any(stats[rel] != stat for rel, stat in skipped.items() if rel in stats):
            return False
        stats = {rel: stat for rel, stat in stats.items() if rel not in skipped}
    if len(stats) != len(paths):
        return False
    found = list(map(stats.get, paths))
    if None in found:  # a path of the manifest not found: as many found, so one found is new
        return False
    if list(chain.from_iterable(found)) != array("q", manifest["stats"]).tolist():  # type: ignore[arg-type]
        return False
    special: dict[str, SpecialPage] = manifest["special"]
    return all(_still_as_indexed(rel, state, stats[rel], project) for rel, state in special.items())


def _delta_as_listed(stats: dict[str, list[int]], gone: list[str], manifest: dict[str, Any],
                     project: DocsProject) -> bool:
    """`_as_listed` for a delta walk (`Walk.gone`): every page of it is the manifest's, unchanged,
    and no page of the manifest is gone (a page kept whole in `special` is in a folder without
    expectations, so always in the delta)."""
    stat_of = _stat_lookup(manifest["paths"], array("q", manifest["stats"]))
    if any(rel not in stats and stat_of(rel) is not None for rel in gone):
        return False
    special: dict[str, SpecialPage] = manifest["special"]
    skipped: dict[str, list[int]] = manifest["skipped"]
    for rel, stat in stats.items():
        indexed = stat_of(rel)
        if indexed is None and rel in skipped:  # a binary file the manifest knows: no page
            if skipped[rel] != stat:
                return False
            continue
        if indexed != stat:
            return False
        if rel in special and not _still_as_indexed(rel, special[rel], stat, project):
            return False
    return True


def _still_as_indexed(rel: str, state: SpecialPage, stat: list[int], project: DocsProject) -> bool:
    """Whether a page the manifest keeps whole (`special`) is as indexed: by its size, time and
    includes (`_unchanged`); or, racily clean (its time says nothing yet) with the same size and
    time, by its content's digest, as git compares a racily clean file's content."""
    page = state_of(state)
    if _unchanged(page, stat[0], stat[1], project):
        return True
    size, mtime, _, includes = page
    digest = state.get("digest")
    if digest is None or [size, mtime] != stat or (includes and _includes_changed(includes, project)):
        return False
    text = read_text(project.docs_dir / rel, Warnings())
    return text is not None and text_digest(text) == digest


def read_index(path: Path, warnings: Warnings) -> Index:
    """The index at `path`, its journal applied; empty when absent, rebuilt when damaged."""
    try:
        data, checksum = store.load(path)
    except FileNotFoundError:
        return Index()
    except (store.IndexUnusable, OSError) as exc:
        warnings.add(path, f"index unusable ({exc}): rebuilding from the docs")
        return Index()
    blobs = data.get("blobs")
    if not isinstance(blobs, store.BaseBlobs) or "columns" not in data:
        warnings.add(path, "index unusable (an older faqbot's format): rebuilding from the docs")
        return Index()
    index = Index(data, blobs)
    index.base = checksum
    try:
        journal, index.journal = store.load(store.journal_path(path))
    except FileNotFoundError:
        return index
    except (store.IndexUnusable, OSError) as exc:
        # the base is a complete older index: the update finds the pages changed since
        warnings.add(store.journal_path(path), f"journal unusable ({exc}): updating from the base")
        return index
    if journal.get("base") == checksum and journal.get("base_terms") == index.base_terms:
        index.apply_journal(journal)  # else it belongs to an earlier base: the base alone is current
    return index


def cache_index_path(project: DocsProject) -> Path:
    """A file in the user's cache folder named after the project (outside docs_dir, so MkDocs
    never publishes it and the docs repository never sees it)."""
    key = hashlib.sha256(str(project.root).encode()).hexdigest()[:12]
    return store.cache_folder() / f"{project.root.name or 'docs'}-{key}.idx"


def _settings_digest(project: DocsProject) -> str:
    return f"{project.fingerprint()}/a{ANALYZER_VERSION}/f{len(FIELDS)}"


def _unchanged(state: PageStateTuple, size_now: int, mtime_now: int, project: DocsProject) -> bool:
    """Same size and modification time as when indexed, and so are its includes: not re-read.
    A file modified within two seconds of being read is "racily clean" (as git calls it: a
    second write in the same clock tick keeps the mtime) and is compared by content instead."""
    size, mtime, checked, includes = state
    return (size_now == size and mtime_now == mtime and not _racily_clean(mtime, checked)
            and (not includes or not _includes_changed(includes, project)))


def _racily_clean(mtime: int, checked: int) -> bool:
    """Modified within the clock's margin of being read (RACY_NS): its time says nothing yet."""
    return not mtime < checked - RACY_NS


def _includes_changed(includes: dict[str, IncludeState], project: DocsProject) -> bool:
    for rel, (size, mtime, digest) in includes.items():
        path = project.root / rel
        if [size, mtime] != stat_of(path) and file_state(path)[2] != digest:
            return True
    return False

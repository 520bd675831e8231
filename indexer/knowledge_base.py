"""A knowledge base as a library user holds it: questions are answered from the current index
while an update builds the next one, which is then swapped in (one reference assignment, so a
question never sees half an update). `watch` updates after every save under docs_dir; docs
followed from git are fetched on an interval instead (`follow`; indexer.gitdocs does the git part)."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from indexer import store
from indexer.config import DocsProject, synonyms_path
from indexer.content import blocks_text
from indexer.files import Walk
from indexer.index import Index, UpdateReport, cache_index_path, map_search, open_index, save_search, unchanged_report
from indexer.progress import LoggedProgress, Progress, large_only
from indexer.warnings import Warnings

if TYPE_CHECKING:  # the search engine (numpy, rapidfuzz) is imported when a question needs it
    from indexer.gitdocs import GitDocs
    from indexer.search.engine import Answer, Searcher

log = logging.getLogger("faqbot.indexer")


@dataclass(frozen=True)
class KnowledgeBaseState:
    """What a knowledge base holds now (for a health check or a home page)."""

    pages: int
    sections: int
    updated_at: float  # Unix time of the last change to the index
    docs: str  # the docs folder
    site_url: str


@dataclass(frozen=True)
class ListedSection:
    """One section as the site's search index lists it: its location (page URL + `#` + heading
    id), absolute URL, title and plain text, and its page's search boost."""

    location: str
    url: str
    title: str
    text: str
    boost: float


@dataclass(frozen=True)
class _Snapshot:
    """One index and the search engine answering from it, swapped in together; or only the
    engine, mapped from the index's search file (no index read: `index` is None). The engine is
    held here, not looked up on the index: the next update changes the index in place, and the
    questions asked meanwhile are answered by this engine, not by one compiled from a half-updated
    (or never saved) index on every question's thread. Without one (an update that did not
    compile it), the index's is compiled on first use."""

    index: Index | None
    engine: Searcher | None = None
    # the index's pages, sections and time of update when swapped in, as the engine answers from
    # them (an update that fails halfway has changed the index in place, not what answers)
    counts: tuple[int, int, float] | None = None

    @property
    def searcher(self) -> Searcher:
        if self.engine is not None:
            return self.engine
        assert self.index is not None
        return self.index.searcher


class UpdateRefused(Exception):
    """An update that would make a worse index than the one answering (mkdocs.yml unreadable): not
    made; the message says why, in one line."""


class KnowledgeBase:
    """Ask questions, bring the index up to date, report its state.

    `location` is an MkDocs project folder (with mkdocs.yml) or a bare docs folder; `index` the
    index file (default: in the user's cache folder, named after the project). Warnings about the
    docs (a broken page, a refused include) go to `warnings` when given, else to the log. With
    `git`, the docs are that repository's checkout: each update loads its current one. `site_url`
    stands in for mkdocs.yml's (a bare docs folder has none): links are made from it."""

    def __init__(self, location: str | Path, index: str | Path | None = None,
                 warnings: Warnings | None = None, git: GitDocs | None = None, site_url: str = "") -> None:
        self._warnings = warnings
        self.git = git
        self._fetch_error: str | None = None
        self._site_url = site_url
        self.project = self._load(location, self._collector())
        # what each update loads again: the project folder, or a bare docs folder
        self._location = self.project.root if self.project.config_file else self.project.docs_dir
        self.index_path = Path(index).expanduser() if index else cache_index_path(self.project)
        self._updating = threading.Lock()
        self._current: _Snapshot | None = None
        self.last_report: UpdateReport | None = None
        self._short_lived = False  # updated with `load` false: answers from the mapped search file

    def update(self, full: bool = False, compile_search: bool = True, load: bool = True,
               progress: Progress | None = None) -> UpdateReport:
        """Bring the index up to date with the docs (incrementally unless `full`), save it and
        swap it in, its search engine compiled (unless `compile_search` is false: then on the
        first question), so that no question waits for it. A failed update leaves the previous
        index answering.

        `load` false is for a short-lived process (`faqbot index`, `faqbot ask`): an update that
        finds nothing to do is decided from the index's manifest without reading the index, and
        questions are answered from the search file mapped (indexer.search.compiled); an engine
        compiled here is written to the search file for the next such process.

        `progress` is told (pages parsed, pages to parse) as the pages of a large update (200 pages
        or more) are parsed; by default it is logged every ten seconds."""
        with self._updating:
            location = self._location
            if self.git is not None and self.git.current is not None:
                location = self.git.current.project  # the latest checkout; `_location` once indexed
            warnings = self._collector()
            said = Warnings()
            project = self._load(location, said)  # mkdocs.yml may have changed too
            if project.config_error and self._current is not None:
                # a save that broke mkdocs.yml: its defaults would rebuild every page with other links
                raise UpdateRefused(f"{project.config_file}: unreadable ({project.config_error}); still answering "
                                    "from the index of its last readable version")
            for file, reason in said.items:
                warnings.add(file, reason)
            walk = Walk()  # what the check walked, for the update (only what changed, when it can tell)
            reuse = self._current.index if self._current is not None else None
            report = None if full else unchanged_report(project, self.index_path, warnings, walk)
            if report is not None and ((not load and reuse is None) or self._holds_current(reuse, project)):
                if reuse is None:
                    self._current, self._short_lived = None, True  # mapped, or read, on first use
                self.project, self.last_report, self._location = project, report, location
                self._pass_on(warnings)
                return report
            # the index in memory is updated in place while the files are still what it saved (no reload)
            gc.collect()  # the update ends with gc.freeze() (indexer.memory): no garbage of ours frozen with it
            try:
                index, report = open_index(project, self.index_path, warnings, full=full, reuse=reuse,
                                           progress=large_only(progress or LoggedProgress(log)), walk=walk)
            except BaseException:
                if reuse is not None:
                    reuse.base = None  # half updated, so not the files' index: the next update reads them
                raise
            assert report is not None
            self._short_lived = self._short_lived or not load
            if compile_search and index.needs_compiling:
                # answered from the search file mapped: what a large engine holds in memory is then
                # only what its questions touch. One another process wrote for these index files is
                # used as it is; else the engine is compiled here (not by the first question) and
                # written for the next process.
                mapped = map_search(self.index_path, synonyms_path(project))
                if mapped is None:
                    save_search(index, self.index_path, warnings)
                    mapped = map_search(self.index_path, synonyms_path(project))
                if mapped is None:  # the search file could not be written: compiled in memory
                    index.searcher  # noqa: B018
                index.answer_from(mapped)
            self._current = _Snapshot(index, index.searcher if compile_search else None,
                                      (len(index.pages), index.section_count, index.updated_at))
            self.project, self.last_report, self._location = project, report, location
            self._pass_on(warnings)
            return report

    def _holds_current(self, index: Index | None, project: DocsProject) -> bool:
        """Whether `index`, held in memory, is the one of the index files now, its engine compiled
        with the synonyms file as it is now."""
        return index is not None and index.base is not None \
            and (index.base, index.journal) == store.identity(self.index_path) and index.synonyms_current(project)

    def _load(self, location: str | Path, warnings: Warnings) -> DocsProject:
        project = DocsProject.load(location, warnings)
        return replace(project, site_url=self._site_url) if self._site_url else project

    def ask(self, question: str, top: int = 3, context: str = "") -> Answer:
        """The best `top` sections for `question`, or "not found" (`answered` false) with suggestions.
        `context`: what the question follows up on (the conversation's first question)."""
        return self._snapshot().searcher.ask(question, top=top, context=context)

    def language_of(self, text: str) -> str:
        """The language `text` is written in ("nl", "en"), "" when it has too few function words."""
        return self._snapshot().searcher.language_of(text)

    def state(self) -> KnowledgeBaseState:
        snapshot = self._current
        if snapshot is not None and snapshot.counts is not None:
            pages, sections, updated_at = snapshot.counts
        else:
            index = self._indexed()
            pages, sections, updated_at = len(index.pages), index.section_count, index.updated_at
        docs = str(self.project.docs_dir)
        if self.git is not None:
            docs = f"{self.git.status.url} @ {(self.git.status.commit or '')[:12]}"
        return KnowledgeBaseState(pages=pages, sections=sections, updated_at=updated_at, docs=docs,
                                  site_url=self.project.site_url)

    def source_status(self) -> dict[str, object] | None:
        """Docs followed from git: the commit answered from and how fetching goes (None otherwise)."""
        return self.git.status.public() if self.git is not None else None

    def sections(self) -> Iterator[ListedSection]:
        """Every section, pages in path order, as the site's search index lists them."""
        for page, section in self._indexed().sections():
            yield ListedSection(section["location"], self.project.site_url + section["location"], section["title"],
                                blocks_text(section["blocks"]), page["boost"])

    def _snapshot(self) -> _Snapshot:
        snapshot = self._current
        if snapshot is None and self._short_lived:
            mapped = map_search(self.index_path, synonyms_path(self.project))
            if mapped is not None:
                snapshot = self._current = _Snapshot(None, mapped)
        if snapshot is None:
            self.update()
            snapshot = self._current
        assert snapshot is not None
        return snapshot

    def _indexed(self) -> Index:
        """The index itself (read now when only its search file was mapped)."""
        index = self._snapshot().index
        if index is None:
            self._current = None
            self.update(compile_search=False)
            index = self._snapshot().index
        assert index is not None
        return index

    def _collector(self) -> Warnings:
        return self._warnings if self._warnings is not None else Warnings()

    def _pass_on(self, warnings: Warnings) -> None:
        if warnings is not self._warnings:
            for file, reason in warnings.items:
                log.warning("%s: %s", file, reason)

    # -- following a git repository ---------------------------------------------------------------

    def fetch(self) -> str | None:
        """Fetch the docs' repository and check out its head: None when that worked, else why not.
        The current docs keep answering through a failure, which is logged when it begins (or its
        reason changes) and when fetching works again, not at every attempt."""
        if self.git is None:
            return None
        from indexer.gitdocs import GitError

        try:
            self.git.sync()
        except GitError as exc:
            if str(exc) != self._fetch_error:
                log.error("docs: %s; still answering from commit %s", exc, (self.git.status.commit or "none")[:12])
            self._fetch_error = str(exc)
            return str(exc)
        if self._fetch_error is not None:
            log.warning("docs: fetching %s works again (commit %s)", self.git.status.url,
                        (self.git.status.commit or "")[:12])
        self._fetch_error = None
        return None

    def refresh(self) -> UpdateReport | None:
        """Fetch, then update the index when the checkout is not the one it was last updated from
        (a new commit, or an update that failed last time). Returns the update's report, if any."""
        self.fetch()
        if self.git is None or self.git.current is None or self.git.current.project == self._location:
            return None
        return self.update()

    def follow(self, stop: threading.Event, every: float,
               on_update: Callable[[UpdateReport], None] | None = None) -> threading.Thread:
        """Start a thread that refreshes the docs from git every `every` seconds until `stop` is set."""
        def run() -> None:
            while not stop.wait(every):
                try:
                    report = self.refresh()
                except Exception as exc:  # a failed update keeps the previous index answering
                    _log_failed_update(exc)
                    continue
                if report is not None and on_update is not None:
                    on_update(report)

        thread = threading.Thread(target=run, name="faqbot-git", daemon=True)
        thread.start()
        return thread

    # -- following edits ------------------------------------------------------------------------

    def watch(self, stop: threading.Event, on_update: Callable[[UpdateReport], None] | None = None) -> threading.Thread:
        """Start a thread that updates the index after changes to the docs, mkdocs.yml or the
        synonyms file, until `stop` is set."""
        thread = threading.Thread(target=self._watch, args=(stop, on_update), name="faqbot-watch", daemon=True)
        thread.start()
        return thread

    def _watched(self) -> list[Path]:
        paths = [self.project.docs_dir, synonyms_path(self.project)]
        if self.project.config_file:
            paths.append(self.project.config_file)
        return [p for p in paths if p.exists()]

    def _watch(self, stop: threading.Event, on_update: Callable[[UpdateReport], None] | None) -> None:
        import watchfiles

        # debounce: an editor's save is often several writes; 300 ms later it is one change
        for _changes in watchfiles.watch(*self._watched(), stop_event=stop, debounce=300, step=50,
                                         raise_interrupt=False):
            try:
                report = self.update()
            except Exception as exc:  # a failed update keeps the previous index answering
                _log_failed_update(exc)
                continue
            if on_update is not None:
                on_update(report)


def _log_failed_update(exc: Exception) -> None:
    """One line for a failure the person running faqbot can act on (mkdocs.yml unreadable, the
    disk full or not writable); the whole traceback for anything else (a fault of faqbot's)."""
    if isinstance(exc, UpdateRefused):
        log.error("index not updated: %s", exc)
    elif isinstance(exc, OSError):
        log.error("index update failed (%s: %s); still answering from the previous index",
                  exc.strerror or type(exc).__name__, exc.filename or "")
    else:
        log.exception("index update failed; still answering from the previous index")


def open_knowledge_base(docs: str | Path, index: str | Path | None = None,
                        warnings: Warnings | None = None) -> KnowledgeBase:
    """The knowledge base of the MkDocs project (or bare docs folder) `docs`, its index brought up
    to date (`kb.last_report` says what changed)."""
    kb = KnowledgeBase(docs, index, warnings)
    kb.update()
    return kb

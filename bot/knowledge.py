"""The knowledge base as the running bot sees it: questions are answered from the current index
while an update builds the next one, which is then swapped in (one reference assignment, so a
question never sees half an update). A watcher thread updates after every save under docs_dir;
docs followed from git are fetched on an interval instead (indexer.gitdocs does the git part)."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indexer.config import DocsProject, synonyms_path
from indexer.gitdocs import GitDocs, GitError
from indexer.index import Index, UpdateReport, open_index
from indexer.search.engine import Answer, Searcher
from indexer.warnings import Warnings

log = logging.getLogger("faqbot")


@dataclass(frozen=True)
class Snapshot:
    """One index and the search engine compiled from it."""

    index: Index
    searcher: Searcher


class KnowledgeBase:
    """Ask questions, update the index, report its state."""

    def __init__(self, project: DocsProject, index_path: Path | Callable[[DocsProject], Path],
                 git: GitDocs | None = None) -> None:
        # what each update loads again: the project folder, or a bare docs folder
        self.location = project.root if project.config_file else project.docs_dir
        self.git = git  # docs followed from their repository: each update loads its current checkout
        self._fetch_error: str | None = None
        self._index_path = index_path
        self._updating = threading.Lock()
        self.project = project
        self._current: Snapshot | None = None
        self.last_report: UpdateReport | None = None

    def index_path(self, project: DocsProject) -> Path:
        return self._index_path(project) if callable(self._index_path) else self._index_path

    def update(self, full: bool = False) -> UpdateReport:
        """Bring the index up to date with the docs (incrementally unless `full`) and swap it in."""
        with self._updating:
            location = self.location
            if self.git is not None and self.git.current is not None:
                location = self.git.current.project  # the latest checkout; `location` once indexed
            warnings = Warnings()
            project = DocsProject.load(location, warnings)  # mkdocs.yml may have changed too
            # the index in memory is updated in place when the file is still what it saved (no reload)
            reuse = self._current.index if self._current is not None else None
            gc.collect()  # the update ends with gc.freeze() (indexer.memory): no garbage of ours frozen with it
            try:
                index, report = open_index(project, self.index_path(project), warnings, full=full, reuse=reuse)
            except BaseException:
                if reuse is not None:
                    reuse.base = None  # half updated, so not the files' index: the next update reads them
                raise
            assert report is not None
            self._current = Snapshot(index, index.searcher)
            self.project, self.last_report, self.location = project, report, location
            for file, reason in warnings.items:
                log.warning("%s: %s", file, reason)
            return report

    @property
    def current(self) -> Snapshot:
        snapshot = self._current
        if snapshot is None:
            self.update()
            snapshot = self._current
        assert snapshot is not None
        return snapshot

    def ask(self, question: str, top: int = 3) -> Answer:
        return self.current.searcher.ask(question, top=top)

    def state(self) -> dict[str, object]:
        index = self.current.index
        docs = str(self.project.docs_dir)
        if self.git is not None:
            docs = f"{self.git.status.url} @ {(self.git.status.commit or '')[:12]}"
        return {"pages": len(index.pages), "sections": index.section_count, "updated_at": index.updated_at,
                "docs": docs, "site_url": self.project.site_url}

    def source_status(self) -> dict[str, object] | None:
        """Docs followed from git: the commit answered from and how fetching goes (None otherwise)."""
        return self.git.status.public() if self.git is not None else None

    # -- following a git repository ---------------------------------------------------------------

    def fetch(self) -> str | None:
        """Fetch the docs' repository and check out its head: None when that worked, else why not.
        The current docs keep answering through a failure, which is logged when it begins (or its
        reason changes) and when fetching works again, not at every attempt."""
        if self.git is None:
            return None
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
        if self.git is None or self.git.current is None or self.git.current.project == self.location:
            return None
        return self.update()

    def follow(self, stop: threading.Event, every: float,
               on_update: Callable[[UpdateReport], None] | None = None) -> threading.Thread:
        """Start a thread that refreshes the docs from git every `every` seconds until `stop` is set."""
        def run() -> None:
            while not stop.wait(every):
                try:
                    report = self.refresh()
                except Exception:  # a failed update keeps the previous index answering
                    log.exception("index update failed; still answering from the previous index")
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
            except Exception:  # a failed update keeps the previous index answering
                log.exception("index update failed; still answering from the previous index")
                continue
            if on_update is not None:
                on_update(report)

"""A journal's pages searched as a segment beside the base's mapped engine answer exactly as an
engine compiled from every page does: replayed over the knowledge base's real edit history,
checked after every commit whose update wrote a journal, and over edits made to change the
statistics, the lexicon and the abbreviations."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from indexer.config import DocsProject, synonyms_path
from indexer.evaluation import load_questions
from indexer.index import map_search, open_index, save_search
from indexer.search.engine import Searcher
from indexer.search.segment import SegmentCore
from indexer.warnings import Warnings
from tests.conftest import CORPUS, QUESTIONS
from tests.indexer.test_history_replay import _apply, _commits, _empty_project

EXTRA = ["wat is QMS?", "wie doet de firewall updates", "routerwachtwoord vergeten", "nieuwe onderwerpen xyzzy",
         "netwerkbeveiliging", "supportverzoek indienen", "hoe snel reageren jullie op een kritiek incident"]


def _mapped(project: DocsProject, path) -> Searcher:
    index, _ = open_index(project, path, Warnings(), update=False)
    searcher = map_search(path, synonyms_path(project))
    if searcher is None:  # the base changed: its engine is compiled and written, as a process does
        save_search(index, path, Warnings())
        searcher = map_search(path, synonyms_path(project))
    assert searcher is not None
    return searcher


def _age(docs, paths: list[str], number: int) -> None:
    """The pages a commit wrote, written well before they are read (else they are "racily
    clean": read again each time and counted as touched, and a new base is written), each
    commit at a time of its own."""
    then = time.time_ns() - 3_600_000_000_000 + number * 1_000_000_000
    for path in paths:
        os.utime(docs / path, ns=(then, then))


def _same(ours: Searcher, theirs: Searcher, questions: list[str]) -> None:
    assert ours.core.n_docs == theirs.core.n_docs
    live = [{term: (int(s.core.df[i]), int(s.core.live_df[i]), float(s.core.idf[i]))
             for term, i in s.term_ids.items() if i < s.core.n_terms and s.core.df[i] > 0} for s in (ours, theirs)]
    assert live[0] == live[1]
    assert ours.core.max_idf() == theirs.core.max_idf()
    assert ours.lexicon.surface == theirs.lexicon.surface and ours.lexicon.sorted == theirs.lexicon.sorted
    assert {k: set(v) for k, v in ours.lexicon.compounds_of.items() if v} == \
           {k: set(v) for k, v in theirs.lexicon.compounds_of.items() if v}
    assert ours.compiled.abbreviations == theirs.compiled.abbreviations
    for question in questions:
        a, b = ours.ask(question), theirs.ask(question)
        assert (a.answered, [(h.location, h.answer, round(h.confidence, 6)) for h in a.results]) == (
            b.answered, [(h.location, h.answer, round(h.confidence, 6)) for h in b.results]), question


def test_the_real_history_answers_alike_from_base_and_segment(tmp_path):
    root, project = _empty_project(tmp_path)
    path = tmp_path / "replay.idx"
    state: dict[str, str] = {}
    commits = _commits()
    questions = [str(q["q"]) for q in load_questions(QUESTIONS)][:20] if QUESTIONS.is_file() else []
    segments = 0
    for number, commit in enumerate(commits):
        _apply(root / "docs", state, commit["changes"])
        _age(root / "docs", [c["path"] for c in commit["changes"] if c["op"] != "delete"], number)
        open_index(project, path, Warnings())
        if number % 3 or not state:
            continue  # every third commit: the check compiles a full build
        ours = _mapped(project, path)
        segments += isinstance(ours.core, SegmentCore)
        theirs = open_index(project, tmp_path / f"full-{number}.idx", Warnings(), full=True)[0].searcher
        _same(ours, theirs, questions + EXTRA)
    assert segments >= 15, segments  # most checks had a journal


def test_edits_that_move_statistics_lexicon_and_abbreviations_answer_alike(tmp_path):
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"{CORPUS} not found (../shared is not beside the project)")
    root = tmp_path / "kb"
    shutil.copytree(CORPUS / "docs", root / "docs")
    shutil.copy(CORPUS / "mkdocs.yml", root / "mkdocs.yml")
    docs = root / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    _age(docs, pages, 0)
    project = DocsProject.load(root)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    _mapped(project, path)  # the base's engine, written to the search file
    questions = [str(q["q"]) for q in load_questions(QUESTIONS)] if QUESTIONS.is_file() else []
    edits = [
        # a new page: new words, a compound of known ones, an abbreviation every page's search then knows
        ("nieuw/routers.md", "# Routerwachtwoordbeleid\n\n*[RWB]: routerwachtwoordbeleid\n\n"
                             "Het RWB regelt netwerkbeveiliging, firewallregels en xyzzywoorden.\n"),
        (pages[3], None),  # a page removed: its words and terms may leave
        (pages[7], (docs / pages[7]).read_text(encoding="utf-8") + "\n## Aanvulling\n\nQMS en Break en Fix.\n"),
        (pages[11], "# Kort\n\nAlleen dit.\n"),  # a page emptied: its rare terms gone
    ]
    for number, (page, text) in enumerate(edits, 1):
        if text is None:
            (docs / page).unlink()
        else:
            (docs / page).parent.mkdir(parents=True, exist_ok=True)
            (docs / page).write_text(text, encoding="utf-8")
            _age(docs, [page], number)
        open_index(project, path, Warnings())
        ours = _mapped(project, path)
        assert isinstance(ours.core, SegmentCore)
        theirs = open_index(project, tmp_path / f"full-{number}.idx", Warnings(), full=True)[0].searcher
        _same(ours, theirs, questions + EXTRA + ["rwb", "routerwachtwoordbeleid", "xyzzywoorden"])

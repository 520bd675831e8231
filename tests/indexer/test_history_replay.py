"""The knowledge base's real edit history, replayed commit by commit from an empty folder with an
incremental update after each: the report matches each commit exactly, and the end result is the
index a full build gives (the published site's 211 locations)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer.config import DocsProject
from indexer.evaluation import load_questions
from indexer.index import open_index
from indexer.warnings import Warnings
from tests.conftest import CORPUS, QUESTIONS

CHECKPOINTS = 4  # besides the end, the answers are compared with a full build this many times on the way

HISTORY = CORPUS / "history.jsonl"


def _apply(docs: Path, state: dict[str, str], changes: list[dict]) -> None:
    for change in changes:
        op, path = change["op"], change["path"]
        if op == "rename":
            (docs / change["old_path"]).unlink()
            state.pop(change["old_path"])
        if op == "delete":
            (docs / path).unlink()
            state.pop(path)
            continue
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = change.get("content")
        if content is None:  # a rename without edits keeps the text
            content = state.get(change.get("old_path", ""), "")
        target.write_text(content, encoding="utf-8")
        state[path] = content
    for folder in sorted({p for p in docs.rglob("*") if p.is_dir()}, reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()  # git has no empty folders


def _empty_project(tmp_path: Path) -> tuple[Path, DocsProject]:
    """The knowledge base's mkdocs.yml over an empty docs folder, for the history to fill."""
    if not HISTORY.is_file():
        pytest.skip(f"{HISTORY} not found (../shared is not beside the project)")
    root = tmp_path / "kb"
    (root / "docs").mkdir(parents=True)
    shutil.copy(CORPUS / "mkdocs.yml", root / "mkdocs.yml")
    return root, DocsProject.load(root)


def _commits() -> list[dict]:
    return [json.loads(line) for line in HISTORY.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_replaying_the_real_history_reports_each_commit_exactly(tmp_path):
    root, project = _empty_project(tmp_path)
    index_path = tmp_path / "replay.idx"
    state: dict[str, str] = {}
    commits = _commits()
    assert len(commits) == 138
    questions = [str(q["q"]) for q in load_questions(QUESTIONS)] if QUESTIONS.is_file() else []
    checkpoints = {len(commits) * (n + 1) // (CHECKPOINTS + 1) for n in range(CHECKPOINTS)}
    for number, commit in enumerate(commits):
        if number in checkpoints and questions:
            _assert_same_as_a_full_build(project, index_path, tmp_path / f"full-{number}.idx", questions)
        before = dict(state)
        _apply(root / "docs", state, commit["changes"])
        warnings = Warnings()
        _, report = open_index(project, index_path, warnings)
        expected = {
            "added": sorted(set(state) - set(before)),
            "changed": sorted(p for p in set(state) & set(before) if state[p] != before[p]),
            "removed": sorted(set(before) - set(state)),
        }
        got = {"added": sorted(report.added), "changed": sorted(report.changed), "removed": sorted(report.removed)}
        assert got == expected, f"commit {commit['commit']}"
        assert report.unchanged == len(set(state) & set(before)) - len(expected["changed"]), commit["commit"]

    if questions:
        _assert_same_as_a_full_build(project, index_path, tmp_path / "full-end.idx", questions)
    incremental, _ = open_index(project, index_path, Warnings(), update=False)
    full, _ = open_index(project, tmp_path / "full.idx", Warnings(), full=True)
    sections = [(s["location"], s["title"], s["blocks"]) for _, s in incremental.sections()]
    assert sections == [(s["location"], s["title"], s["blocks"]) for _, s in full.sections()]
    site = json.loads((CORPUS / "site" / "search_index.json").read_text(encoding="utf-8"))
    assert sorted(s[0] for s in sections) == sorted(d["location"] for d in site["docs"])
    assert len(sections) == 211
    assert incremental.searcher.ask("wie is verantwoordelijk voor network security?").answered


def _assert_same_as_a_full_build(project: DocsProject, index_path: Path, full_path: Path, questions: list[str]) -> None:
    """The index the updates made answers every question exactly as a full build does, and has
    the same statistics: the same live terms with the same document frequencies."""
    incremental = open_index(project, index_path, Warnings(), update=False)[0].searcher
    full = open_index(project, full_path, Warnings(), full=True)[0].searcher
    for searcher in (incremental, full):
        assert searcher.core.n_docs == full.core.n_docs
    live = [{term: int(s.core.df[i]) for term, i in s.term_ids.items() if i < s.core.n_terms and s.core.df[i] > 0}
            for s in (incremental, full)]
    assert live[0] == live[1]
    assert incremental.core.max_idf() == full.core.max_idf()
    for question in questions:
        ours, theirs = incremental.ask(question), full.ask(question)
        assert (ours.answered, [(h.location, h.answer, round(h.confidence, 6)) for h in ours.results]) == (
            theirs.answered, [(h.location, h.answer, round(h.confidence, 6)) for h in theirs.results]), question

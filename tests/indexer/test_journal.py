"""The index on disk is a base plus a journal of the pages changed since: an edit rewrites only the
journal, a grown journal becomes a new base, a journal that is damaged or bound to another base is
never applied, and a process that holds the index updates it in place while the files are its own."""

from __future__ import annotations

import math
import os
import time

from indexer import store
from indexer.config import DocsProject
from indexer.index import COMPACT_AT, open_index, read_index
from indexer.warnings import Warnings
from tests.conftest import write_project

PAGES = 30


def _project(tmp_path):
    pages = {f"onderwerp-{n:02d}.md": f"# Onderwerp {n}\n\n## Uitleg\n\nTekst over onderwerp {n}.\n"
             for n in range(PAGES)}
    project = DocsProject.load(write_project(tmp_path / "kb", pages))
    for page in project.docs_dir.iterdir():
        _age(page)
    return project


def _age(path) -> None:
    # written a minute ago: not "racily clean", so only edited pages are read again
    then = time.time_ns() - 60_000_000_000
    os.utime(path, ns=(then, then))


def _edit(project, n: int, words: str) -> None:
    path = project.docs_dir / f"onderwerp-{n:02d}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n## Nieuw {words}\n\nDe {words} staat hier.\n",
                    encoding="utf-8")
    _age(path)


def _signature(index):
    return sorted((s["location"], s["title"], repr(s["blocks"])) for _, s in index.sections())


def _answers(index, question):
    return [(h.location, round(h.score, 4)) for h in index.searcher.ask(question).results]


def test_an_edit_writes_only_the_journal_and_loads_as_a_full_build_does(tmp_path):
    project = _project(tmp_path)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    base = path.read_bytes()
    _edit(project, 3, "firewallregel")
    index, report = open_index(project, path, Warnings())
    assert report.changed == ["onderwerp-03.md"] and report.saved
    assert path.read_bytes() == base  # the base is not rewritten
    assert store.journal_path(path).stat().st_size < len(base) / 5

    warnings = Warnings()
    loaded = read_index(path, warnings)
    full, _ = open_index(project, tmp_path / "full.idx", Warnings(), full=True)
    assert not warnings.items
    assert _signature(loaded) == _signature(full) == _signature(index)
    assert _answers(loaded, "waar staat de firewallregel?") == _answers(full, "waar staat de firewallregel?")
    assert _answers(loaded, "waar staat de firewallregel?")[0][0] == "onderwerp-03/#nieuw-firewallregel"


def test_a_grown_journal_becomes_a_new_base(tmp_path):
    project = _project(tmp_path)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    base = path.read_bytes()
    edits = math.ceil(PAGES * COMPACT_AT)  # pages edited when the journal holds a tenth of them
    for n in range(edits):
        _edit(project, n, f"woord{n}")
        index, _ = open_index(project, path, Warnings())
        if n < edits - 1:
            assert path.read_bytes() == base and store.journal_path(path).exists()
    assert path.read_bytes() != base
    assert not store.journal_path(path).exists()
    assert _signature(read_index(path, Warnings())) == _signature(index)


def _with_journal(tmp_path, n: int, words: str):
    """A project indexed, then page n edited and the index updated: base plus journal on disk."""
    project = _project(tmp_path)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    _edit(project, n, words)
    open_index(project, path, Warnings())
    assert store.journal_path(path).exists()
    return project, path


def test_a_damaged_journal_is_reported_and_the_update_catches_up_from_the_base(tmp_path):
    project, path = _with_journal(tmp_path, 7, "routerwachtwoord")
    journal = store.journal_path(path)
    journal.write_bytes(journal.read_bytes()[:-10])  # truncated

    warnings = Warnings()
    index, report = open_index(project, path, warnings)
    assert any("journal unusable" in reason for _, reason in warnings.items)
    assert report.changed == ["onderwerp-07.md"]  # the base still had the old text: parsed again
    assert index.searcher.ask("routerwachtwoord").results[0].location == "onderwerp-07/#nieuw-routerwachtwoord"


def test_a_journal_bound_to_another_base_is_ignored(tmp_path):
    project, path = _with_journal(tmp_path, 1, "eerste")
    stale = store.journal_path(path).read_bytes()
    open_index(project, path, Warnings(), full=True)  # a new base; a kill right after would leave the old journal
    store.journal_path(path).write_bytes(stale)
    (project.docs_dir / "onderwerp-01.md").unlink()

    warnings = Warnings()
    loaded = read_index(path, warnings)
    assert not warnings.items
    assert "onderwerp-01.md" in loaded.pages  # from the new base, not from the stale journal's records
    index, report = open_index(project, path, Warnings())
    assert report.removed == ["onderwerp-01.md"] and "onderwerp-01.md" not in index.pages


def test_an_index_held_in_memory_is_updated_in_place_until_another_process_writes(tmp_path):
    project = _project(tmp_path)
    path = tmp_path / "kb.idx"
    held, _ = open_index(project, path, Warnings())
    _edit(project, 2, "eigen")
    again, report = open_index(project, path, Warnings(), reuse=held)
    assert again is held and report.changed == ["onderwerp-02.md"]

    _edit(project, 4, "ander")
    other, _ = open_index(project, path, Warnings())  # another process (a manual `faqbot index`)
    assert other is not held
    _edit(project, 5, "derde")
    after, report = open_index(project, path, Warnings(), reuse=held)
    assert after is not held  # the files moved on without it: read again
    assert report.changed == ["onderwerp-05.md"]
    assert _signature(after) == _signature(read_index(path, Warnings()))
    assert after.searcher.ask("ander").results[0].location == "onderwerp-04/#nieuw-ander"

"""`faqbot index` with nothing changed decides from the small manifest beside the index (pages'
sizes, times, includes, the settings, stamped with the index files it describes) without reading
the index; anything it cannot vouch for sends the update down the ordinary path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from indexer import store
from indexer.config import DocsProject
from indexer.files import BINARY
from indexer.index import open_index, unchanged_report
from indexer.knowledge_base import KnowledgeBase
from indexer.warnings import Warnings
from tests.conftest import REPO, write_project

PAGES = {f"onderwerp-{n:02d}.md": f"# Onderwerp {n}\n\n## Uitleg\n\nTekst over onderwerp {n}.\n" for n in range(12)}


@pytest.fixture
def built(tmp_path):
    root = write_project(tmp_path / "kb", PAGES)
    _age(*(root / "docs").iterdir())
    project = DocsProject.load(root)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    return project, path


def _age(*pages) -> None:
    then = time.time_ns() - 60_000_000_000  # written a minute ago: not "racily clean"
    for page in pages:
        os.utime(page, ns=(then, then))


def _loads(monkeypatch) -> list[str]:
    """The files store.load reads from now on."""
    read: list[str] = []
    real = store.load

    def load(path):
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(store, "load", load)
    return read


def test_nothing_changed_is_decided_without_reading_the_index(built, monkeypatch):
    project, path = built
    read = _loads(monkeypatch)
    kb = KnowledgeBase(project.root, path)
    report = kb.update(load=False)
    assert read == ["kb.idx.manifest"]
    assert (report.pages, report.sections, report.unchanged, report.saved) == (12, 24, 12, False)
    assert kb.ask("onderwerp 7").results[0].location == "onderwerp-07/"  # read on first use
    assert "kb.idx" in read


@pytest.mark.parametrize("change", ["edit", "add", "remove", "settings", "index rewritten", "manifest damaged"])
def test_anything_the_manifest_cannot_vouch_for_takes_the_ordinary_update(built, change):
    project, path = built
    docs = project.docs_dir
    if change == "edit":
        (docs / "onderwerp-03.md").write_text("# Onderwerp 3\n\nAnders.\n", encoding="utf-8")
        _age(docs / "onderwerp-03.md")
    elif change == "add":
        (docs / "nieuw.md").write_text("# Nieuw\n", encoding="utf-8")
        _age(docs / "nieuw.md")
    elif change == "remove":
        (docs / "onderwerp-04.md").unlink()
    elif change == "settings":
        config = project.root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("site_url: https://example.org/docs/",
                                                                     "site_url: https://example.org/other/"))
        project = DocsProject.load(project.root)
    elif change == "index rewritten":
        path.write_bytes(path.read_bytes())  # same bytes, another file: the manifest no longer describes it
    else:
        manifest = store.manifest_path(path)
        manifest.write_bytes(manifest.read_bytes()[:-3])
    assert unchanged_report(project, path, Warnings()) is None
    _, report = open_index(project, path, Warnings())
    assert report is not None
    assert unchanged_report(project, path, Warnings()) is not None  # the update left a current manifest


def test_an_index_without_a_manifest_gets_one(built):
    project, path = built
    store.manifest_path(path).unlink()
    assert unchanged_report(project, path, Warnings()) is None
    open_index(project, path, Warnings())
    assert unchanged_report(project, path, Warnings()).unchanged == 12


def test_the_index_command_reports_nothing_changed_from_the_manifest(built):
    project, path = built
    run = subprocess.run([sys.executable, "-m", "bot.cli", "index", "--docs", str(project.root), "--index", str(path),
                          "--json"], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) | {"seconds": 0} == {"pages": 12, "sections": 24, "added": 0, "changed": 0,
                                                       "removed": 0, "unchanged": 12, "seconds": 0}


def test_an_edit_found_by_the_check_is_updated_without_walking_the_folder_again(built, monkeypatch):
    import indexer.files
    import indexer.index

    project, path = built
    walks: list[str] = []
    real = indexer.files.page_stats

    def page_stats(docs_dir, warnings, *args):
        walks.append(str(docs_dir))
        return real(docs_dir, warnings, *args)

    monkeypatch.setattr(indexer.files, "page_stats", page_stats)
    monkeypatch.setattr(indexer.index, "page_stats", page_stats)
    (project.docs_dir / "onderwerp-03.md").write_text("# Onderwerp 3\n\nNieuwe tekst over routers.\n", encoding="utf-8")
    report = KnowledgeBase(project.root, path).update(load=False, compile_search=False)
    assert report.changed == ["onderwerp-03.md"] and report.unchanged == 11
    assert len(walks) == 1  # the check's walk, used by the update


def test_a_running_bot_checks_first_and_updates_its_index_in_memory_from_the_delta(built, monkeypatch):
    import indexer.index

    project, path = built
    kb = KnowledgeBase(project.root, path)
    kb.update()
    held = kb._current
    assert held is not None and held.index is not None
    read = _loads(monkeypatch)
    looked_at: list[int] = []  # pages each update compared with the index
    real = indexer.index.Index._changes

    def changes(self, project, warnings, report, walk=None):
        found = real(self, project, warnings, report, walk)
        looked_at.append(len(walk.stats) if walk is not None and walk.stats is not None else -1)
        return found

    monkeypatch.setattr(indexer.index.Index, "_changes", changes)

    report = kb.update()  # nothing changed: decided from the manifest, the index in memory kept
    assert report.unchanged == 12 and kb._current is held and looked_at == [] and read == ["kb.idx.manifest"]

    (project.docs_dir / "onderwerp-03.md").write_text("# Onderwerp 3\n\nNieuwe tekst over routers.\n", encoding="utf-8")
    _age(project.docs_dir / "onderwerp-03.md")
    report = kb.update()
    assert report.changed == ["onderwerp-03.md"] and report.unchanged == 11
    # updated in place from the delta: the pages of the one folder not as the manifest has it (here: all)
    assert looked_at == [12] and kb._current.index is held.index
    assert "kb.idx" not in read  # not read again
    assert kb.ask("routers").results[0].location == "onderwerp-03/"
    assert unchanged_report(project, path, Warnings()) is not None  # the manifest it patched is current

    (project.root / "synonyms.yml").write_text("groups:\n  - [routers, wifikastje]\n", encoding="utf-8")
    kb.update()  # the docs are as they were, the synonyms are not: the engine is compiled again
    assert kb.ask("wifikastje").results[0].location == "onderwerp-03/"


def test_a_racily_clean_page_is_told_by_its_content(built):
    """A page written within the clock's margin of being indexed may be written again in the same
    tick, keeping its size and time: the check compares its content (as git does), so the process
    after an edit decides from the manifest, and a second write of the same size is still seen."""
    project, path = built
    page = project.docs_dir / "onderwerp-05.md"
    page.write_text("# Onderwerp 5\n\nGewijzigd.\n", encoding="utf-8")  # now: racily clean once indexed
    _, report = open_index(project, path, Warnings())
    assert report.changed == ["onderwerp-05.md"]
    manifest, _ = store.load(store.manifest_path(path))
    assert set(manifest["special"]) == {"onderwerp-05.md"} and "digest" in manifest["special"]["onderwerp-05.md"]
    assert unchanged_report(project, path, Warnings()) is not None  # the same content: nothing to do
    stat = page.stat()
    page.write_text("# Onderwerp 5\n\nVeranderd.\n", encoding="utf-8")  # the same size ...
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # ... and time: written in the same tick
    assert page.stat().st_size == stat.st_size
    assert unchanged_report(project, path, Warnings()) is None
    _, report = open_index(project, path, Warnings())
    assert report.changed == ["onderwerp-05.md"]


def test_a_binary_file_among_the_pages_is_told_unchanged_by_its_size_and_time(built, monkeypatch):
    # A binary `.md` is no page: the update that finds it leaves it out with a warning and the
    # manifest keeps its size and time, so the checks after it decide without reading it or the
    # index, and tell the same warning. Rewritten, it is looked at again.
    project, path = built
    binary = project.docs_dir / "scan.md"
    binary.write_bytes(b"%PDF\x00" * 100)
    _age(binary)
    first = Warnings()
    index, report = open_index(project, path, first)
    assert report is not None and report.pages == 12 and not report.saved
    assert index.skipped == {"scan.md": [500, binary.stat().st_mtime_ns]}
    assert first.items == [(str(binary), BINARY)]

    read = _loads(monkeypatch)
    again = Warnings()
    report = unchanged_report(project, path, again)
    assert report is not None and report.unchanged == 12
    assert read == ["kb.idx.manifest"]
    assert again.items == first.items

    binary.write_text("# Scan\n\nNu tekst.\n", encoding="utf-8")
    _age(binary)
    assert unchanged_report(project, path, Warnings()) is None
    index, report = open_index(project, path, Warnings())
    assert report.added == ["scan.md"] and index.skipped == {}


def test_a_binary_file_written_just_now_is_read_again(built):
    # Its time says nothing yet (it may be rewritten within the same tick): not kept in the manifest.
    project, path = built
    (project.docs_dir / "scan.md").write_bytes(b"\x00" * 10)
    index, _ = open_index(project, path, Warnings())
    assert index.skipped == {}
    assert unchanged_report(project, path, Warnings()) is None

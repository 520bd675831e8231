"""A short-lived process (`faqbot ask`) answers from the search file mapped beside the index, with
the answers the compiled engine gives; a search file that is stale, damaged or of another format
is never used, and the next process that compiles the engine writes a current one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from indexer import store
from indexer.knowledge_base import KnowledgeBase
from indexer.search.compiled import search_path
from tests.conftest import REPO, write_project

PAGES = {
    f"onderwerp-{n:02d}.md": f"# Onderwerp {n}\n\n*[SLA]: Service Level Agreement\n\n## Uitleg\n\n"
                             f"De SLA van dienst {n} regelt reactietijden.\n\n"
                             f"| Gebied | Wie |\n|---|---|\n| Printer {n} | Quarkpulse |\n| Netwerk | Klant |\n"
    for n in range(15)
}
QUESTIONS = ["wat is een service level agreement", "wie doet printer 7", "reactietijden dienst 3", "netwerk",
             "koffieautomaat"]


@pytest.fixture
def project(tmp_path):
    root = write_project(tmp_path / "kb", PAGES)
    _age(*(root / "docs").iterdir())
    return root


def _age(*pages) -> None:
    then = time.time_ns() - 60_000_000_000  # written a minute ago: not "racily clean"
    for page in pages:
        os.utime(page, ns=(then, then))


def _answers(kb: KnowledgeBase) -> list[dict]:
    return [kb.ask(q, top=5).public() | {"took_ms": 0} for q in QUESTIONS]


def _short_lived(root, index) -> KnowledgeBase:
    kb = KnowledgeBase(root, index)
    kb.update(load=False)
    return kb


def test_a_short_lived_process_maps_the_search_file_and_answers_the_same(project, tmp_path):
    index = tmp_path / "kb.idx"
    search_path(index).parent.mkdir(parents=True, exist_ok=True)
    search_path(index).mkdir()  # a folder where the search file would go: it cannot be written
    compiled = _answers(KnowledgeBase(project, index))  # reads and compiles the index, answers from memory
    search_path(index).rmdir()
    first = _short_lived(project, index)
    assert _answers(first) == compiled
    assert first._current.index is not None  # no search file yet: compiled, and written for the next
    assert search_path(index).exists()
    second = _short_lived(project, index)
    assert _answers(second) == compiled
    assert second._current.index is None and second._current.engine is not None  # mapped, nothing read
    assert second.state().pages == 15  # the index itself is read when asked for


def test_a_stale_search_file_is_never_used(project, tmp_path):
    index = tmp_path / "kb.idx"
    _answers(_short_lived(project, index))
    _answers(_short_lived(project, index))
    page = project / "docs" / "onderwerp-04.md"
    page.write_text("# Onderwerp 4\n\n## Zeppelin\n\nHier staat een zeppelin.\n", encoding="utf-8")
    _age(page)
    kb = _short_lived(project, index)  # the edit is indexed, the engine compiled and written
    assert kb.ask("zeppelin").results[0].location == "onderwerp-04/#zeppelin"
    again = _short_lived(project, index)
    assert again.ask("zeppelin").results[0].location == "onderwerp-04/#zeppelin"
    assert again._current.index is None


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other format"])
def test_a_damaged_search_file_is_ignored_and_written_again(project, tmp_path, damage):
    index = tmp_path / "kb.idx"
    compiled = _answers(KnowledgeBase(project, index))
    _answers(_short_lived(project, index))
    path = search_path(index)
    data = path.read_bytes()
    path.write_bytes({"truncated": data[: len(data) - 100], "garbage": b"garbage" * 40, "empty": b"",
                      "other format": data[:8] + (99).to_bytes(4, "little") + data[12:]}[damage])
    kb = _short_lived(project, index)
    assert _answers(kb) == compiled and kb._current.index is not None
    assert _answers(_short_lived(project, index)) == compiled


def test_arrays_round_trip_mapped(tmp_path):
    arrays = {"a": np.arange(5, dtype=np.int32), "b": np.linspace(0, 1, 7, dtype=np.float32),
              "empty": np.zeros(0, dtype=np.int64), "blob": np.frombuffer(b"xyz", dtype=np.uint8)}
    store.save_arrays(tmp_path / "f", arrays, {"k": [1, "two"]})
    mapped, meta = store.map_arrays(tmp_path / "f")
    assert meta == {"k": [1, "two"]}
    for name, array in arrays.items():
        assert mapped[name].dtype == array.dtype and mapped[name].tolist() == array.tolist()
    assert mapped["a"].ctypes.data % store.ALIGN == 0


def test_faqbot_ask_twice_gives_the_same_answer(project, tmp_path):
    env = {**os.environ, "FAQBOT_INDEX": str(tmp_path / "kb.idx")}
    runs = [subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--json", "--docs", str(project),
                            "wie doet printer 7"], cwd=REPO, env=env, capture_output=True, text=True, check=True)
            for _ in range(3)]
    answers = [json.loads(r.stdout) | {"took_ms": 0} for r in runs]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["results"][0]["location"] == "onderwerp-07/#uitleg"


def test_a_search_file_that_cannot_be_written_is_a_warning(project, tmp_path):
    from indexer.warnings import Warnings

    index = tmp_path / "kb.idx"
    compiled = _answers(KnowledgeBase(project, index))
    search_path(index).unlink()
    search_path(index).mkdir()  # a folder where the file would go: renaming over it fails
    warnings = Warnings()
    kb = KnowledgeBase(project, index, warnings)
    kb.update(load=False)
    assert _answers(kb) == compiled
    assert any("search file not written" in reason for _, reason in warnings.items)


def _rss_file_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("RssFile:")) / 1024


def test_a_compile_keeps_its_blobs_in_an_unnamed_file_and_copies_them_without_holding_them(tmp_path, monkeypatch):
    from indexer.search.compiled import BlobWriter

    records = [{"title": f"Sectie {n}", "words": ["netwerk"] * (n % 7)} for n in range(3000)]
    spooled, held = BlobWriter(spool=tmp_path), BlobWriter()
    for record in records:
        spooled.add(record)
        held.add(record)
    blobs = spooled.blobs()
    assert list(tmp_path.iterdir()) == []  # unnamed: nothing to clean up after a crash
    assert list(blobs) == list(held.blobs()) == records

    # copied into the search file a chunk at a time, each chunk's pages let go once written
    monkeypatch.setattr(store, "_CHUNK", 1 << 20)
    big = BlobWriter(spool=tmp_path)
    for n in range(64):
        big.add(bytes([n]) * (1 << 20))  # 64 MiB of records
    data = big.blobs().blob
    before = _rss_file_mb()
    store.save_arrays(tmp_path / "arrays", {"blob": data}, {})
    assert _rss_file_mb() - before < 16
    arrays, _ = store.map_arrays(tmp_path / "arrays")
    assert np.array_equal(arrays["blob"], data)


def test_index_files_replaced_while_the_search_file_is_mapped_give_no_engine(tmp_path, monkeypatch):
    import indexer.search.compiled as compiled
    from indexer.config import DocsProject
    from indexer.index import map_search, open_index, save_search
    from indexer.warnings import Warnings
    from tests.conftest import write_project

    root = write_project(tmp_path / "kb", {"a.md": "# A\n\nPrinters.\n", "b.md": "# B\n\nRouters.\n"})
    path = tmp_path / "kb.idx"
    index, _ = open_index(DocsProject.load(root), path, Warnings())
    save_search(index, path, Warnings())
    real = compiled.map_compiled

    def another_writer_lands(*args, **kwargs):
        mapped = real(*args, **kwargs)
        (root / "docs" / "a.md").write_text("# A\n\nScanners.\n", encoding="utf-8")
        open_index(DocsProject.load(root), path, Warnings())  # another process's update: a new journal
        return mapped

    monkeypatch.setattr(compiled, "map_compiled", another_writer_lands)
    assert map_search(path, None) is None  # not the old search file with the new journal
    monkeypatch.undo()
    index, _ = open_index(DocsProject.load(root), path, Warnings())
    save_search(index, path, Warnings())  # what the update that follows does
    searcher = map_search(path, None)
    assert searcher is not None and searcher.ask("scanners").results[0].location == "a/"

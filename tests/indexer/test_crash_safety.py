"""An indexer killed (SIGKILL) at random moments while it updates never leaves a broken index: the
next load gets the old index or the new one, and a normal update then completes. The kills hit
both kinds of save: journal writes (an incremental update) and new bases (`--full`)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest

from indexer import store
from indexer.config import DocsProject
from indexer.index import open_index, read_index
from indexer.page import text_digest
from indexer.warnings import Warnings
from tests.conftest import REPO

KILLS = 24


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_updates_leaves_the_old_or_the_new_index(corpus, tmp_path):
    index_path = tmp_path / "kb.idx"
    page = corpus / "docs" / "FAQs" / "Diensten" / "index.md"
    original = page.read_text(encoding="utf-8")
    command = [sys.executable, "-m", "bot.cli", "index", "--docs", str(corpus), "--index", str(index_path)]
    started = time.monotonic()
    subprocess.run([*command, "--full"], cwd=REPO, check=True, capture_output=True)
    duration = time.monotonic() - started
    rng = random.Random(20261122)
    digests = {text_digest(original)}
    killed_while_running = 0
    for n in range(KILLS):
        text = original + f"\n## Wijziging {n}\n\nTekst van wijziging {n}.\n"
        page.write_text(text, encoding="utf-8")
        digests.add(text_digest(text))
        extra = ["--full"] if n % 3 == 2 else []  # else the update writes only the journal
        child = subprocess.Popen([*command, *extra], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration))  # a random moment to kill it, not a synchronisation
        if child.poll() is None:
            killed_while_running += 1
        child.send_signal(signal.SIGKILL)  # a no-op when it already finished
        child.wait()
        store.load(index_path)  # raises IndexUnusable if the base is damaged
        warnings = Warnings()
        loaded = read_index(index_path, warnings)
        assert not warnings.items  # nor is the journal
        record = loaded.pages["FAQs/Diensten/index.md"]
        assert record["digest"] in digests  # an index of some complete version of the page
        assert len(loaded.pages) == 73
    assert killed_while_running >= KILLS // 2  # most kills hit a running update
    warnings = Warnings()
    index, _ = open_index(DocsProject.load(corpus), index_path, warnings)
    assert not [w for w in warnings.items if "rebuilt" in w[1] or "unusable" in w[1]]
    assert index.pages["FAQs/Diensten/index.md"]["digest"] == text_digest(page.read_text(encoding="utf-8"))
    assert index.section_count >= 211
    # the temporary files of the writers killed mid-write are gone once a writer takes the lock
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_dead_writers_temporary_files_are_removed_by_the_next_update(tmp_path):
    from tests.conftest import write_project

    root = write_project(tmp_path / "kb", {"a.md": "# A\n\nTekst.\n"})
    index_path = tmp_path / "cache" / "kb.idx"
    open_index(DocsProject.load(root), index_path, Warnings())
    left = [index_path.parent / n for n in (".kb.idx.x1y2z3w4.tmp", ".kb.idx.manifest.a_b9c8d7.tmp")]
    other = [index_path.parent / n for n in (".other.idx.abcdefgh.tmp", "kb.idx.notes.tmp")]  # not this index's
    for p in left + other:
        p.write_bytes(b"\0" * 1024)
    (root / "docs" / "a.md").write_text("# A\n\nAnders.\n", encoding="utf-8")  # an update that writes
    open_index(DocsProject.load(root), index_path, Warnings())
    assert not any(p.exists() for p in left) and all(p.exists() for p in other)

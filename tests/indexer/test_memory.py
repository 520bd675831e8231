"""The index and its search engine hold no reference cycles: they are moved out of the cyclic
collector's sight (indexer.memory), so only reference counting can free an index an update has
replaced. With the collector off, dropping the last reference must free everything."""

from __future__ import annotations

import gc
import weakref

from indexer.memory import collector_paused
from tests.conftest import build, write_project


def test_a_replaced_index_is_freed_by_reference_counting_alone(tmp_path):
    root = write_project(tmp_path / "kb", {"a.md": "# Netwerk\n\nFirewall en VPN.\n\n| Taak | Wie |\n|---|---|\n"
                                                  "| Back-up | Klant |\n"})
    with collector_paused():
        index = build(root)
        searcher = index.searcher
        assert searcher.ask("wie doet de bakcup?").results  # fills the caches: typos, views, texts
        refs = [weakref.ref(o) for o in (index, searcher, searcher.lexicon, searcher.core, searcher.reader,
                                                  searcher.reader.synonyms, searcher.reader.speller)]
        del index, searcher
        assert [r() for r in refs] == [None] * len(refs)


def test_the_collector_is_restored_after_a_pause():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()

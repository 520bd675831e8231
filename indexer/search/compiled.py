"""What a Searcher searches, compiled from an index's pages or mapped from the search file.

The search file (`kb.idx.search`, beside the index: indexer.store's array file) holds the
compiled engine as it is used: the BM25F matrix and statistics (32-bit ids and counts), every
section's sorted pairs of neighbouring terms, the vocabulary once, the typo and compound lexicon,
the pages' abbreviations, and every section's record as its own marshal blob, read only for the
sections a question re-ranks or shows. A short-lived process (`faqbot ask`, `faqbot eval`) maps it
and answers at once, whatever the size of the knowledge base; no page record is loaded.

It is a cache of the index: stamped with the size, time and inode of the base and journal it was
compiled from (indexer.store.stamp), used only while they are still those files, and written again
by the next process that compiles the engine. Like every index file it is written to a temporary
file and renamed, so a reader never maps half of one.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, overload

import numpy as np

from indexer import store
from indexer.records import SectionRecord
from indexer.search.analyzer import analyzer_for
from indexer.search.core import PackedPage, SearchCore
from indexer.search.lexicon import Lexicon

if TYPE_CHECKING:
    from indexer.index import Index

SEARCH_FORMAT = 3  # bump when the arrays or the metadata change shape (3: the lexicon without `by_tail`)


class SectionBlobs(Sequence[SectionRecord]):
    """The sections' records, each a marshal blob in one mapped array: a record is read when a
    question re-ranks or shows its section, and never kept."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob, self.offsets = blob, offsets

    def __len__(self) -> int:
        return int(self.offsets.size) - 1

    @overload
    def __getitem__(self, i: int) -> SectionRecord: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[SectionRecord]: ...

    def __getitem__(self, i: int | slice) -> SectionRecord | Sequence[SectionRecord]:
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        start, end = int(self.offsets[i]), int(self.offsets[i + 1])
        return cast(SectionRecord, marshal.loads(self.blob[start:end].tobytes()))


@dataclass
class Compiled:
    """Everything a Searcher searches: the project's description, the matrix, the sections in
    index order, their neighbouring-term keys (section i's from `pair_starts[i]` to
    `pair_starts[i + 1]`), the vocabulary (term id -> term), the lexicon of surface words, and
    the abbreviations the pages within the limits define (each pair once, in page order)."""

    project: dict[str, Any]
    core: SearchCore
    sections: Sequence[SectionRecord]
    pair_keys: np.ndarray
    pair_starts: np.ndarray
    terms: list[str]
    lexicon: Lexicon
    abbreviations: list[tuple[str, str]]


def compile_index(index: Index) -> Compiled:
    """The engine's structures from the index's page records, read one at a time: of each, its
    packed term counts are kept and its sections stored as blobs, so compiling a large index
    never holds all its records (vectorised where it counts)."""
    analyzer = analyzer_for(tuple(index.project.get("search_lang") or ("nl",)))
    packed: list[PackedPage] = []
    blob = bytearray()  # the sections' records, one after another (grown in place, not joined)
    ends: list[int] = []
    words: set[str] = set()
    abbreviations: dict[tuple[str, str], None] = {}
    for path in sorted(index.pages):
        page = index.pages[path]
        packed.append({"sec": page["sec"], "term": page["term"], "tf": page["tf"], "len": page["len"],
                       "pairs": page["pairs"], "pair_ends": page["pair_ends"], "boost": page["boost"],
                       "oversized": page["oversized"], "sections": len(page["sections"])})
        for section in page["sections"]:
            blob += marshal.dumps(cast(dict[str, Any], section))
            ends.append(len(blob))
        words.update(page["words"])
        if not page["oversized"]:  # its abbreviations would become synonyms for every page
            abbreviations.update(dict.fromkeys(page.get("abbreviations", {}).items()))
        del page
    core = SearchCore.compile(packed, len(index.vocabulary.terms))
    keys = [np.frombuffer(p["pairs"], dtype=np.int64) for p in packed]
    pair_ends = [np.frombuffer(p["pair_ends"], dtype=np.int32).astype(np.int64) for p in packed]
    bases = np.cumsum([0] + [k.size for k in keys])[:-1]
    pair_keys = np.concatenate([np.zeros(0, np.int64), *keys])
    pair_starts = np.concatenate([[0], *(e + b for e, b in zip(pair_ends, bases, strict=True))]).astype(np.int64)
    del packed, keys, pair_ends
    terms = list(index.vocabulary.terms)  # a copy: the index may grow while this answers
    term_ids = index.vocabulary.ids
    live = core.live_df  # a word only an oversized page has is no typo or compound target
    lexicon = Lexicon(words, analyzer.stem,
                      lambda t: (i := term_ids.get(t)) is not None and i < live.size and bool(live[i] > 0))
    offsets = np.array([0, *ends], dtype=np.int64)
    sections = SectionBlobs(np.frombuffer(blob, dtype=np.uint8), offsets)
    return Compiled(dict(index.project), core, sections, pair_keys, pair_starts, terms, lexicon, list(abbreviations))


def search_path(path: Path) -> Path:
    return path.with_name(path.name + ".search")


def save_compiled(compiled: Compiled, path: Path, stamp: list[list[int | bytes] | None]) -> None:
    """Write the search file beside the index at `path`, stamped with the index files' `stamp`."""
    sections = compiled.sections
    if not isinstance(sections, SectionBlobs):
        blobs = [marshal.dumps(cast(dict[str, Any], s)) for s in sections]
        offsets = np.zeros(len(blobs) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in blobs], out=offsets[1:])
        sections = SectionBlobs(np.frombuffer(b"".join(blobs), dtype=np.uint8), offsets)
    arrays = {**compiled.core.arrays(), "pair_keys": compiled.pair_keys, "pair_starts": compiled.pair_starts,
              "section_offsets": sections.offsets, "section_blob": sections.blob}
    meta = {"format": SEARCH_FORMAT, "stamp": stamp, "project": compiled.project, "n_docs": compiled.core.n_docs,
            "terms": compiled.terms, "lexicon": compiled.lexicon.state(),
            "abbreviations": compiled.abbreviations}
    store.save_arrays(search_path(path), arrays, meta)


def map_compiled(path: Path, stamp: list[list[int | bytes] | None]) -> Compiled | None:
    """The engine of the search file beside the index at `path`, mapped, when it was compiled
    from the index files `stamp` describes; None when absent, damaged, of another format or
    stale (then the index is read and compiled)."""
    try:
        arrays, meta = store.map_arrays(search_path(path))
    except (FileNotFoundError, store.IndexUnusable, OSError):
        return None
    if meta.get("format") != SEARCH_FORMAT or meta.get("stamp") != stamp:
        return None
    project = meta["project"]
    analyzer = analyzer_for(tuple(project.get("search_lang") or ("nl",)))
    core = SearchCore(arrays["indptr"], arrays["docs"], arrays["weights"], arrays["df"], arrays["live_df"],
                      arrays["idf"], meta["n_docs"])
    return Compiled(project, core, SectionBlobs(arrays["section_blob"], arrays["section_offsets"]),
                    arrays["pair_keys"], arrays["pair_starts"], meta["terms"],
                    Lexicon.from_state(meta["lexicon"], analyzer.stem),
                    [tuple(pair) for pair in meta["abbreviations"]])

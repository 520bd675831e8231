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
import mmap
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from indexer import store
from indexer.records import SectionRecord
from indexer.search.analyzer import analyzer_for
from indexer.search.core import Gathered, SearchCore, packed_page
from indexer.search.lexicon import Lexicon

if TYPE_CHECKING:
    from indexer.index import Index

SEARCH_FORMAT = 3  # bump when the arrays or the metadata change shape (3: the lexicon without `by_tail`)


class Blobs(Sequence[Any]):
    """Records stored as marshal blobs one after another in one (mapped) array: a record is read
    when it is asked for, and never kept."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray) -> None:
        self.blob, self.offsets = blob, offsets

    @classmethod
    def of(cls, records: Iterable[Any]) -> Blobs:
        writer = BlobWriter()
        for record in records:
            writer.add(record)
        return writer.blobs()

    def __len__(self) -> int:
        return int(self.offsets.size) - 1

    def stored_size(self, i: int) -> int:
        """The bytes record `i` takes stored (what decoding it reads)."""
        return int(self.offsets[i + 1] - self.offsets[i])

    @overload
    def __getitem__(self, i: int) -> Any: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Any]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        start, end = int(self.offsets[i]), int(self.offsets[i + 1])
        return marshal.loads(self.blob[start:end].tobytes())


class BlobWriter:
    """Records marshalled one after another into one growing buffer (grown in place, never
    joined): `blobs()` reads them as `Blobs`. With `spool`, a folder, the buffer is a temporary
    file there (unnamed: gone with the process) mapped when read: a large index's section
    records are not held in memory beside the arrays a compile builds."""

    def __init__(self, spool: Path | None = None) -> None:
        self._blob = bytearray()
        self._ends = [0]
        self._file = tempfile.TemporaryFile(dir=spool) if spool is not None else None  # noqa: SIM115

    def add(self, record: Any) -> None:
        data = marshal.dumps(record)
        if self._file is not None:
            self._file.write(data)
            self._ends.append(self._ends[-1] + len(data))
        else:
            self._blob += data
            self._ends.append(len(self._blob))

    def blobs(self) -> Blobs:
        ends = np.array(self._ends, dtype=np.int64)
        if self._file is None:
            return Blobs(np.frombuffer(self._blob, dtype=np.uint8), ends)
        with self._file:  # the map keeps the (unnamed) file's pages
            self._file.flush()
            if not self._ends[-1]:
                return Blobs(np.zeros(0, dtype=np.uint8), ends)
            mapped = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        return Blobs(np.frombuffer(mapped, dtype=np.uint8), ends)


def abbreviations_in_order(by_page: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The pages' abbreviations (those of pages within the limits, by path), each pair once, in
    page order: what a full compile and a segment both give the engine."""
    return list(dict.fromkeys(pair for path in sorted(by_page) for pair in by_page[path]))


def pair_arrays(keys: list[np.ndarray], ends: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pages' neighbouring-term keys (`pairs`) and where each section's end (`pair_ends`), as one
    array of keys and where each section's start (section i's from `starts[i]` to `starts[i + 1]`)."""
    bases = np.cumsum([0] + [k.size for k in keys])[:-1]
    pair_keys = np.concatenate([np.zeros(0, np.int64), *keys])
    starts = np.concatenate([[0], *(e.astype(np.int64) + b for e, b in zip(ends, bases, strict=True))])
    return pair_keys, starts.astype(np.int64)


class SectionBlobs(Blobs, Sequence[SectionRecord]):
    """The sections' records, each a marshal blob: a record is read when a question re-ranks or
    shows its section."""


@dataclass
class PageTables:
    """What a segment needs of the pages a base engine was compiled from, to take some of them
    out and put others in (indexer.search.segment): the pages' paths (in index order), where
    each one's sections start, each one's terms (one per section that holds it), words and
    abbreviations, and how many pages hold each word (words whose stem no section holds, in
    `dormant`, with their stems)."""

    paths: list[str]
    section_starts: np.ndarray
    term_starts: np.ndarray
    terms: np.ndarray
    words: Blobs
    word_pages: dict[str, int]
    dormant: dict[str, str]
    abbreviations: dict[str, list[tuple[str, str]]]

    def arrays(self) -> dict[str, np.ndarray]:
        rest = marshal.dumps({"paths": self.paths, "word_pages": self.word_pages, "dormant": self.dormant,
                              "abbreviations": self.abbreviations})
        return {"page_sections": self.section_starts, "page_term_starts": self.term_starts,
                "page_terms": self.terms, "page_words": self.words.blob, "page_word_offsets": self.words.offsets,
                "page_tables": np.frombuffer(rest, dtype=np.uint8)}

    @classmethod
    def mapped(cls, arrays: dict[str, np.ndarray]) -> PageTables:
        rest = marshal.loads(arrays["page_tables"].tobytes())
        return cls(rest["paths"], arrays["page_sections"], arrays["page_term_starts"], arrays["page_terms"],
                   Blobs(arrays["page_words"], arrays["page_word_offsets"]), rest["word_pages"], rest["dormant"],
                   {p: [tuple(x) for x in pairs] for p, pairs in rest["abbreviations"].items()})


@dataclass
class Compiled:
    """Everything a Searcher searches: the project's description, the matrix, the sections in
    index order, their neighbouring-term keys (`pairs`), the vocabulary (term id -> term), the
    lexicon of surface words, and the abbreviations the pages within the limits define (each
    pair once, in page order); and of an engine compiled from pages, those pages' tables (what a
    segment over it needs)."""

    project: dict[str, Any]
    core: Any  # a SearchCore, or a segment's core over one (indexer.search.segment)
    sections: Sequence[SectionRecord]
    pair_keys: np.ndarray
    pair_starts: np.ndarray
    terms: list[str]
    lexicon: Lexicon
    abbreviations: list[tuple[str, str]]
    pages: PageTables | None = None
    pairs_of: Callable[[int], np.ndarray] | None = None  # a segment's: its sections' keys come from two engines
    mapped_tables: dict[str, np.ndarray] | None = None  # the page tables as mapped, decoded when asked for
    ids: dict[str, int] | None = None  # term -> id, made once (`term_ids`)

    def term_ids(self) -> dict[str, int]:
        """The vocabulary's ids by term (made on first use, then kept)."""
        if self.ids is None:
            self.ids = dict(zip(self.terms, range(len(self.terms)), strict=True))
        return self.ids

    def page_tables(self) -> PageTables:
        if self.pages is None and self.mapped_tables is not None:
            self.pages = PageTables.mapped(self.mapped_tables)
        if self.pages is None:
            raise ValueError("a segment's engine has no page tables")
        return self.pages

    def pairs(self, doc: int) -> np.ndarray:
        """The sorted keys of the term pairs that stand side by side in section `doc`."""
        if self.pairs_of is not None:
            return self.pairs_of(doc)
        return self.pair_keys[self.pair_starts[doc]:self.pair_starts[doc + 1]]


def compile_index(index: Index, base_only: bool = False, spool: Path | None = None) -> Compiled:
    """The engine's structures from the index's page records, read one at a time: of each, its
    packed term counts are kept and its sections stored as blobs, so compiling a large index
    never holds all its records (vectorised where it counts). `base_only`: of the pages as the
    base file holds them (the journal's changes left to a segment). `spool`: a folder where the
    blobs are kept in temporary files, not in memory (`BlobWriter`)."""
    analyzer = analyzer_for(tuple(index.project.get("search_lang") or ("nl",)))
    gathered = Gathered()
    sections, words = BlobWriter(spool), BlobWriter(spool)  # the sections' records, each page's words
    word_pages: dict[str, int] = {}
    abbreviations: dict[str, list[tuple[str, str]]] = {}
    keys: list[np.ndarray] = []
    pair_ends: list[np.ndarray] = []
    page_terms: list[np.ndarray] = []
    counts: list[int] = []
    paths = index.pages.base_paths() if base_only else sorted(index.pages)
    for path in paths:
        page = index.pages.base_record(path) if base_only else index.pages[path]
        gathered.add(packed_page(page))
        keys.append(np.frombuffer(page["pairs"], dtype=np.int64))
        pair_ends.append(np.frombuffer(page["pair_ends"], dtype=np.int32))
        page_terms.append(np.frombuffer(page["term"], dtype=np.int32))
        counts.append(len(page["sections"]))
        for section in page["sections"]:
            sections.add(section)
        for word in page["words"]:
            word_pages[word] = word_pages.get(word, 0) + 1
        words.add(page["words"])
        if not page["oversized"] and page.get("abbreviations"):  # else they would become synonyms for every page
            abbreviations[path] = list(page["abbreviations"].items())
        del page
    terms = list(index.vocabulary.terms[:index.base_terms] if base_only else index.vocabulary.terms)
    core = SearchCore.from_gathered(gathered, len(terms))
    del gathered
    pair_keys, pair_starts = pair_arrays(keys, pair_ends)
    tables = PageTables(list(paths), np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
                        np.concatenate([[0], np.cumsum([t.size for t in page_terms])]).astype(np.int64),
                        np.concatenate([np.zeros(0, np.int32), *page_terms]),
                        words.blobs(), word_pages, {}, abbreviations)
    del keys, pair_ends, page_terms
    term_ids = {t: i for i, t in enumerate(terms)}  # passed on: the searcher and its reader look terms up in it
    live = core.live_df  # a word only an oversized page has is no typo or compound target
    lexicon = Lexicon(word_pages, analyzer.stem,
                      lambda t: (i := term_ids.get(t)) is not None and i < live.size and bool(live[i] > 0))
    tables.dormant = {w: analyzer.stem(w) for w in word_pages if w not in lexicon.surface}
    written = sections.blobs()
    return Compiled(dict(index.project), core, SectionBlobs(written.blob, written.offsets), pair_keys, pair_starts,
                    terms, lexicon, abbreviations_in_order(abbreviations), tables, ids=term_ids)


def search_path(path: Path) -> Path:
    return path.with_name(path.name + ".search")


def save_compiled(compiled: Compiled, path: Path, stamp: list[list[int | bytes] | None]) -> None:
    """Write the search file beside the index at `path`, stamped with the index files' `stamp`."""
    sections = compiled.sections
    if not isinstance(sections, Blobs):
        sections = Blobs.of(sections)
    arrays = {**compiled.core.arrays(), **compiled.page_tables().arrays(), "pair_keys": compiled.pair_keys,
              "pair_starts": compiled.pair_starts, "section_offsets": sections.offsets,
              "section_blob": sections.blob}
    meta = {"format": SEARCH_FORMAT, "stamp": stamp, "project": compiled.project,
            "statistics": compiled.core.statistics.state(), "terms": compiled.terms,
            "lexicon": compiled.lexicon.state(), "abbreviations": compiled.abbreviations}
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
    return Compiled(project, SearchCore.mapped(arrays, meta["statistics"]),
                    SectionBlobs(arrays["section_blob"], arrays["section_offsets"]),
                    arrays["pair_keys"], arrays["pair_starts"], meta["terms"],
                    Lexicon.from_state(meta["lexicon"], analyzer.stem),
                    [tuple(pair) for pair in meta["abbreviations"]], mapped_tables=arrays)

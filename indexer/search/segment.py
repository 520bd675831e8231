"""The engine of a base and its journal: the base's engine as compiled (mapped from the search
file), with the journal's pages compiled beside it as a small segment, as Lucene searches a
new segment beside the old ones instead of rewriting them.

It answers exactly as an engine compiled from all the pages would, by construction:

- the statistics are the base's minus those of the pages the journal replaces or removes plus
  the segment's own (counts and sums, indexer.search.core.Statistics), and every posting, the
  base's too, is weighed under them (the base's again when a question first touches its term);
- section ids are the ones a full compile gives (pages in path order), so ties are broken alike;
- the lexicon is the base's with the words that entered and left (Lexicon.changed), and the
  abbreviations are those of the pages there now, in path order.

So a one-page edit costs the segment (milliseconds), not a compile of every page.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any, overload

import numpy as np

from indexer.pages import position_in
from indexer.records import PageRecord, SectionRecord
from indexer.search.analyzer import analyzer_for
from indexer.search.compiled import Compiled, PageTables, abbreviations_in_order, pair_arrays
from indexer.search.core import SearchCore, Statistics, field_scale, packed_page, weigh

CACHE = 50_000  # terms whose postings a segment keeps weighed (a plain dict, cleared when full)


def compose(base: Compiled, journal: dict[str, Any]) -> Compiled:
    """The engine of `base`'s pages with the journal's changes (its `pages`, records by path;
    its `removed` paths; its `terms`, the vocabulary past the base's)."""
    tables = base.page_tables()
    pages: dict[str, PageRecord] = journal["pages"]
    changed = set(pages) | set(journal["removed"])
    dead_pages = sorted(i for p in changed if (i := position_in(tables.paths, p)) is not None)
    terms = base.terms + list(journal["terms"])
    n_terms = len(terms)

    alive = np.ones(base.core.n_docs, dtype=bool)
    for i in dead_pages:
        alive[tables.section_starts[i]:tables.section_starts[i + 1]] = False
    new_paths = sorted(pages)
    packed = [packed_page(pages[p]) for p in new_paths]
    whole: list[Statistics] = []  # the whole index's, made from the segment's own as it is compiled

    def statistics_with(own: Statistics) -> Statistics:
        whole.append(_statistics(base.core, tables, dead_pages, alive, own))
        return whole[0]

    segment = SearchCore.compile(packed, n_terms, statistics_with)
    statistics = whole[0]
    full_of_base, full_of_segment = _full_ids(tables, dead_pages, new_paths, [p["sections"] for p in packed])
    core = SegmentCore(base.core, alive, full_of_base, segment, full_of_segment, statistics)

    sections = [s for p in new_paths for s in pages[p]["sections"]]
    pair_keys, pair_starts = pair_arrays([np.frombuffer(p["pairs"], dtype=np.int64) for p in packed],
                                         [np.frombuffer(p["pair_ends"], dtype=np.int32) for p in packed])
    which, local = core.sources()

    def pairs_of(doc: int) -> np.ndarray:
        n = int(local[doc])
        if which[doc]:
            return pair_keys[pair_starts[n]:pair_starts[n + 1]]
        return base.pairs(n)

    project = journal["project"]
    ids = dict(zip(terms, range(n_terms), strict=True))  # passed on: the searcher and its reader look terms up in it
    lexicon = _lexicon(base, tables, dead_pages, pages, terms, ids, statistics.live_df, project)
    abbreviations = {p: pairs for p, pairs in tables.abbreviations.items() if p not in changed}
    abbreviations.update({p: list(r["abbreviations"].items()) for p, r in pages.items()
                          if not r["oversized"] and r.get("abbreviations")})
    return Compiled(project, core, _Sections(base.sections, sections, which, local), pair_keys, pair_starts, terms,
                    lexicon, abbreviations_in_order(abbreviations), pairs_of=pairs_of, ids=ids)


def _statistics(base: SearchCore, tables: PageTables, dead_pages: list[int], alive: np.ndarray,
                own: Statistics) -> Statistics:
    """The base's statistics without its dead pages' sections, with the segment's pages' (`own`)."""
    n_terms = own.df.size
    dead = ~alive
    dead_counted = dead & base.counted
    kept = base.lengths[dead_counted].astype(np.float64)
    dead_terms = [tables.terms[tables.term_starts[i]:tables.term_starts[i + 1]] for i in dead_pages]
    starts = tables.section_starts
    counted_pages = [bool(starts[i + 1] > starts[i] and base.counted[starts[i]]) for i in dead_pages]
    gone_df = np.bincount(np.concatenate([np.zeros(0, np.int32), *dead_terms]), minlength=n_terms)
    gone_live = np.bincount(np.concatenate([np.zeros(0, np.int32),
                                            *(t for t, c in zip(dead_terms, counted_pages, strict=True) if c)]),
                            minlength=n_terms)
    stats = base.statistics
    return Statistics(stats.counted - int(dead_counted.sum()) + own.counted,
                      stats.length_sums - kept.sum(axis=0) + own.length_sums,
                      stats.present - (kept > 0).sum(axis=0) + own.present,
                      (_padded(stats.df, n_terms) - gone_df + own.df).astype(np.int32),
                      (_padded(stats.live_df, n_terms) - gone_live + own.live_df).astype(np.int32))


def _padded(counts: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.int64)
    out[:counts.size] = counts
    return out


def _full_ids(tables: PageTables, dead_pages: list[int], new_paths: list[str],
              new_counts: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The ids a full compile would give the base's live sections and the segment's: pages in
    path order, each page's sections in order (-1 for the base's dead sections). The base's
    pages are in path order already: a segment's page goes before the first base page whose
    path is not smaller (the one it replaces, which is dead, or the next)."""
    starts = tables.section_starts
    sizes = np.diff(starts)
    sizes[dead_pages] = 0
    new_sizes = np.array(new_counts, dtype=np.int64)
    before = np.array([bisect.bisect_left(tables.paths, p) for p in new_paths], dtype=np.int64)
    inserted = np.zeros(sizes.size + 1, dtype=np.int64)
    np.add.at(inserted, before, new_sizes)
    # base page i starts after every live base page before it and every new page placed before it
    base_start = np.concatenate([[0], np.cumsum(sizes)[:-1]]) + np.cumsum(inserted)[:-1] if sizes.size \
        else np.zeros(0, dtype=np.int64)
    n_sections = int(starts[-1]) if starts.size else 0
    page_of = np.repeat(np.arange(sizes.size), np.diff(starts))
    full_of_base = np.full(n_sections, -1, dtype=np.int64)
    if n_sections:
        live = np.repeat(sizes > 0, np.diff(starts))
        offset = np.arange(n_sections) - starts[page_of]
        full_of_base[live] = (base_start[page_of] + offset)[live]
    # a new page starts after the live base pages and new pages before its place, and the new
    # pages at the same place before it (they are in path order)
    live_before = np.concatenate([[0], np.cumsum(sizes)])[before]
    new_before = np.cumsum(inserted)[before] - inserted[before]
    same_place = np.concatenate([[0], np.cumsum(new_sizes)[:-1]]) - \
        np.concatenate([[0], np.cumsum(new_sizes)])[np.searchsorted(before, before, side="left")]
    new_start = live_before + new_before + same_place
    full_of_segment = np.repeat(new_start, new_sizes) + (
        np.arange(int(new_sizes.sum())) - np.repeat(np.concatenate([[0], np.cumsum(new_sizes)[:-1]]), new_sizes))
    return full_of_base, full_of_segment.astype(np.int64)


def _lexicon(base: Compiled, tables: PageTables, dead_pages: list[int], pages: dict[str, PageRecord],
             terms: list[str], ids: dict[str, int], live_df: np.ndarray, project: dict[str, Any]) -> Any:
    """The base's lexicon with the words that entered it and left: a word is in it while some
    page has it and its stem is a term some counted section holds."""
    stem = analyzer_for(tuple(project.get("search_lang") or ("nl",))).stem

    def is_term(s: str) -> bool:
        i = ids.get(s)
        return i is not None and bool(live_df[i] > 0)

    counts: dict[str, int] = {}
    for i in dead_pages:
        for word in tables.words[i]:
            counts[word] = counts.get(word, 0) - 1
    for record in pages.values():
        for word in record["words"]:
            counts[word] = counts.get(word, 0) + 1
    base_live = base.core.live_df
    flipped = {terms[i] for i in np.flatnonzero((_padded(base_live, len(terms)) > 0) != (live_df > 0))}
    candidates = set(counts)
    if flipped:
        candidates.update(w for w, s in base.lexicon.surface.items() if s in flipped)
        candidates.update(w for w, s in tables.dormant.items() if s in flipped)
    added: dict[str, str] = {}
    removed: set[str] = set()
    for word in candidates:
        held = tables.word_pages.get(word, 0) + counts.get(word, 0) > 0
        s = stem(word)
        now = held and is_term(s)
        if now and word not in base.lexicon.surface:
            added[word] = s
        elif not now and word in base.lexicon.surface:
            removed.add(word)
    return base.lexicon.changed(added, removed) if added or removed else base.lexicon


class SegmentCore:
    """The base's matrix and a segment's, as one core in full-compile ids: the base's postings
    of its live sections weighed again under the statistics of both (once per term, kept), the
    segment's weighed under them when it was compiled."""

    def __init__(self, base: SearchCore, alive: np.ndarray, full_of_base: np.ndarray, segment: SearchCore,
                 full_of_segment: np.ndarray, statistics: Statistics) -> None:
        self.base, self.alive, self.full_of_base = base, alive, full_of_base
        self.segment, self.full_of_segment = segment, full_of_segment
        self.statistics = statistics
        self.df, self.live_df = statistics.df, statistics.live_df
        self.idf = statistics.idf()
        self.n_terms = int(self.df.size)
        self.n_docs = int(alive.sum()) + int(full_of_segment.size)
        live = self.idf[self.live_df > 0]
        self._max_idf = float(live.max()) if live.size else 1.0
        self._scale = field_scale(base.lengths, statistics.average())
        self._weighed: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def sources(self) -> tuple[np.ndarray, np.ndarray]:
        """Per full id: whether the segment holds the section (else the base), and its id there."""
        which = np.zeros(self.n_docs, dtype=bool)
        local = np.zeros(self.n_docs, dtype=np.int64)
        live = np.flatnonzero(self.alive)
        local[self.full_of_base[live]] = live
        which[self.full_of_segment] = True
        local[self.full_of_segment] = np.arange(self.full_of_segment.size)
        return which, local

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        found = self._weighed.get(term)
        if found is not None:
            return found
        docs, weights = [np.zeros(0, np.int64)], [np.zeros(0, np.float32)]
        if 0 <= term < self.base.n_terms:
            start, end = int(self.base.indptr[term]), int(self.base.indptr[term + 1])
            sections = self.base.docs[start:end]
            keep = self.alive[sections]
            tf = self.base.tf[start:end]
            if not keep.all():
                sections, tf = sections[keep], tf[keep]
            docs.append(self.full_of_base[sections])
            weights.append(weigh(tf, sections, self._scale, self.base.boost, self.idf[term]))
        if 0 <= term < self.segment.n_terms:
            sections, segment_weights = self.segment.postings(term)
            docs.append(self.full_of_segment[sections])
            weights.append(segment_weights)
        found = (np.concatenate(docs), np.concatenate(weights))
        if len(self._weighed) >= CACHE:
            self._weighed.clear()
        self._weighed[term] = found
        return found

    def max_idf(self) -> float:
        return self._max_idf


class _Sections(Sequence[SectionRecord]):
    """Sections by full id, each read from the base or the segment."""

    def __init__(self, base: Sequence[SectionRecord], segment: list[SectionRecord], which: np.ndarray,
                 local: np.ndarray) -> None:
        self.base, self.segment, self.which, self.local = base, segment, which, local

    def __len__(self) -> int:
        return int(self.which.size)

    def stored_size(self, i: int) -> int:
        """The bytes section `i` takes stored in the base (a segment's are in memory already: 0)."""
        return 0 if self.which[i] else int(getattr(self.base, "stored_size", lambda n: 0)(int(self.local[i])))

    @overload
    def __getitem__(self, i: int) -> SectionRecord: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[SectionRecord]: ...

    def __getitem__(self, i: int | slice) -> SectionRecord | Sequence[SectionRecord]:
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        n = int(self.local[i])
        return self.segment[n] if self.which[i] else self.base[n]


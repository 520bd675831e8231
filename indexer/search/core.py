"""The numeric core: BM25F weights of every (term, section) pair in a term-major sparse matrix.

Compiled from the pages' packed term counts with a handful of vectorised numpy operations, so
an index of tens of thousands of sections compiles in a fraction of a second after each update;
stored as it is used in the search file, so a new process maps it instead of compiling it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from indexer.records import PackedCounts, PageRecord
from indexer.search import params
from indexer.search.postings import FIELDS

FIELD_WEIGHTS = np.array(params.FIELD_WEIGHTS, dtype=np.float32)
FIELD_B = np.array(params.FIELD_B, dtype=np.float32)
K1 = params.K1
CHUNK = 1 << 20  # postings per step where a step would otherwise copy every posting's field row


class PackedPage(PackedCounts):
    """What the core is compiled from, of each page: its packed term counts, boost, whether it
    is oversized and its section count."""

    boost: float
    oversized: bool
    sections: int


@dataclass
class Statistics:
    """What a posting's BM25F weight depends on besides its own counts: how many sections the
    statistics count, the sum of each field's length over them and how many have the field, and
    per term the sections holding it (`df`: every section, it places the postings; `live_df`:
    those counted). Sums, so that a segment's statistics are the base's minus what it replaces
    plus its own (indexer.search.segment)."""

    counted: int
    length_sums: np.ndarray  # float64, per field
    present: np.ndarray  # int64, per field
    df: np.ndarray  # int32, per term
    live_df: np.ndarray  # int32, per term

    @classmethod
    def of(cls, term: np.ndarray, sec: np.ndarray, lengths: np.ndarray, counted: np.ndarray,
           n_terms: int) -> Statistics:
        """The statistics of sections with these postings (`term`, `sec`), lengths and flags."""
        df = np.bincount(term, minlength=n_terms).astype(np.int32)
        live_df = np.bincount(term[counted[sec]], minlength=n_terms).astype(np.int32) if not counted.all() else df
        kept = lengths[counted].astype(np.float64)
        return cls(int(counted.sum()), kept.sum(axis=0), (kept > 0).sum(axis=0).astype(np.int64), df, live_df)

    def average(self) -> np.ndarray:
        """Mean length over the sections that have the field (as Lucene does): most have no table."""
        average = self.length_sums / np.maximum(self.present, 1)
        average[average == 0] = 1.0
        return average

    def idf(self) -> np.ndarray:
        return np.log1p((self.counted - self.live_df + 0.5) / (self.live_df + 0.5)).astype(np.float32)

    def state(self) -> dict[str, object]:
        return {"counted": self.counted, "length_sums": self.length_sums.tolist(), "present": self.present.tolist()}


def field_scale(lengths: np.ndarray, average: np.ndarray) -> np.ndarray:
    """Per section and field: the field's weight over its length normalisation."""
    norm = 1.0 - FIELD_B + FIELD_B * lengths / average
    return (FIELD_WEIGHTS / norm).astype(np.float32)


def weigh(tf: np.ndarray, sections: np.ndarray, scale: np.ndarray, boost: np.ndarray,
          idf: np.ndarray | np.float32, terms: np.ndarray | None = None) -> np.ndarray:
    """BM25F weights of postings: their counts per field (`tf`), their sections (whose
    `field_scale` rows and boosts apply) and their terms' idf (`idf[terms]`, or `idf` for all when
    `terms` is None). A chunk at a time, so that no step copies every posting's field row; one
    formula for a whole index at once and for one term's postings later, the same bits."""
    weights = np.empty(tf.shape[0], dtype=np.float32)
    for start in range(0, tf.shape[0], CHUNK):
        end = start + CHUNK
        where = sections[start:end]
        combined = np.einsum("ij,ij->i", tf[start:end].astype(np.float32), scale[where])  # a row-wise dot product
        factor = idf if terms is None else idf[terms[start:end]]  # type: ignore[index]
        weights[start:end] = factor * combined * (K1 + 1) / (combined + K1) * boost[where]
    return weights


def packed_page(record: PageRecord) -> PackedPage:
    """What the core is compiled from, of a page's record."""
    return {"sec": record["sec"], "term": record["term"], "tf": record["tf"], "len": record["len"],
            "pairs": record["pairs"], "pair_ends": record["pair_ends"], "boost": record["boost"],
            "oversized": record["oversized"], "sections": len(record["sections"])}


class Gathered:
    """Pages' packed term counts gathered for a core, page by page, into compact arrays (term
    counts as 16-bit integers; a chunk of pages joined at a time, so that the bytes of every page
    are never all held beside the arrays)."""

    PAGES = 2048

    def __init__(self) -> None:
        self._parts: list[list[np.ndarray]] = [[] for _ in range(6)]
        self._pending: list[list[np.ndarray]] = [[] for _ in range(6)]
        self.sections = 0

    def add(self, page: PackedPage) -> None:
        width = len(FIELDS)
        n = page["sections"]
        sec = np.frombuffer(page["sec"], dtype=np.int32) + self.sections
        tf = np.frombuffer(page["tf"], dtype=np.float32).reshape(-1, width)
        weight = page["boost"] * (params.OVERSIZED_SHARE if page["oversized"] else 1.0)
        values: tuple[np.ndarray, ...] = (sec.astype(np.int32), np.frombuffer(page["term"], dtype=np.int32),
                  np.minimum(tf, np.iinfo(np.uint16).max).astype(np.uint16),
                  np.frombuffer(page["len"], dtype=np.float32).reshape(-1, width),
                  np.full(n, weight, dtype=np.float32), np.full(n, not page["oversized"], dtype=bool))
        for pending, value in zip(self._pending, values, strict=True):
            pending.append(value)
        self.sections += n
        if len(self._pending[0]) >= self.PAGES:
            self._join()

    def _join(self) -> None:
        for parts, pending in zip(self._parts, self._pending, strict=True):
            if pending:
                parts.append(np.concatenate(pending))
                pending.clear()

    def arrays(self) -> tuple[np.ndarray, ...]:
        """Postings' sections, terms and field counts; sections' lengths, boosts, counted flags."""
        self._join()
        width = len(FIELDS)
        empty: tuple[np.ndarray, ...] = (np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros((0, width), np.uint16),
                 np.zeros((0, width), np.float32), np.zeros(0, np.float32), np.zeros(0, bool))
        out: tuple[np.ndarray, ...] = tuple(np.concatenate(parts) if parts else e
                                            for parts, e in zip(self._parts, empty, strict=True))
        self._parts = [[] for _ in range(6)]
        return out


class SearchCore:
    """`postings(term)` gives the sections holding a term and its BM25F weight in each
    (idf × saturated, length-normalised, field-weighted frequency × page boost): a term-major
    sparse matrix (`indptr`, `docs`, `weights`), compiled from the pages (`compile`) or mapped
    from the search file (indexer.search.compiled) as it is stored. Beside it, what the weights
    were made from (each posting's counts per field, each section's lengths, boost and whether
    the statistics count it), for a segment to weigh them again under the statistics of the
    whole index (indexer.search.segment).

    The statistics (section count, document frequencies, mean field lengths) are those of the
    pages within the limits: a page cut for its size or its headings (`oversized`) changes no
    other section's weights, and its own sections weigh a tiny share (they answer only when
    nothing else does)."""

    def __init__(self, indptr: np.ndarray, docs: np.ndarray, weights: np.ndarray, tf: np.ndarray,
                 lengths: np.ndarray, boost: np.ndarray, counted: np.ndarray, statistics: Statistics,
                 idf: np.ndarray | None = None) -> None:
        self.indptr, self.docs, self.weights, self.tf = indptr, docs, weights, tf
        self.lengths, self.boost, self.counted = lengths, boost, counted
        self.statistics = statistics
        self.df, self.live_df = statistics.df, statistics.live_df
        self.idf = statistics.idf() if idf is None else idf
        self.n_docs = int(boost.size)
        self.n_terms = int(self.df.size)
        live = self.idf[self.live_df > 0]
        self._max_idf = float(live.max()) if live.size else 1.0

    @classmethod
    def compile(cls, pages: Sequence[PackedPage], n_terms: int,
                whole: Callable[[Statistics], Statistics] | None = None) -> SearchCore:
        """The matrix of `pages`' packed term counts, with a handful of vectorised operations."""
        gathered = Gathered()
        for page in pages:
            gathered.add(page)
        return cls.from_gathered(gathered, n_terms, whole)

    @classmethod
    def from_gathered(cls, gathered: Gathered, n_terms: int,
                      whole: Callable[[Statistics], Statistics] | None = None) -> SearchCore:
        """The matrix of the gathered pages, weighed under their own statistics, or under those
        `whole` makes of them (a segment's: the statistics of the whole index)."""
        sec, term, tf, lengths, boost, counted = gathered.arrays()
        own = Statistics.of(term, sec, lengths, counted, n_terms)
        statistics = whole(own) if whole is not None else own
        idf = statistics.idf()
        scale = field_scale(lengths, statistics.average())
        order = np.argsort(term, kind="stable")
        sec = sec[order]
        term = term[order]
        tf = tf[order]
        del order
        weights = weigh(tf, sec, scale, boost, idf, term)
        indptr = np.concatenate([[0], np.cumsum(own.df)]).astype(np.int64)
        # 32-bit ids, 16-bit counts: what the search file stores, and all a section count needs
        return cls(indptr, sec, weights, tf, lengths, boost, counted, own, None if whole is None else idf)

    def arrays(self) -> dict[str, np.ndarray]:
        """The matrix, what it was weighed from and its statistics, as the search file stores them."""
        return {"indptr": self.indptr, "docs": self.docs, "weights": self.weights, "tf": self.tf,
                "lengths": self.lengths, "boost": self.boost, "counted": self.counted, "df": self.df,
                "live_df": self.live_df, "idf": self.idf}

    @classmethod
    def mapped(cls, arrays: dict[str, np.ndarray], statistics: dict[str, object]) -> SearchCore:
        """The core as `arrays` (mapped from the search file) and `statistics` (its state) hold it."""
        stats = Statistics(int(statistics["counted"]), np.array(statistics["length_sums"], dtype=np.float64),  # type: ignore[call-overload]
                           np.array(statistics["present"], dtype=np.int64), arrays["df"], arrays["live_df"])
        return cls(arrays["indptr"], arrays["docs"], arrays["weights"], arrays["tf"], arrays["lengths"],
                   arrays["boost"], arrays["counted"], stats, arrays["idf"])

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        if term < 0 or term >= self.n_terms:
            return self.docs[:0], self.weights[:0]
        start, end = self.indptr[term], self.indptr[term + 1]
        return self.docs[start:end], self.weights[start:end]

    def max_idf(self) -> float:
        """The idf of the rarest word some section holds: terms of removed pages (no occurrences
        left, kept in the vocabulary until the next full build) must not raise it. Worked out
        once: every question asks for it."""
        return self._max_idf

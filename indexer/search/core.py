"""The numeric core: BM25F weights of every (term, section) pair in a term-major sparse matrix.

Compiled from the pages' packed term counts with a handful of vectorised numpy operations, so
an index of tens of thousands of sections compiles in a fraction of a second after each update;
stored as it is used in the search file, so a new process maps it instead of compiling it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

import numpy as np

from indexer.search import params
from indexer.search.postings import FIELDS

FIELD_WEIGHTS = np.array(params.FIELD_WEIGHTS, dtype=np.float32)
FIELD_B = np.array(params.FIELD_B, dtype=np.float32)
K1 = params.K1
CHUNK = 1 << 20  # postings per step where a step would otherwise copy every posting's field row


class PackedPage(TypedDict):
    """What the core is compiled from, of each page: its packed term counts (as PagePostings),
    boost, whether it is oversized and its section count."""

    sec: bytes
    term: bytes
    tf: bytes
    len: bytes
    pairs: bytes
    pair_ends: bytes
    boost: float
    oversized: bool
    sections: int


class SearchCore:
    """`postings(term)` gives the sections holding a term and its BM25F weight in each
    (idf × saturated, length-normalised, field-weighted frequency × page boost): a term-major
    sparse matrix (`indptr`, `docs`, `weights`), compiled from the pages (`compile`) or mapped
    from the search file (indexer.search.compiled) as it is stored.

    The statistics (section count, document frequencies, mean field lengths) are those of the
    pages within the limits: a page cut for its size or its headings (`oversized`) changes no
    other section's weights, and its own sections weigh a tiny share (they answer only when
    nothing else does). `df` counts every section (it places the postings), `live_df` those
    statistics count."""

    def __init__(self, indptr: np.ndarray, docs: np.ndarray, weights: np.ndarray, df: np.ndarray,
                 live_df: np.ndarray, idf: np.ndarray, n_docs: int) -> None:
        self.indptr, self.docs, self.weights = indptr, docs, weights
        self.df, self.live_df, self.idf = df, live_df, idf
        self.n_docs = n_docs
        self.n_terms = int(df.size)
        live = idf[live_df > 0]
        self._max_idf = float(live.max()) if live.size else 1.0

    @classmethod
    def compile(cls, pages: Sequence[PackedPage], n_terms: int) -> SearchCore:
        """The matrix of `pages`' packed term counts, with a handful of vectorised operations."""
        width = len(FIELDS)
        counts = [p["sections"] for p in pages]
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        n_docs = int(offsets[-1])
        if n_docs == 0:
            empty = np.zeros(n_terms, dtype=np.int32)
            return cls(np.zeros(n_terms + 1, dtype=np.int64), np.zeros(0, dtype=np.int32),
                       np.zeros(0, dtype=np.float32), empty, empty, np.zeros(n_terms, dtype=np.float32), 0)
        starts = offsets[:-1]
        sec = np.concatenate([np.frombuffer(p["sec"], dtype=np.int32) + o for p, o in zip(pages, starts, strict=True)])
        term = np.concatenate([np.frombuffer(p["term"], dtype=np.int32) for p in pages])
        tf = np.concatenate([np.frombuffer(p["tf"], dtype=np.float32).reshape(-1, width) for p in pages])
        lengths = np.concatenate([np.frombuffer(p["len"], dtype=np.float32).reshape(-1, width) for p in pages])
        oversized = [p["oversized"] for p in pages]
        boost = np.repeat(np.array([p["boost"] * (params.OVERSIZED_SHARE if o else 1.0)
                                    for p, o in zip(pages, oversized, strict=True)], dtype=np.float32), counts)
        counted = np.repeat(~np.array(oversized, dtype=bool), counts)  # per section: in the statistics

        # Mean length over the sections that have the field (as Lucene does): most have no table.
        present = ((lengths > 0) & counted[:, None]).sum(axis=0)
        average = (lengths * counted[:, None]).sum(axis=0) / np.maximum(present, 1)
        average[average == 0] = 1.0
        norm = 1.0 - FIELD_B + FIELD_B * lengths / average
        scale = (FIELD_WEIGHTS / norm).astype(np.float32)  # per section and field
        combined = np.empty(sec.size, dtype=np.float32)
        for start in range(0, sec.size, CHUNK):  # a row-wise dot product, its gather a chunk at a time
            end = start + CHUNK
            np.einsum("ij,ij->i", tf[start:end], scale[sec[start:end]], out=combined[start:end])
        df = np.bincount(term, minlength=n_terms)
        live_df = np.bincount(term[counted[sec]], minlength=n_terms) if not counted.all() else df
        sections = int(counted.sum())
        idf = np.log1p((sections - live_df + 0.5) / (live_df + 0.5)).astype(np.float32)
        weight = idf[term] * combined * (K1 + 1) / (combined + K1) * boost[sec]

        order = np.argsort(term, kind="stable")
        indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        # 32-bit counts and ids: what the search file stores, and all a section count needs
        return cls(indptr, sec[order].astype(np.int32), weight[order].astype(np.float32), df.astype(np.int32),
                   live_df.astype(np.int32), idf, n_docs)

    def arrays(self) -> dict[str, np.ndarray]:
        """The matrix and statistics as the search file stores them."""
        return {"indptr": self.indptr, "docs": self.docs, "weights": self.weights, "df": self.df,
                "live_df": self.live_df, "idf": self.idf}

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

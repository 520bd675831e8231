"""A page's sections as searchable fields and packed term counts (the input of the search core)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from indexer.content import blocks_text
from indexer.page import Page
from indexer.search.analyzer import Analyzer

# title: the heading; crumbs: where it sits (folders, page title, parent headings);
# body: prose and lists; rows: table rows; code: code blocks and diagrams (searchable, not prose).
FIELDS = ("title", "crumbs", "body", "rows", "code")


class Vocabulary:
    """Term ids, shared by every page of one index. Ids only grow while the index is updated."""

    def __init__(self, terms: list[str] | None = None) -> None:
        self.terms: list[str] = list(terms or [])
        self.ids: dict[str, int] = {t: i for i, t in enumerate(self.terms)}

    def id(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return found


def section_fields(section: dict[str, Any]) -> tuple[list[str], ...]:
    """The text of each field as units. A field's length is the mean length of its units: a table
    row is a passage of its own, so a long table does not dilute the row that answers."""
    blocks = section["blocks"]
    prose = [b for b in blocks if b["kind"] not in ("code", "table")]
    rows = [" ".join(cells) for b in blocks if b["kind"] == "table" for cells in (b["header"], *b["rows"])]
    code = [b for b in blocks if b["kind"] == "code"]
    return [section["title"]], [" ".join(section["breadcrumb"])], [blocks_text(prose)], rows, [blocks_text(code)]


def pack_page(page: Page, analyzer: Analyzer, vocabulary: Vocabulary) -> dict[str, Any]:
    """Term counts of every section of `page`, per field, packed as bytes:
    `sec` (int32 section number), `term` (int32 term id), `tf` (float32, one column per field),
    `len` (float32 field lengths, one row per section); `pairs` (int64 keys of the term pairs that
    stand side by side, sorted per section, `pair_ends` where each section's pairs end);
    `words` the page's surface words."""
    sec: list[int] = []
    term: list[int] = []
    tf: list[list[float]] = []
    lengths: list[list[float]] = []
    words: set[str] = set()
    pairs: list[np.ndarray] = []
    width = len(FIELDS)
    term_of: dict[str, int] = {}  # surface word -> term id, for this page

    def term_id(word: str) -> int:
        found = term_of.get(word)
        if found is None:
            found = term_of[word] = vocabulary.id(analyzer.stem(word))
        return found

    for number, section in enumerate(page.sections):
        counts: dict[int, list[float]] = {}
        section_lengths = []
        sequence: list[int] = []  # the section's term ids in order, -1 between units
        for f, units in enumerate(section_fields(section.to_dict())):
            n_words = 0
            for text in units:
                unit = [w for w in analyzer.words(text) if not analyzer.is_stop(w)]
                n_words += len(unit)
                ids = [term_id(w) for w in unit]
                for t, n in Counter(ids).items():
                    counts.setdefault(t, [0.0] * width)[f] += n
                sequence += ids
                sequence.append(-1)
            section_lengths.append(n_words / len(units) if units else 0.0)
        lengths.append(section_lengths)
        for t, row in counts.items():
            sec.append(number)
            term.append(t)
            tf.append(row)
        pairs.append(_neighbour_pairs(np.asarray(sequence, dtype=np.int64)))
    words.update(term_of)
    return {
        "sec": np.asarray(sec, dtype=np.int32).tobytes(),
        "term": np.asarray(term, dtype=np.int32).tobytes(),
        "tf": np.asarray(tf, dtype=np.float32).reshape(-1, width).tobytes(),
        "len": np.asarray(lengths, dtype=np.float32).reshape(-1, width).tobytes(),
        "pairs": (np.concatenate(pairs) if pairs else np.zeros(0, np.int64)).tobytes(),
        "pair_ends": np.cumsum([len(p) for p in pairs], dtype=np.int64).astype(np.int32).tobytes(),
        "words": sorted(words),
    }


def _neighbour_pairs(sequence: np.ndarray) -> np.ndarray:
    """The distinct sorted pair keys of terms side by side in `sequence` (-1 separates units)."""
    a, b = sequence[:-1], sequence[1:]
    keep = (a >= 0) & (b >= 0) & (a != b)
    low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    return np.unique((low << 32) | high)


def pair_key(a: int, b: int) -> int:
    """One key for two terms side by side, in either order."""
    return (min(a, b) << 32) | max(a, b)

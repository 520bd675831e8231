"""A page's sections as searchable fields and packed term counts (the input of the search core)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indexer.content import blocks_text
from indexer.records import PagePostings, SectionRecord
from indexer.search.analyzer import Analyzer

if TYPE_CHECKING:
    from indexer.page import Page

# title: the heading; crumbs: where it sits (folders, page title, parent headings);
# body: prose and lists; rows: table rows; code: code blocks and diagrams (searchable, not prose).
FIELDS = ("title", "crumbs", "body", "rows", "code")
STOP = -1


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


def section_fields(section: SectionRecord) -> tuple[list[str], ...]:
    """The text of each field as units. A field's length is the mean length of its units: a table
    row is a passage of its own, so a long table does not dilute the row that answers."""
    blocks = section["blocks"]
    prose = [b for b in blocks if b["kind"] not in ("code", "table")]
    rows = [" ".join(cells) for b in blocks if b["kind"] == "table" for cells in (b["header"], *b["rows"])]
    code = [b for b in blocks if b["kind"] == "code"]
    return [section["title"]], [" ".join(section["breadcrumb"])], [blocks_text(prose)], rows, [blocks_text(code)]


def pack_page(page: Page, analyzer: Analyzer, vocabulary: Vocabulary) -> PagePostings:
    """Term counts of every section of `page`, per field, packed as bytes:
    `sec` (int32 section number), `term` (int32 term id), `tf` (float32, one column per field),
    `len` (float32 field lengths, one row per section); `pairs` (int64 keys of the term pairs that
    stand side by side, sorted per section, `pair_ends` where each section's pairs end);
    `words` the page's surface words. One pass over the words, plain lists, one array at the end:
    this runs for every page of a full build."""
    import numpy as np  # here, not at the top: the index imports this module for `Vocabulary` without numpy

    sec: list[int] = []
    term: list[int] = []
    tf: list[float] = []
    lengths: list[float] = []
    pairs: list[int] = []
    pair_ends: list[int] = []
    width = len(FIELDS)
    term_of: dict[str, int] = {}  # surface word -> term id (STOP for a stop word), for this page
    words, term_for, new_id = analyzer.words, analyzer.term, vocabulary.id

    for number, section in enumerate(page.sections):
        counts: dict[int, list[float]] = {}
        neighbours: set[int] = set()
        for f, units in enumerate(section_fields(section.to_dict())):
            n_words = 0
            for text in units:
                previous = -1  # pairs never span two units (two rows, title and body)
                for w in words(text):
                    t = term_of.get(w)
                    if t is None:
                        stem = term_for(w)
                        t = term_of[w] = new_id(stem) if stem else STOP
                    if t == STOP:
                        continue
                    row = counts.get(t)
                    if row is None:
                        row = counts[t] = [0.0] * width
                    row[f] += 1.0
                    if previous >= 0 and previous != t:  # pair_key, inlined: this runs for every word
                        neighbours.add((previous << 32) | t if previous < t else (t << 32) | previous)
                    previous = t
                    n_words += 1
            lengths.append(n_words / len(units) if units else 0.0)
        sec.extend([number] * len(counts))
        term.extend(counts)
        for row in counts.values():
            tf.extend(row)
        pairs.extend(sorted(neighbours))
        pair_ends.append(len(pairs))
    return {
        "sec": np.asarray(sec, dtype=np.int32).tobytes(),
        "term": np.asarray(term, dtype=np.int32).tobytes(),
        "tf": np.asarray(tf, dtype=np.float32).tobytes(),
        "len": np.asarray(lengths, dtype=np.float32).tobytes(),
        "pairs": np.asarray(pairs, dtype=np.int64).tobytes(),
        "pair_ends": np.asarray(pair_ends, dtype=np.int32).tobytes(),
        "words": sorted(w for w, t in term_of.items() if t != STOP),
    }


def pair_key(a: int, b: int) -> int:
    """One key for two terms side by side, in either order."""
    return (min(a, b) << 32) | max(a, b)

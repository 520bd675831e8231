"""A page's sections as searchable fields and packed term counts (the input of the search core)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING

from indexer.content import blocks_text
from indexer.records import PagePostings, SectionRecord
from indexer.search.analyzer import BREAK, Analyzer

if TYPE_CHECKING:
    from indexer.page import Page

# title: the heading; crumbs: where it sits (folders, page title, parent headings);
# body: prose and lists; rows: table rows; code: code blocks and diagrams (searchable, not prose).
FIELDS = ("title", "crumbs", "body", "rows", "code")
STOP = -1
UNIT_END = -2  # BREAK's id in `pack_pages`: the end of a unit
NEW = -3  # in `pack_pages`, a word not looked up yet


class Vocabulary:
    """Term ids, shared by every page of one index. Ids only grow while the index is updated."""

    def __init__(self, terms: list[str] | None = None) -> None:
        self.terms: list[str] = list(terms or [])
        self._ids: dict[str, int] | None = None

    @property
    def ids(self) -> dict[str, int]:
        """Term -> id, made when first asked for (an update that parses nothing never needs it)."""
        if self._ids is None:
            self._ids = dict(zip(self.terms, range(len(self.terms)), strict=True))
        return self._ids

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


def pack_pages(pages: Sequence[Page], analyzer: Analyzer, vocabulary: Vocabulary) -> list[PagePostings]:
    """Term counts of every section of each of `pages`, per field, packed as bytes:
    `sec` (int32 section number), `term` (int32 term id, in the order the section first uses
    them), `tf` (float32, one column per field), `len` (float32 field lengths, one row per
    section); `pairs` (int64 keys of the term pairs that stand side by side, sorted per section,
    `pair_ends` where each section's pairs end); `words` the page's surface words.

    This runs for every page of a full build: Python only splits the text into words and looks
    each word's term id up (one dict shared by the pages of the call, so a word is analysed once);
    the counting, the pairs and the packing are numpy over all the pages at once. Term ids are
    given in the order words first appear, page by page, as a word-by-word walk would give them."""
    width = len(FIELDS)
    unit_words, term_for, new_id = analyzer.unit_words, analyzer.term, vocabulary.id
    term_of: dict[str, int] = {BREAK: UNIT_END}  # surface word -> term id (STOP for a stop word)
    no_term = {BREAK}  # the words of term_of that are no term (stop words, BREAK)
    known = term_of.get
    ids: list[int] = []  # every word's term id, UNIT_END after each unit, all pages in order
    unit_slots: list[int] = []  # each unit's section slot * width + field
    slot_units: list[int] = []  # units per section slot and field
    page_words: list[list[str]] = []
    page_sections: list[int] = []
    slot = 0
    for page in pages:
        texts: list[str] = []
        for section in page.sections:
            for f, units in enumerate(section_fields(section.to_dict())):
                texts.extend(units)
                unit_slots.extend([slot + f] * len(units))
                slot_units.append(len(units))
            slot += width
        words = unit_words(texts)
        found = list(map(known, words, repeat(NEW)))
        at = 0
        while True:  # words not met before in this call, given ids in order (as first met)
            try:
                at = found.index(NEW, at)
            except ValueError:
                break
            w = words[at]
            t = known(w)
            if t is None:
                stem = term_for(w)
                t = term_of[w] = new_id(stem) if stem else STOP
                if t == STOP:
                    no_term.add(w)
            found[at] = t
            at += 1
        ids.extend(found)
        page_words.append(sorted(set(words).difference(no_term)))
        page_sections.append(len(page.sections))
    return _packed(ids, unit_slots, slot_units, page_sections, page_words)


def pack_page(page: Page, analyzer: Analyzer, vocabulary: Vocabulary) -> PagePostings:
    """The packed term counts of one page (see `pack_pages`)."""
    return pack_pages([page], analyzer, vocabulary)[0]


def _packed(ids: list[int], unit_slots: list[int], slot_units: list[int],
            page_sections: list[int], page_words: list[list[str]]) -> list[PagePostings]:
    """`pack_pages`' counting and packing, numpy over every word of every page at once."""
    import numpy as np  # here, not at the top: the index imports this module for `Vocabulary` without numpy

    width = len(FIELDS)
    n_sections = sum(page_sections)
    term = np.asarray(ids, dtype=np.int64)
    ends = term == UNIT_END
    unit = np.cumsum(ends) - ends  # the units ended before each word: its unit
    kept = term >= 0
    term, unit = term[kept], unit[kept]
    slot = np.asarray(unit_slots, dtype=np.int64)[unit]  # section * width + field of each counted word
    section = slot // width

    # a field's length: its words per unit (none: 0)
    units = np.asarray(slot_units, dtype=np.float64)
    counted = np.bincount(slot, minlength=n_sections * width).astype(np.float64)
    lengths = np.divide(counted, units, out=np.zeros_like(counted), where=units > 0).astype(np.float32)

    # one row per (section, term), in the order the walk first meets them: sections in order, then
    # the section's terms as they first appear (its title first)
    span = int(term.max()) + 1 if term.size else 1
    distinct, first, inverse = np.unique(section * span + term, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    rows = distinct[order]
    row_section, row_term = rows // span, rows % span
    tf = np.bincount(rank[inverse.ravel()] * width + slot % width, minlength=order.size * width).astype(np.float32)

    # neighbouring terms of one unit (stop words skipped), one key per pair and section, sorted
    side = (unit[1:] == unit[:-1]) & (term[1:] != term[:-1])
    a, b = term[:-1][side], term[1:][side]
    keys = (np.minimum(a, b) << 32) | np.maximum(a, b)
    pair_section = section[1:][side]
    by = np.lexsort((keys, pair_section))
    keys, pair_section = keys[by], pair_section[by]
    new = np.ones(keys.size, dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]) | (pair_section[1:] != pair_section[:-1])
    keys, pair_section = keys[new], pair_section[new]
    pair_ends = np.cumsum(np.bincount(pair_section, minlength=n_sections))

    out: list[PagePostings] = []
    first_section = 0
    row_bounds = np.searchsorted(row_section, np.cumsum([0, *page_sections]))
    for n, (count, words) in enumerate(zip(page_sections, page_words, strict=True)):
        end_section = first_section + count
        r0, r1 = int(row_bounds[n]), int(row_bounds[n + 1])
        p0 = int(pair_ends[first_section - 1]) if first_section else 0
        ends = pair_ends[first_section:end_section] - p0
        p1 = p0 + (int(ends[-1]) if count else 0)
        out.append({
            "sec": (row_section[r0:r1] - first_section).astype(np.int32).tobytes(),
            "term": row_term[r0:r1].astype(np.int32).tobytes(),
            "tf": tf[r0 * width:r1 * width].tobytes(),
            "len": lengths[first_section * width:end_section * width].tobytes(),
            "pairs": keys[p0:p1].tobytes(),
            "pair_ends": ends.astype(np.int32).tobytes(),
            "words": words,
        })
        first_section = end_section
    return out


def pair_key(a: int, b: int) -> int:
    """One key for two terms side by side, in either order."""
    return (min(a, b) << 32) | max(a, b)

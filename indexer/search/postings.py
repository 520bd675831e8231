"""A page's sections as searchable fields and packed term counts (the input of the search core)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from indexer.content import blocks_text
from indexer.page import Page
from indexer.search.analyzer import Analyzer

# title: the heading; crumbs: where it sits (folders, page title, parent headings);
# body: prose, lists and table rows; code: code blocks and diagrams (searchable, but not prose).
FIELDS = ("title", "crumbs", "body", "code")


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


def section_fields(section: dict[str, Any]) -> tuple[str, str, str, str]:
    blocks = section["blocks"]
    prose = [b for b in blocks if b["kind"] != "code"]
    code = [b for b in blocks if b["kind"] == "code"]
    return section["title"], " ".join(section["breadcrumb"]), blocks_text(prose), blocks_text(code)


def pack_page(page: Page, analyzer: Analyzer, vocabulary: Vocabulary) -> dict[str, Any]:
    """Term counts of every section of `page`, per field, packed as bytes:
    `sec` (int32 section number), `term` (int32 term id), `tf` (float32, one column per field),
    `len` (float32 field lengths, one row per section); `words` the page's surface words."""
    sec: list[int] = []
    term: list[int] = []
    tf: list[list[float]] = []
    lengths: list[list[float]] = []
    words: set[str] = set()
    width = len(FIELDS)
    for number, section in enumerate(page.sections):
        counts: dict[int, list[float]] = {}
        section_lengths = []
        for f, text in enumerate(section_fields(section.to_dict())):
            surface = [w for w in analyzer.words(text) if not analyzer.is_stop(w)]
            words.update(surface)
            section_lengths.append(float(len(surface)))
            for t, n in Counter(analyzer.stem(w) for w in surface).items():
                counts.setdefault(vocabulary.id(t), [0.0] * width)[f] = float(n)
        lengths.append(section_lengths)
        for t, row in counts.items():
            sec.append(number)
            term.append(t)
            tf.append(row)
    return {
        "sec": np.asarray(sec, dtype=np.int32).tobytes(),
        "term": np.asarray(term, dtype=np.int32).tobytes(),
        "tf": np.asarray(tf, dtype=np.float32).reshape(-1, width).tobytes(),
        "len": np.asarray(lengths, dtype=np.float32).reshape(-1, width).tobytes(),
        "words": sorted(words),
    }

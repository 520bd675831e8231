"""Answering a question: its concepts (indexer.search.reading: each with its alternatives, exact
term, synonym, typo, prefix, compound) score the sections by BM25F per concept and by how many of
them they cover, the best are re-ranked by how well their heading and their table rows match, and
a calibrated confidence decides between an answer and "not found"."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, TypedDict

import numpy as np
from rapidfuzz import fuzz

from indexer.content import Block, blocks_text, cut_at_word, row_kind, table_row_text
from indexer.records import SectionRecord
from indexer.search import params
from indexer.search.analyzer import Analyzer, analyzer_for, fold
from indexer.search.compiled import Compiled
from indexer.search.language import GeneralLanguage
from indexer.search.message import question_of
from indexer.search.postings import pair_key
from indexer.search.reading import Concept, QuestionReader
from indexer.search.spelling import as_meant
from indexer.search.values import DURATION, asked_value, asks_duration, asks_what_it_is, holds_value
from indexer.warnings import Warnings

MISSING_PLACEHOLDER = "placeholder"  # Answer.missing: the topic's only page is still to be written
MAX_QUESTION_CHARS = 1000  # a pasted log or a 200 KB message is searched by its start
SECTION_CACHE = 4 << 20  # bytes of stored section records kept decoded (some times as many in memory)
TEXT_CACHE = 200_000  # analysed headings and rows kept
TEXT_SECTIONS = 2_000  # sections whose text's terms are kept (looked at for overviews: a few per question)
VIEW_CACHE = 10_000  # sections whose headings and rows are kept analysed (a question re-ranks 40)
ANSWER_CHARS = 500


class Matcher:
    """Which of some concepts a set of terms holds, as bits (concept i: bit i): one look-up per
    term both hold, then the phrases whole. Re-ranking asks this of every candidate's heading,
    path and table rows; asking each concept in turn cost a third of a long question's time."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.weights = [c.weight for c in concepts]
        self.by_term: dict[int, int] = {}
        self.phrases: list[tuple[int, frozenset[int], tuple[tuple[int, ...], ...]]] = []
        for i, concept in enumerate(concepts):
            for t in concept.singles:
                self.by_term[t] = self.by_term.get(t, 0) | 1 << i
            if concept.phrases:  # with their first terms: a phrase none of which starts in `terms` is not there
                self.phrases.append((1 << i, frozenset(p[0] for p in concept.phrases), concept.phrases))
        self.terms = frozenset(self.by_term)
        self._weights: dict[int, float] = {0: 0.0}  # `weight`'s answers: re-ranking asks the same few again

    def found(self, terms: frozenset[int]) -> int:
        """The concepts some alternative of which `terms` holds (all of its terms there), as bits."""
        bits = 0
        for t in self.terms.intersection(terms):
            bits |= self.by_term[t]
        for bit, firsts, phrases in self.phrases:
            if not bits & bit and not firsts.isdisjoint(terms) and any(terms.issuperset(p) for p in phrases):
                bits |= bit
        return bits

    def weight(self, bits: int) -> float:
        """The summed weight of the concepts of `bits`, in their order."""
        found = self._weights.get(bits)
        if found is None:
            found = self._weights[bits] = sum((self.weights[i] for i in _bits(bits)), 0.0)
        return found

    def covered(self, terms: frozenset[int]) -> float:
        """The summed weight of the concepts `terms` holds."""
        return self.weight(self.found(terms))


@dataclass
class Question:
    """What re-ranking needs of the question, worked out once: its concepts and their total weight,
    the term pairs of neighbouring concepts, its folded text, every term it may be written with,
    and the weight of the words the docs never use (in units of their rarest word). `given` are
    the concepts of a follow-up's context: they help choose a table's row, nothing else."""

    concepts: list[Concept]
    total: float
    neighbours: tuple[np.ndarray, np.ndarray, np.ndarray]
    folded: str
    terms: frozenset[int]
    unknown: float
    known: float  # the share of its weight the docs know at all (words they use, or equivalents)
    given: list[Concept] = field(default_factory=list)
    unknown_names: float = 0.0  # the share of its weight that is names the docs never use (`Intune`, `AWS`)
    unknown_focus: float = 0.0  # ... that is the thing it asks about (values.asked_thing), when the docs lack it
    duration: bool = False  # it asks how long or how soon (`hoe snel reageren jullie`)
    what_it_is: bool = False  # it asks what a thing is (`wat is pfSense`)
    matcher: Matcher = field(init=False)  # of `concepts`
    with_given: Matcher = field(init=False)  # of `concepts` and `given`, for table rows

    def __post_init__(self) -> None:
        self.matcher = Matcher(self.concepts)
        self.with_given = Matcher(self.concepts + self.given)


@dataclass
class RowView:
    header: list[str]
    cells: list[str]
    label: frozenset[int]  # terms of its first cell
    terms: frozenset[int]  # of all its cells
    group: str = ""  # the label row above it, when the table groups its rows (`Gedeelde Verantwoordelijkheid`)
    group_terms: frozenset[int] = frozenset()
    substance: float = 1.0  # 0..1: how much its other cells say beyond what every row of the table says
    header_terms: frozenset[int] = frozenset()  # of its label column's header: what every row is


@dataclass
class SectionView:
    title: frozenset[int]
    path: frozenset[int]  # title and breadcrumb
    rows: list[RowView]
    hollow: bool = False  # a title and little else: an answer only when nothing else is
    empty: bool = False  # a title over nothing of its own, its only text quoted (a notice, or a FAQ's answer)
    quoted: frozenset[int] = frozenset()  # the terms of that quoted text, when empty
    durations: bool | None = None  # it gives a duration (`binnen 1 uur`): an answer to how long (worked out when asked)


class RowMatch(TypedDict):
    """The table row that answers: its table's header, its cells, and the label of the group of
    rows it stands in (empty when the table has none)."""

    header: list[str]
    cells: list[str]
    group: str


@dataclass
class Hit:
    """One result as shown: `answer` is the text for this question (a table row, or the section's
    start), `row` the matching table row when there is one."""

    location: str
    url: str
    title: str
    breadcrumb: list[str]
    score: float
    answer: str
    blocks: list[Block] = field(default_factory=list, repr=False)
    row: RowMatch | None = None
    confidence: float = 0.0
    evidence: dict[str, float] = field(default_factory=dict, repr=False)  # what the confidence rests on
    hollow: bool = field(default=False, repr=False)  # a title and little else (SectionView.hollow)

    def public(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("blocks")
        data.pop("hollow")
        data.pop("confidence")
        data.pop("evidence")
        if data["row"] is None:
            data.pop("row")
        return data


@dataclass
class Answer:
    """The answer to a question: `answered` false means "not found" (`results` are then
    suggestions). `language` is the language the question is written in ("nl", "en"; "" when too
    short or mixed to tell), `known` how many of the things it asks about the docs know at all
    (0: no word of it is theirs). `missing` tells a "not found" whose sections hold the topic but
    not what was asked: MISSING_PLACEHOLDER (its only page is still to be written) or the kind of
    value asked for that they do not give (`values.AMOUNT`, `NUMBER`, `ADDRESS`)."""

    question: str
    answered: bool
    results: list[Hit]
    took_ms: float = 0.0
    language: str = ""
    known: int = 0
    missing: str = ""

    def public(self) -> dict[str, Any]:
        return {"question": self.question, "answered": self.answered, "missing": self.missing,
                "results": [h.public() for h in self.results], "took_ms": round(self.took_ms, 2)}


class Searcher:
    """Search over one compiled index."""

    def __init__(self, compiled: Compiled, synonyms_path: Path | None = None, warnings: Warnings | None = None) -> None:
        """Search `compiled` (indexer.search.compiled: from an index's pages, or mapped from its
        search file), with the general vocabulary and the knowledge base's own synonyms."""
        warnings = warnings if warnings is not None else Warnings()
        self.compiled = compiled  # what it searches, as the search file stores it
        self.site_url = compiled.project.get("site_url", "")
        languages = tuple(compiled.project.get("search_lang") or ("nl",))
        self.analyzer: Analyzer = analyzer_for(languages)
        self.sections = compiled.sections
        self.core = compiled.core
        self._views: dict[int, SectionView] = {}
        self._texts: dict[int, frozenset[int]] = {}  # `_text_terms`
        self._sections: dict[int, SectionRecord] = {}  # decoded section records (`_section`)
        self._sections_size = 0  # ... the bytes they take stored
        self._stored_size: Callable[[int], int] = getattr(self.sections, "stored_size", lambda doc: 0)
        self._terms_of: dict[str, frozenset[int]] = {}
        self.term_ids = compiled.term_ids()
        self.lexicon = compiled.lexicon
        self.language = GeneralLanguage(languages)
        # what the questions ask about (indexer.search.reading): their words, spelling and synonyms
        self.reader = QuestionReader(compiled, self.analyzer, self.language, synonyms_path, warnings)

    # -- the question path ------------------------------------------------------------------

    def ask(self, question: str, top: int = 5, context: str = "") -> Answer:
        """The best `top` sections for `question`. `context` is what it follows up on (the question
        that started a conversation): its words help, at params.CONTEXT_SHARE of their weight, to
        tell what an elliptic follow-up (`en bij break en fix?`) is about."""
        started = time.perf_counter()
        question = question[:MAX_QUESTION_CHARS]
        asked = question_of(question)  # without `Hoi Anita,` and `Groetjes, Jan`
        concepts = self.concepts(asked, question_of(context[:MAX_QUESTION_CHARS]) if context else "")
        results, answered, missing = self._search(asked, concepts, max(1, top))
        return Answer(question, answered, results, (time.perf_counter() - started) * 1000,
                      language=self.language_of(asked),
                      known=sum(1 for c in concepts if c.alternatives and not c.given), missing=missing)

    def concepts(self, question: str, context: str = "") -> list[Concept]:
        """What the question asks about (`QuestionReader.concepts`)."""
        return self.reader.concepts(question, context)

    def language_of(self, question: str) -> str:
        """The question's language (`QuestionReader.language_of`)."""
        return self.reader.language_of(question)

    def _search(self, question: str, all_concepts: list[Concept], top: int) -> tuple[list[Hit], bool, str]:
        """Score every section, re-rank the best, decide on confidence. Concepts given by a
        follow-up's context only add to the first score: what the question covers, its heading
        names and its rows answer is the question's own."""
        concepts = [c for c in all_concepts if not c.given]
        if not concepts or self.core.n_docs == 0:
            return [], False, ""
        total = sum(c.weight for c in concepts)
        # the only sections that can score (a question costs what it touches), the context's included
        touched, at = self._touched(all_concepts)
        score = np.zeros(touched.size, dtype=np.float32)
        covered = np.zeros(touched.size, dtype=np.float32)
        for concept in all_concepts:
            best = self._concept_scores(concept, at, touched.size)
            score += best * concept.specificity
            if not concept.given:
                covered += concept.weight * (best > 0)
        coverage = covered / total
        # a report of many concepts is not expected to be covered whole: past COVERED_CONCEPTS the
        # coverage counts less, as the share of its concepts a question of that size would have
        power = params.COVERAGE_POWER * min(1.0, params.COVERED_CONCEPTS / len(concepts))
        ranked = score * coverage**power
        chosen = _best(ranked, params.RERANK)  # positions in `touched`, which is sorted: ties stay in section order
        if not chosen:
            return [], False, ""
        candidates = [int(touched[i]) for i in chosen]
        folded = as_meant(fold(question), (c for concept in concepts for c in concept.corrections))
        q = Question(concepts, total, self._neighbour_keys(concepts), folded,
                     frozenset(t for c in concepts for a in c.alternatives for t in a.terms),
                     sum(c.weight for c in concepts if not c.alternatives) / self.core.max_idf(),
                     sum(c.weight for c in concepts if c.alternatives) / total,
                     [c for c in all_concepts if c.given],
                     self.reader.unknown_names(question, concepts) / total,
                     self.reader.unknown_focus(folded, concepts) / total, asks_duration(folded),
                     asks_what_it_is(folded))
        hits = [self._rerank(doc, float(ranked[i]), float(coverage[i]), q)
                for doc, i in zip(candidates, chosen, strict=True)]
        self._prefer_the_specific(hits, candidates, q.matcher)
        if q.what_it_is:
            self._prefer_the_introduction(hits, candidates, q.matcher)
        hits.sort(key=lambda h: -h.score)
        hits = _distinct_hits(hits)
        # the question's topics (asked, of full specificity) the docs know, the weightiest first
        topics = sorted((i for i, c in enumerate(concepts) if c.alternatives and c.asks and c.specificity == 1.0),
                        key=lambda i: -concepts[i].weight)
        placeholder = next((p for i in topics if (p := self._only_a_placeholder(i, hits, q)) is not None), None)
        if placeholder is not None:
            return (_with_answers([placeholder, *[h for h in hits if h.location != placeholder.location]], 3), False,
                    MISSING_PLACEHOLDER)
        hits[0].confidence = confidence(hits[0].evidence)  # the best decides
        if hits[0].confidence < params.CONFIDENCE:
            return _shown(hits, 3), False, ""
        asked = asked_value(q.folded)
        if asked is not None and not holds_value(asked, hits[0].blocks):
            return _shown(hits, 3), False, asked  # about it, but not the price or the URL asked for
        return _shown(hits, top), True, ""

    def _touched(self, concepts: list[Concept]) -> tuple[np.ndarray, np.ndarray]:
        """The sections holding any term of any alternative of the question (sorted), and where
        each stands among them (`at[doc]`, defined for those only): every other section scores
        nothing, so the question's arrays are this size, not the index's. A bit per section
        marks them (cheaper than sorting their postings); `at` is allocated, never filled."""
        runs = [self.core.postings(t)[0] for c in concepts for a in c.alternatives for t in a.terms]
        marked = np.zeros(self.core.n_docs, dtype=bool)
        for docs in runs:
            marked[docs] = True
        touched = np.flatnonzero(marked)
        at = np.empty(self.core.n_docs, dtype=np.int32)
        at[touched] = np.arange(touched.size, dtype=np.int32)
        return touched, at

    def _concept_scores(self, concept: Concept, at: np.ndarray, size: int) -> np.ndarray:
        """Per touched section (`at` places them), the concept's best alternative's weight there
        (a phrase counts only where all its words are)."""
        best = np.zeros(size, dtype=np.float32)
        for alt in concept.alternatives:
            if len(alt.terms) == 1:
                docs, weights = self.core.postings(alt.terms[0])
                where = at[docs]
                best[where] = np.maximum(best[where], weights * alt.weight)
                continue
            summed = np.zeros(size, dtype=np.float32)
            present = np.zeros(size, dtype=np.int8)
            for t in alt.terms:
                docs, weights = self.core.postings(t)
                where = at[docs]
                summed[where] += weights
                present[where] += 1
            summed[present < len(alt.terms)] = 0
            best = np.maximum(best, summed * alt.weight)
        return best

    # -- re-ranking and answers -------------------------------------------------------------

    def _analysed(self, text: str) -> frozenset[int]:
        """The index's terms of `text` (its words no section holds left out)."""
        return frozenset(t for s in self.analyzer.terms(text) if (t := self.term_ids.get(s)) is not None)

    def _terms(self, text: str) -> frozenset[int]:
        found = self._terms_of.get(text)
        if found is None:  # headings and table rows repeat across pages: analyse each text once
            found = self._analysed(text)
            if len(self._terms_of) < TEXT_CACHE:
                self._terms_of[text] = found
        return found

    def _section(self, doc: int) -> SectionRecord:
        """Section `doc`'s record, decoded from the search file once and kept, while the records kept
        take less than SECTION_CACHE bytes stored (then they are let go, all at once): the best
        sections of one question are mostly the next one's. A record the search file does not hold
        (a segment's, in memory already) costs nothing to keep."""
        section = self._sections.get(doc)
        if section is None:
            section, size = self.sections[doc], self._stored_size(doc)
            if size > SECTION_CACHE // 4:
                return section  # a huge page's section is decoded when asked, never kept
            if self._sections_size + size > SECTION_CACHE:
                self._sections.clear()
                self._sections_size = 0
            self._sections[doc] = section
            self._sections_size += size
        return section

    def _view(self, doc: int) -> SectionView:
        """A section's headings and table rows as term sets, worked out once per section and kept
        for at most VIEW_CACHE sections (then let go, all at once: a large site's would fill memory)."""
        view = self._views.get(doc)
        if view is None:
            if len(self._views) >= VIEW_CACHE:
                self._views.clear()
            section = self._section(doc)
            title = self._terms(section["title"])
            rows = [row for block in section["blocks"] if block["kind"] == "table" for row in self._rows(block)]
            hollow, empty = _hollow(section["blocks"])
            quoted = self._terms(blocks_text(section["blocks"])) if empty else frozenset()
            view = self._views[doc] = SectionView(title, title | self._terms(" ".join(section["breadcrumb"])), rows,
                                                  hollow, empty, quoted)
        return view

    def _rows(self, table: Block) -> list[RowView]:
        """A table's rows that say something (not group labels, not dashes), each with how much
        its cells say that the other rows do not: `Provider | Klant` in every row says little,
        `✔️ Implementatie van firewalls, …` much."""
        rows, group = [], ""
        # the label column's header, its words and their compounds' parts (`Verantwoordelijkheidsgebied`:
        # every row is a responsibility); not the other columns' (`Klant` names a group of rows too)
        header_text = table["header"][0] if table["header"] else ""
        header = self._terms(" ".join([header_text, *(part for word in self.analyzer.words(header_text)
                                                      for part in self.lexicon.split(word) or ())]))
        for cells in table["rows"]:
            kind = row_kind(cells)
            if kind == "label":
                group = cells[0].strip()
            elif kind == "values":
                rows.append(RowView(table["header"], cells, self._terms(cells[0]), self._terms(" ".join(cells)),
                                    group, self._terms(group), header_terms=header))
        seen: dict[int, int] = {}
        values = [self._terms(" ".join(r.cells[1:])) for r in rows]
        for terms in values:
            for t in terms:
                seen[t] = seen.get(t, 0) + 1
        common = {t for t, n in seen.items() if n > max(1, len(rows) // 2)}
        for row, terms in zip(rows, values, strict=True):
            row.substance = min(len(terms - common - row.label) / params.ROW_SUBSTANTIAL, 1.0)
        return rows

    def _neighbour_keys(self, concepts: list[Concept]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each two concepts side by side in the question, the term-pair keys that would show
        them side by side in a section: all keys (sorted), the pair each belongs to, and the
        pairs' weights."""
        keys: list[int] = []
        owners: list[int] = []
        weights: list[float] = []
        for n, (first, second) in enumerate(pairwise(concepts)):
            if first.given != second.given:
                weights.append(0.0)  # the context and the question were never side by side
                continue
            # either order: `break en fix kost` finds "tarieven voor Break en Fix"
            found = {key for a in first.alternatives for b in second.alternatives
                     for key in (pair_key(a.terms[-1], b.terms[0]), pair_key(b.terms[-1], a.terms[0]))}
            keys += found
            owners += [n] * len(found)
            weights.append(first.weight + second.weight)
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        return (np.asarray(keys, dtype=np.int64)[order], np.asarray(owners, dtype=np.int64)[order],
                np.asarray(weights, dtype=np.float64))

    def _proximity(self, doc: int, neighbours: tuple[np.ndarray, np.ndarray, np.ndarray], total: float) -> float:
        """The share of the question whose words stand side by side in the section as they do
        in the question (`kritiek incident` in "Kritieke incidenten")."""
        pairs = self.compiled.pairs(doc)
        keys, owners, weights = neighbours
        if not pairs.size or not keys.size or not total:
            return 0.0
        at = np.minimum(np.searchsorted(pairs, keys), pairs.size - 1)  # one lookup for all the question's keys
        found = np.zeros(weights.size, dtype=bool)
        found[owners[pairs[at] == keys]] = True  # a pair counts once, however many of its keys are there
        return min(float(weights[found].sum()) / (2 * total), 1.0)

    def _rerank(self, doc: int, score: float, coverage: float, q: Question) -> Hit:
        section = self._section(doc)
        view = self._view(doc)
        title_cover = q.matcher.covered(view.title) / q.total
        # how much of the heading is what was asked: "pfSense" defines it, "Setup van pfSense" is one step
        precision = len(view.title & q.terms) / len(view.title) if view.title else 0.0
        path_cover = q.matcher.covered(view.path) / q.total
        similarity = fuzz.token_set_ratio(q.folded, fold(section["title"])) / 100
        row, row_cover = self._best_row(view, q.with_given, q.total)
        proximity = self._proximity(doc, q.neighbours, q.total)
        boost = (1 + params.BOOST_TITLE * title_cover * (1 + params.BOOST_TITLE_PRECISION * precision)
                 + params.BOOST_PATH * path_cover
                 + params.BOOST_SIMILARITY * similarity * title_cover + params.BOOST_ROW * row_cover
                 + params.BOOST_PROXIMITY * proximity)
        if view.hollow:
            boost *= params.HOLLOW_SHARE
        if q.duration:  # a duration is what a how-long question expects (indexer.search.values)
            if view.durations is None:
                view.durations = holds_value(DURATION, section["blocks"])
            if view.durations:
                boost *= 1 + params.BOOST_DURATION
        evidence = {"coverage": coverage, "title": title_cover, "proximity": proximity,
                    "unknown": q.unknown, "unknown_share": 1 - q.known, "unknown_name": q.unknown_names,
                    "unknown_focus": q.unknown_focus,
                    "empty": float(self._says_nothing(view, q))}
        return Hit(location=section["location"], url=self.site_url + section["location"], title=section["title"],
                   breadcrumb=section["breadcrumb"], score=round(score * boost, 4), answer="",
                   blocks=section["blocks"], row=row,
                   evidence=evidence, hollow=view.hollow)

    def _only_a_placeholder(self, topic: int, hits: list[Hit], q: Question) -> Hit | None:
        """The placeholder page of a topic of the question (`q.concepts[topic]`), when the docs have
        nothing else of it: every section holding it is a title over nothing of its own, one of them
        over a notice ("under construction") and named after it: its title's rarest word in the
        language is the concept's (`Zabbix` in "Zabbix Installatie", not `installeer`). The docs have a
        place for it and nothing in it yet, so the answer is "not found" with that place first
        among the suggestions, whatever else the question's other words match (`Zabbix` to monitor
        servers and network devices: not the monthly service's network devices section)."""
        # the sections holding any alternative's first term (a phrase's, a superset: only ever
        # more sections that may say something), looked at until the first that does
        doc = None  # the one with the notice
        for d in (int(d) for a in q.concepts[topic].alternatives for d in self.core.postings(a.terms[0])[0]):
            if not self._says_nothing(self._view(d), q):
                return None
            if doc is None and self._view(d).quoted:
                doc = d
        if doc is None:
            return None
        words = [w for w in self.analyzer.words(self._section(doc)["title"]) if not self.analyzer.is_stop(w)]
        rarest = min(words, key=self.language.zipf, default=None)
        if rarest is None or not q.matcher.found(self._terms(rarest)) >> topic & 1:
            return None
        location = self._section(doc)["location"]
        placeholder = next((h for h in hits if h.location == location), None) or self._rerank(doc, 0.0, 0.0, q)
        placeholder.confidence = 0.0
        return placeholder

    @staticmethod
    def _says_nothing(view: SectionView, q: Question) -> bool:
        """A section with nothing of its own: its only text quoted and none of the question in it,
        a notice ("under construction"), not an answer in an admonition (a FAQ's `??? question`)."""
        return view.empty and not q.matcher.found(view.quoted)

    def _prefer_the_specific(self, hits: list[Hit], docs: list[int], matcher: Matcher) -> None:
        """A section loses to one below it whose own heading names more of the question than the
        section's whole heading path does: a page intro that lists every step loses to the step
        ("Invoice Ninja" to "7. Betalingen bijhouden" for "betaling registreren invoice ninja"),
        while a page about pfSense keeps "what is pfSense" from its "Setup van pfSense". So does an
        overview, a section whose text names the headings of params.OVERVIEW_OF others of its page
        (the dashboard's list of invoices, quotes, payments, clients), to the one of them whose
        heading path names more of the question."""
        for group in self._by_page(hits, docs):
            for upper, doc, upper_view in group:
                named_above = matcher.covered(upper_view.path)
                below = [(lower, d, view) for lower, d, view in group if lower is not upper]
                if any(upper.title in lower.breadcrumb and matcher.covered(view.title | upper_view.path) > named_above
                       for lower, _, view in below):
                    upper.score *= params.ANCESTOR_SHARE
                elif any(matcher.covered(view.path) > named_above for _, _, view in below):
                    text = self._text_terms(doc)
                    named = [view for _, d, view in below if (self._heading_words(d) - upper_view.path) & text]
                    if len(named) >= params.OVERVIEW_OF and any(matcher.covered(view.path) > named_above
                                                                for view in named):
                        upper.score *= params.ANCESTOR_SHARE

    def _prefer_the_introduction(self, hits: list[Hit], docs: list[int], matcher: Matcher) -> None:
        """For a question that asks what a thing is: a section defers (params.INTRODUCTION_FIRST)
        to one above it on its page (its page's own, or one its breadcrumb names) that says something
        and whose heading path names as much of the question. That one introduces the thing; those
        below it are steps of it ("pfSense (Firewall)", not "Setup van pfSense", for "what is pfSense")."""
        for group in self._by_page(hits, docs):
            for lower, _, view in group:
                if asks_what_it_is(fold(lower.title)):
                    continue  # its heading asks the question itself (`What is CycloneDX?`)
                named = matcher.covered(view.path)
                if any(upper is not lower and ("#" not in upper.location or upper.title in lower.breadcrumb)
                       and not upper_view.hollow and matcher.covered(upper_view.path) >= named
                       for upper, _, upper_view in group):
                    lower.score *= params.INTRODUCTION_FIRST

    def _by_page(self, hits: list[Hit], docs: list[int]) -> Iterable[list[tuple[Hit, int, SectionView]]]:
        """The hits (with their section and its view) grouped by the page they are on."""
        by_page: dict[str, list[tuple[Hit, int, SectionView]]] = {}
        for hit, doc in zip(hits, docs, strict=True):
            by_page.setdefault(hit.location.split("#")[0], []).append((hit, doc, self._view(doc)))
        return by_page.values()

    def _text_terms(self, doc: int) -> frozenset[int]:
        """The terms of a section's text, worked out when first asked (for a few sections only) and
        kept for at most TEXT_SECTIONS sections (then let go, all at once)."""
        found = self._texts.get(doc)
        if found is None:
            if len(self._texts) >= TEXT_SECTIONS:
                self._texts.clear()
            found = self._texts[doc] = self._analysed(blocks_text(self._section(doc)["blocks"]))
        return found

    def _heading_words(self, doc: int) -> frozenset[int]:
        """A heading's terms but its numbers (`7. Betalingen bijhouden`: a step's number names nothing)."""
        title = self._section(doc)["title"]
        return self._terms(" ".join(w for w in self.analyzer.words(title) if not w.isdigit()))

    def _best_row(self, view: SectionView, matcher: Matcher,
                  total: float) -> tuple[RowMatch | None, float]:
        if not view.rows:
            return None, 0.0
        # per row, the concepts named by its label, and those found in its cells (or its group's label)
        in_label = [matcher.found(row.label) for row in view.rows]
        # (a group's label names what its rows share, except what the header says of every row:
        # `Gedeelde Verantwoordelijkheid` in a table of `Verantwoordelijkheidsgebied`)
        in_cells = [matcher.found(row.terms) | ((grouped := matcher.found(row.group_terms))
                                                and grouped & ~matcher.found(row.header_terms))
                    for row in view.rows]
        # a concept that many rows share tells them apart less: it counts once over all of them
        anywhere = 0
        for bits in in_cells:
            anywhere |= bits
        share = {i: matcher.weights[i] / sum(bits >> i & 1 for bits in in_cells) for i in _bits(anywhere)}
        best: RowMatch | None = None
        best_key = (0.0, 0.0)
        best_cover = 0.0
        for r, row in enumerate(view.rows):
            label = matcher.weight(in_label[r])
            cells = sum(share[i] for i in _bits(in_cells[r] & ~in_label[r]))
            says = params.ROW_PLAIN + (1 - params.ROW_PLAIN) * row.substance
            # the label says what the row is about: its words count in full, the other cells' less and
            # by what they say of their own; of two rows named alike, the one that says more
            key = (label + params.ROW_OTHER_CELLS * cells * says, says)
            if key[0] > 0 and key > best_key:  # the row must be about something asked
                best, best_key = {"header": row.header, "cells": row.cells, "group": row.group}, key
                best_cover = (label + params.ROW_OTHER_CELLS * cells) / total * says
        return best, best_cover


def _distinct_hits(hits: list[Hit]) -> list[Hit]:
    """The hits without a page's own section and a heading of it with the same title, whichever
    ranks lower: a page whose front matter and first heading give one title is two sections to
    MkDocs, one place to a reader. Two headings of one title under different parents both stay."""
    seen: dict[tuple[str, str], bool] = {}  # (page, title) -> whether the one kept is the page's own section
    kept = []
    for hit in hits:
        page, _, anchor = hit.location.partition("#")
        key = (page, hit.title)
        if key in seen and seen[key] != (not anchor):
            continue
        seen.setdefault(key, not anchor)
        kept.append(hit)
    return kept


def _bits(bits: int) -> Iterator[int]:
    """The positions of the set bits of `bits`, lowest first."""
    while bits:
        low = bits & -bits
        yield low.bit_length() - 1
        bits ^= low


def _best(scores: np.ndarray, n: int) -> list[int]:
    """The n best positive scores' positions, best first, ties in index order: the same sections
    whatever other pages the index holds (argpartition alone breaks ties as it happens to)."""
    if scores.size > n:
        kth = np.partition(scores, scores.size - n)[scores.size - n]
        ids = np.flatnonzero(scores >= kth)
    else:
        ids = np.arange(scores.size)
    ids = ids[np.lexsort((ids, -scores[ids]))][:n]
    return [int(i) for i in ids if scores[i] > 0]


def _with_answers(hits: list[Hit], n: int) -> list[Hit]:
    """The first `n` hits that say something of their own, each with the text shown for it: its
    matching table row, else the section's start. A section whose body is block for block that of
    one above it (an index page repeating its subpage's introduction) is left out: a reader would
    read it twice. Titles and notices alone (hollow sections) are not compared: each marks its own
    page as still to be written."""
    shown: list[Hit] = []
    bodies: dict[int, list[Hit]] = {}  # shown sections by their number of blocks
    for hit in hits:
        if len(shown) == n:
            break
        if not hit.hollow:
            same = bodies.setdefault(len(hit.blocks), [])
            if any(hit.blocks == other.blocks for other in same):
                continue
            same.append(hit)
        row = hit.row
        hit.answer = (table_row_text(row["header"], row["cells"], group=row["group"]) if row
                      else excerpt(blocks_text(hit.blocks)))
        shown.append(hit)
    return shown


def _shown(hits: list[Hit], n: int) -> list[Hit]:
    """`_with_answers`, each with its confidence; the best's (always the first shown) is known."""
    shown = _with_answers(hits, n)
    for hit in shown[1:]:
        hit.confidence = confidence(hit.evidence)
    return shown


def confidence(evidence: dict[str, float]) -> float:
    """The probability that the docs answer the question with this section: a logistic model
    over the evidence (params.CONFIDENCE_MODEL, fitted by benchmarks/fit_confidence.py on the
    training questions of two knowledge bases). An empty section (a title over nothing of its own,
    or over an under-construction notice) is no answer: when it is the best, the docs have a place
    for the question and nothing in it yet, and the answer is "not found" with it as a suggestion."""
    if evidence.get("empty"):
        return 0.0
    z = params.CONFIDENCE_MODEL["bias"]
    for name, (weight, mean, scale) in params.CONFIDENCE_MODEL["features"].items():
        z += weight * (feature(name, evidence[name]) - mean) / scale
    return 1 / (1 + math.exp(-z))


def feature(name: str, value: float) -> float:
    """A piece of evidence as the confidence model takes it (weights on a log scale)."""
    return math.log1p(value) if name in params.LOG_EVIDENCE else value


def _hollow(blocks: list[Block]) -> tuple[bool, bool]:
    """Whether a section is hollow and whether it is empty: no table, code or list, and under
    params.HOLLOW_WORDS words (hollow), or none at all (empty), outside admonitions (where
    "under construction" notices stand)."""
    if any(b["kind"] in ("table", "code", "item") for b in blocks):
        return False, False
    words = sum(len(blocks_text([b]).split()) for b in blocks if not b.get("quote"))
    return words < params.HOLLOW_WORDS, words == 0


def excerpt(text: str, limit: int = ANSWER_CHARS) -> str:
    """The start of `text`, cut at a word boundary with an ellipsis."""
    text = text.strip()
    return text if len(text) <= limit else cut_at_word(text, limit) + " …"

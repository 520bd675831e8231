"""Answering a question: the question's words become concepts (each with its alternatives:
exact term, synonym, typo, prefix, compound), sections are scored by BM25F per concept and by how
many of the question's concepts they cover, the best are re-ranked by how well their heading and
their table rows match, and a calibrated confidence decides between an answer and "not found"."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice, pairwise
from pathlib import Path
from typing import Any, TypedDict

import numpy as np
from rapidfuzz import fuzz

from indexer.content import Block, blocks_text, cut_at_word, row_kind, table_row_text
from indexer.records import SectionRecord
from indexer.search import params
from indexer.search.analyzer import Analyzer, analyzer_for, fold, names
from indexer.search.compiled import Compiled
from indexer.search.language import GeneralLanguage
from indexer.search.message import question_of
from indexer.search.postings import pair_key
from indexer.search.spelling import Correction, Speller, as_meant
from indexer.search.synonyms import Synonyms, load_synonyms
from indexer.search.values import DURATION, UNITS, asked_thing, asked_value, asks_duration, asks_what_it_is, holds_value
from indexer.warnings import Warnings

MISSING_PLACEHOLDER = "placeholder"  # Answer.missing: the topic's only page is still to be written
MAX_QUESTION_CHARS = 1000  # a pasted log or a 200 KB message is searched by its start
MAX_WORDS = 40
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# ... except after an abbreviation (`bijv.`, `e.g.`): the sentence goes on
ABBREVIATED = re.compile(r"(?:^|\W)(bijv|bv|bijvoorbeeld|o\.a|oa|d\.w\.z|dwz|ivm|i\.v\.m|m\.b\.t|mbt|ca|zgn|evt|"
                         r"e\.g|i\.e|etc|vs|resp|incl|excl|nl|nr|tel|mr|mw|dhr|mevr|dr|st)\.$", re.IGNORECASE)
# The first words of a sentence that tells rather than asks: its subject, the asker or theirs.
TELLING = frozenset({"ik", "we", "wij", "mijn", "onze", "ons", "i", "our", "my"})  # (`I'm` is read as `i`, `m`)
SECTION_CACHE = 4 << 20  # bytes of stored section records kept decoded (some times as many in memory)
TEXT_CACHE = 200_000  # analysed headings and rows kept
TEXT_SECTIONS = 2_000  # sections whose text's terms are kept (looked at for overviews: a few per question)
VIEW_CACHE = 10_000  # sections whose headings and rows are kept analysed (a question re-ranks 40)
ANSWER_CHARS = 500
OR_WORDS = frozenset({"of", "or"})
PARTICLES = frozenset({"aan", "af", "bij", "door", "in", "langs", "mee", "na", "om", "op", "over", "terug", "toe",
                       "uit", "voor", "weg"})  # of Dutch separable verbs (`indienen`: `dien ... in`)
# words that turn a phrase into its opposite (`werkt niet`); `can't` reaches a phrase as the
# analyzer's words `can`, `t` and the joined `cant`
NEGATIONS = frozenset({"niet", "geen", "nooit", "not", "no", "never", "cannot", "cant", "wont", "dont", "doesnt",
                       "isnt", "arent", "didnt", "couldnt", "shouldnt", "wasnt", "werent", "havent", "hasnt"})


@dataclass
class Alternative:
    """One way a concept can be written in the docs: all of `terms` (term ids), at `weight`."""

    terms: tuple[int, ...]
    weight: float
    how: str


@dataclass
class Concept:
    """One thing the question asks about (a word, or a phrase from the synonyms)."""

    text: str
    alternatives: list[Alternative]
    position: int = 0  # where it starts in the question
    idf: float = 0.0
    specificity: float = 1.0  # how much it is a topic rather than conversation (indexer.search.language)
    weight: float = 0.0  # its share of the question: idf × specificity, less when only guessed at
    asks: bool = True  # in the sentence that asks, not in a pasted paragraph's context
    given: bool = False  # from the conversation the question follows up on, not from the question
    typos: int = 0  # the typos of the word it was read from (`onbaording`: `onboarding`, one)
    corrections: tuple[tuple[str, str], ...] = ()  # what was typed, and what was meant (`reactietjid`, `reactietijd`)
    singles: frozenset[int] = frozenset()  # the terms of its one-term alternatives (set by `settle`)
    phrases: tuple[tuple[int, ...], ...] = ()  # its alternatives of more terms

    @property
    def span(self) -> range:
        """The positions of the question's words it was read from."""
        return range(self.position, self.position + len(self.text.split()))

    def settle(self) -> None:
        """Index the final alternatives for `Matcher`, which re-ranking asks of every candidate."""
        self.singles = frozenset(a.terms[0] for a in self.alternatives if len(a.terms) == 1)
        self.phrases = tuple(a.terms for a in self.alternatives if len(a.terms) > 1)


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
        self.synonyms: Synonyms = load_synonyms(languages, synonyms_path, self.analyzer.words, warnings,
                                                key=self.analyzer.stem)
        for abbr, meaning in compiled.abbreviations:
            self.synonyms.add_group([tuple(self.analyzer.words(abbr)), tuple(self.analyzer.words(meaning))])
        self.speller = Speller(self)  # how its questions' words were meant (indexer.search.spelling)
        self._described_as: dict[tuple[str, ...], list[Alternative]] = {}  # a described term's alternatives

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

    def language_of(self, question: str) -> str:
        """The question's language, told by its function words only (`wat`, `hoe`, `the`, `how`):
        the docs' own jargon (`network security` in Dutch docs) says nothing about the asker's."""
        words = [w for w in self.analyzer.words(question) if self.analyzer.is_stop(w) and len(w) > 1]
        return self.language.language_of_text(words) or ""

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
                     _unknown_names(question, concepts) / total,
                     self._unknown_focus(folded, concepts) / total, asks_duration(folded), asks_what_it_is(folded))
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

    def _focused_words(self, question: str) -> tuple[list[str], list[bool]]:
        """The question's words, at most MAX_WORDS, and for each whether it stands in a sentence
        that asks (one ending in `?`; without any, every sentence that does not tell, by its subject
        `ik`, `we`, `our`, may be the ask: a bug report pasted without a question mark asks with all
        of it). The other sentences are its context (who asks, what was
        tried, the error it gave): they stay, as the words that tell a bug report's topic often
        stand there, but weigh less (`_concepts_of`). Past MAX_WORDS, the context's most common
        words (`situation`, `would`) go first, then the asking sentence's, never its rarest ones
        (`--include-deps`), down to half of MAX_WORDS; then stop words, which join phrases."""
        sentences: list[str] = []
        for piece in SENTENCE_END.split(question.strip()):
            if sentences and ABBREVIATED.search(sentences[-1]):
                sentences[-1] += " " + piece
            elif piece:
                sentences.append(piece)
        sentence_words = [self.analyzer.words(s) for s in sentences]
        asking = {i for i, s in enumerate(sentences) if s.rstrip().endswith("?")}
        if not asking:  # a sentence that tells (`We zijn een klein bedrijf.`) is context of one that does not
            everyone = set(range(len(sentences)))
            asking = {i for i, ws in enumerate(sentence_words) if not (ws and ws[0] in TELLING)} or everyone
        parts = [(ws, i in asking) for i, ws in enumerate(sentence_words)]
        words = [w for ws, _ in parts for w in ws]
        flags = [a for ws, a in parts for _ in ws]
        if len(words) > MAX_WORDS:
            by_use = sorted(range(len(words)), key=lambda i: (flags[i], -self.language.zipf(words[i]), i))
            content = [i for i in by_use if not self.analyzer.is_stop(words[i])]
            spare = content[:max(0, len(content) - MAX_WORDS // 2)]
            order = spare + [i for i in by_use if self.analyzer.is_stop(words[i])]
            dropped = set(order[:len(words) - MAX_WORDS])
            keep = [i for i in range(len(words)) if i not in dropped]
            words, flags = [words[i] for i in keep], [flags[i] for i in keep]
        return words, flags

    def concepts(self, question: str, context: str = "") -> list[Concept]:
        """What the question asks about, in order: the phrases the vocabulary knows, then every
        other content word, each with its alternatives, then weighed. The concepts of `context`
        that the question does not repeat come first, marked `given`, at a share of their weight."""
        words, asks = self._focused_words(question)
        concepts = self._concepts_of(words, asks, lambda: names(question), describe=True)
        if context.strip():
            asked = {t for c in concepts for a in c.alternatives for t in a.terms}
            context_words = self.analyzer.words(context)[-MAX_WORDS:]
            # weighed once below, as a whole question would be (not as a paragraph's context as well)
            given = [c for c in self._concepts_of(context_words, [True] * len(context_words), lambda: names(context))
                     if c.alternatives and not asked.intersection(t for a in c.alternatives for t in a.terms)]
            for concept in given:
                concept.given = True
                concept.position -= len(context_words)  # before the question's, never its neighbours
                concept.weight *= params.CONTEXT_SHARE
                concept.specificity *= params.CONTEXT_SHARE
            concepts = given + concepts
        return concepts

    def _add_described(self, words: list[str], asks: list[bool], concepts: list[Concept]) -> None:
        """A docs term the asking sentence describes without naming it (`van thuis uit veilig bij
        het kantoornetwerk`: `vpn`; indexer.search.synonyms, `descriptions`) becomes an alternative
        of the concepts of the words that describe it, as a synonym spread over them is: a section
        that names the term covers them. Only content words describe (`wie … wij of jullie` names
        no topic), and not those of a pasted report's context, whose incidental words would
        describe things nobody asked about."""
        asked = [w if a else "" for w, a in zip(words, asks, strict=True)]
        for term, at in self.synonyms.described(asked, lambda w: not w or self.analyzer.is_stop(w)):
            alternatives = self._described_as.get(term)
            if alternatives is None:  # the same for every question: found once
                alternatives = self._described_as[term] = self._term_alternatives(term)
            for concept in concepts if alternatives else ():
                if not at.isdisjoint(concept.span):
                    # as any alternatives: one per set of terms, at most MAX_ALTERNATIVES
                    concept.alternatives = _strongest(_distinct(concept.alternatives + alternatives),
                                                      params.MAX_ALTERNATIVES)
                    concept.settle()

    def _term_alternatives(self, term: tuple[str, ...]) -> list[Alternative]:
        """How a described term is found in the docs, at params.MATCH_WEIGHT["described"]: as the
        question's concept of it would be (its synonyms too); a term of words that are no phrase
        of the vocabulary only whole (`gedeelde opslag`: not `gedeeld` alone), each word as written."""
        concepts = self._concepts_of(list(term), [True] * len(term), frozenset)
        if len(concepts) == 1:
            found = concepts[0].alternatives
        elif concepts and all(c.alternatives for c in concepts):
            best = [max(c.alternatives, key=lambda a: a.weight) for c in concepts]
            found = [Alternative(tuple(t for a in best for t in a.terms), min(a.weight for a in best), "phrase")]
        else:
            found = []
        return [Alternative(a.terms, a.weight * params.MATCH_WEIGHT["described"], "described") for a in found]

    def _concepts_of(self, words: list[str], asks: list[bool], written: Callable[[], frozenset[str]],
                     describe: bool = False) -> list[Concept]:
        """The concepts of `words`; `written()` are those the question writes as names (read only
        for a word the docs lack); with `describe`, the terms they describe too (`_add_described`)."""
        words, asks, typos = self.speller.spelled(words, asks, written)
        taken = [False] * len(words)
        concepts = self._phrase_concepts(words, asks, taken, typos)
        concepts += self._word_concepts(words, asks, taken, written, typos)
        concepts.sort(key=lambda c: c.position)
        for concept in concepts:
            concept.asks = asks[concept.position]
            self._weigh(concept)
            if not concept.asks:  # a pasted paragraph's context tells the topic, never outweighs the ask
                concept.weight *= params.CONTEXT_SHARE
                concept.specificity *= params.CONTEXT_SHARE
        if describe:
            self._add_described(words, asks, concepts)
        return concepts

    def _phrase_concepts(self, words: list[str], asks: list[bool], taken: list[bool],
                         typos: dict[int, Correction]) -> list[Concept]:
        """Concepts of the phrases and words the synonyms know (marked in `taken`); two
        expressions of one synonym group are one concept."""
        concepts: list[Concept] = []
        by_group: dict[int, Concept] = {}
        # a stop word is its own dictionary form here: it starts no expression of its own
        lemmas = [w if self.analyzer.is_stop(w) else self.language.lemma(w) or w for w in words]
        for start, end, groups, others in self.synonyms.matches(words, lemmas):
            if any(taken[start:end]) or (end - start == 1 and self.analyzer.is_stop(words[start])):
                continue  # a stop word alone is no expression (`over` stems as `overheid` does)
            phrase = tuple(words[start:end])
            candidates = (self.phrase(phrase, "exact"), *(self.phrase(o, "synonym") for o in others))
            alternatives = [a for a in candidates if a]
            if end - start == 1 and not self.analyzer.is_stop(words[start]):
                alternatives += self._word(words[start], False, self._neighbours(words, start), asks[start])
            if not alternatives:
                continue
            for i in range(start, end):
                taken[i] = True
            typo_count, corrections = _read_as(alternatives, range(start, end), typos)
            same = next((by_group[g] for g in groups if g in by_group), None)
            if same is not None:
                same.alternatives += alternatives
                same.typos, same.corrections = max(same.typos, typo_count), same.corrections + corrections
                continue
            concept = Concept(" ".join(phrase), alternatives, start, typos=typo_count, corrections=corrections)
            concepts.append(concept)
            by_group.update(dict.fromkeys(groups, concept))
        return concepts

    def _word_concepts(self, words: list[str], asks: list[bool], taken: list[bool],
                       written: Callable[[], frozenset[str]], typos: dict[int, Correction]
                       ) -> list[Concept]:
        """A concept for every content word not in a phrase: its alternatives (exact, lemma, typo,
        prefix, compound, separable verb), none for a word the docs never use."""
        concepts: list[Concept] = []
        content = [i for i, w in enumerate(words) if not taken[i] and not self.analyzer.is_stop(w)]
        # `hyper-v` is one thing asked about: `hyperv`, or `hyper` and `v` together
        parts_of = {i: parts for i in content if (parts := self.hyphen_parts(words, i))}
        absorbed = {j for i, parts in parts_of.items() for j in range(i - len(parts), i)}
        unknown_at = None  # where the last word the docs never use stands
        joined: dict[int, list[Alternative]] = {}  # a separable verb's, read with its particle
        for i in content:
            if i not in absorbed:
                alternatives, particle = self._separable(words, i)
                if particle is not None:
                    joined[i] = alternatives
                    absorbed.add(particle)
        for i in content:
            if i in absorbed:
                continue
            if self.misspelt_stop(words[i]):
                continue
            is_last = i == len(words) - 1  # perhaps still being typed; punctuation after it changes nothing
            alternatives = self._word(words[i], is_last, self._neighbours(words, i), asks[i]) + joined.get(i, [])
            if i in parts_of and (whole := self.phrase(parts_of[i], "compound")):
                alternatives.append(whole)
            if not alternatives:
                if unknown_at == i - 2 and words[i - 1] in OR_WORDS:
                    # `teamviewer of anydesk`: one thing asked about, in either form, so one concept
                    concepts[-1].text += f" {words[i - 1]} {words[i]}"
                    unknown_at = i
                    continue
                unknown_at = i
            typo_count, corrections = _read_as(alternatives, range(i, i + 1), typos)
            concepts.append(Concept(words[i], alternatives, i, typos=typo_count, corrections=corrections))
        return concepts

    def _unknown_focus(self, folded: str, concepts: list[Concept]) -> float:
        """The weight of the thing the question asks about (`wat is de opzegtermijn …`, `hoe maak
        ik een snapshot …`) when the docs never use it; an everyday word there (`general`, `vorm`)
        is passed over for the next."""
        thing = asked_thing(folded)
        if not thing:
            return 0.0  # it asks about no one thing
        by_word = {w: c for c in concepts if c.asks for w in c.text.split()}
        for word in self.analyzer.words(thing)[:3]:
            concept = by_word.get(word)
            if concept is None or self.language.zipf(word) >= params.SPECIFIC_BELOW:
                continue
            return 0.0 if concept.alternatives else concept.weight
        return 0.0

    def misspelt_stop(self, word: str) -> bool:
        """A word the docs do not use, rarer than params.TYPO_OF_STOP_BELOW, one typo from a stop
        word and params.TYPO_RARER orders of magnitude rarer than it (`waht does QMS mean`): that
        stop word misspelt, not a topic to guess at (as a typo of some docs word). Asked before its
        alternatives are worked out: it has none."""
        own = self.language.zipf(word)
        if own >= params.TYPO_OF_STOP_BELOW:
            return False  # a word of its own (`abort`, one typo from `about`)
        if self.in_docs(word):
            return False  # the docs'
        rarer = own + params.TYPO_RARER
        return any(self.language.zipf(stop) >= rarer for stop in self.analyzer.near_stop(word))

    def _weigh(self, concept: Concept) -> None:
        """A concept's weight: the idf of its best alternative times its specificity (less when
        only guessed at); a word the docs never use counts as much as their rarest word times its
        novelty (a question about it is not answered here)."""
        own_words = [w for w in self.analyzer.words(concept.text) if not self.analyzer.is_stop(w)]
        specificity = self.language.specificity if concept.alternatives else self.language.novelty
        concept.specificity = max(map(specificity, own_words), default=1.0)
        concept.alternatives = _strongest(_distinct(concept.alternatives), params.MAX_ALTERNATIVES)
        best = max((a.weight for a in concept.alternatives), default=0.0)
        idfs = [max(float(self.core.idf[t]) for t in a.terms) for a in concept.alternatives if a.weight == best]
        concept.idf = max(idfs) if idfs else self.core.max_idf()
        known = any(a.how in params.KNOWN for a in concept.alternatives)
        concept.weight = concept.idf * concept.specificity * (1.0 if known or not idfs else params.GUESSED)
        concept.settle()

    def hyphen_parts(self, words: list[str], i: int) -> tuple[str, ...]:
        """The parts of `words[i]` when the analyzer put it there as the joined form of the
        hyphenated word just before it (`hyper`, `v`, `hyperv`)."""
        if i < 2 or not words[i].endswith(words[i - 1]):
            return ()  # (most words: asked of every word of every question)
        for n in range(min(i, 4), 1, -1):
            parts = tuple(words[i - n:i])
            if "".join(parts) == words[i]:
                return parts
        return ()

    def _separable(self, words: list[str], i: int) -> tuple[list[Alternative], int | None]:
        """A Dutch separable verb, its particle later in the question (`hoe dien ik een verzoek in`
        asks about `indienen`, `komen jullie ook langs` about `langskomen`): the joined verb as the
        docs write it, and as the vocabulary lists it, with its equivalents (`stel … in`:
        `instellen`, `configureren`); and where its particle stands, then no word of its own."""
        verb = words[i]
        forms = dict.fromkeys((verb, self.language.lemma(verb) or verb))  # `komt … langs`: `langskomen`
        for j in range(i + 1, len(words)):
            if words[j] not in PARTICLES:
                continue
            for form in forms:
                whole = words[j] + form
                term = self.single_term(self.analyzer.stem(whole))
                found = [Alternative(term, params.MATCH_WEIGHT["compound"], "compound")] if term else []
                for _, _, _, others in self.synonyms.matches([whole], [whole]):
                    found += [a for other in others if (a := self.phrase(other, "synonym"))]
                if found:
                    return found, j
        return [], None

    @staticmethod
    def _neighbours(words: list[str], i: int) -> list[str]:
        return [words[j] for j in (i - 1, i + 1) if 0 <= j < len(words)]

    def _word(self, word: str, is_last: bool, neighbours: list[str], guess: bool = True) -> list[Alternative]:
        """The ways `word` may be written in the docs. Without `guess` (a word of a pasted
        paragraph's context, which weighs less), only the certain ones: as it is, its lemma, its
        compounds; not typos, near forms, prefixes or cognates, which cost most and guess most."""
        out: dict[tuple[int, ...], Alternative] = {}

        def add(terms: tuple[int, ...] | None, how: str) -> None:
            if terms and (terms not in out or out[terms].weight < params.MATCH_WEIGHT[how]):
                out[terms] = Alternative(terms, params.MATCH_WEIGHT[how], how)

        stem = self.analyzer.stem(word)
        exact = self.single_term(stem)
        add(exact, "exact")
        lemma_term = self.lemma_term(word)
        add(lemma_term, "lemma")
        if guess and exact is None and lemma_term is None:
            for candidate, distance in self._typos(word):
                add(self.single_term(self.lexicon.surface[candidate]), f"typo{distance}")
            for candidate in self.cognates(word):
                add(self.single_term(self.lexicon.surface[candidate]), "cognate")
        elif guess and len(word) >= 6:
            for candidate, distance in self.lexicon.fuzzy(word):
                if distance == 1:
                    add(self.single_term(self.lexicon.surface[candidate]), "variant")
        if is_last and guess and exact is None and len(word) >= 3:
            for candidate in self.lexicon.with_prefix(word):
                add(self.single_term(self.lexicon.surface[candidate]), "prefix")
        parts = self.lexicon.split(word)
        if parts:
            ids = tuple(t for p in parts if (t := self._term(self.analyzer.stem(p))) is not None)
            if len(ids) == 2:
                add(ids, "compound")
        # the docs' compounds holding it (`wachtwoord` -> `wachtwoordbeleid`), unless it is a word of
        # another language they lack: English `stand` is no part of the Dutch `standaard`
        if exact is not None or self.language.language_of(word) in (self.language.site, None):
            for compound in sorted(self.lexicon.compounds_of.get(stem, ()))[:8]:
                add(self.single_term(compound), "compound")
        for other in neighbours:
            joined = self.lexicon.join(word, other) or self.lexicon.join(other, word)
            if joined:
                add(self.single_term(self.lexicon.surface[joined]), "compound")
                continue
            # `cost management` -> `kostenbeheer`: the docs' compound of the two words' equivalents, when
            # either is of another language than the site's (the site's own language joins them as it is)
            site = self.language.site
            if not guess or (self.language.language_of(word) == site and self.language.language_of(other) == site):
                continue
            for first in (word, *self.synonyms.single_words(word)):
                for second in (other, *self.synonyms.single_words(other)):
                    if first == word and second == other:
                        continue  # joined above
                    joined = self.lexicon.join(first, second) or self.lexicon.join(second, first)
                    if joined:
                        add(self.single_term(self.lexicon.surface[joined]), "compound")
        return list(out.values())

    def in_docs(self, word: str) -> bool:
        """A word of the docs, as written or in its dictionary form."""
        return self.single_term(self.analyzer.stem(word)) is not None or self.lemma_term(word) is not None

    def lemma_term(self, word: str) -> tuple[int, ...] | None:
        """The docs' term of `word`'s dictionary form (`betaalt`, `gebeld`: Snowball leaves them
        apart from `betalen`, `bellen`)."""
        lemma = self.language.lemma(word)
        return self.single_term(self.analyzer.stem(lemma)) if lemma else None

    def cognates(self, word: str) -> list[str]:
        """Docs words of the other language that begin as `word` does (`certifications` ->
        `certificering`, `documentation` -> `documentatie`): the same word, borrowed, with the
        other language's ending; too far apart for a typo."""
        own = self.language.language_of(word)
        if own is None or len(word) < params.COGNATE_LETTERS:
            return []
        stem = word[:max(params.COGNATE_LETTERS - 1, math.ceil(params.COGNATE_SHARE * len(word)))]
        found = (c for c in self.lexicon.with_prefix(stem, limit=20)
                 if len(c) > len(stem) and self._language_or_head(c) not in (own, None))
        return list(islice(found, 4))  # the first four: each costs its postings

    def _language_or_head(self, word: str) -> str | None:
        """The language `word` is a word of, or for a compound word lists lack, its head's
        (`consultatieafspraak`: `consultatie`, Dutch)."""
        language = self.language.language_of(word)
        if language is None and (parts := self.lexicon.split(word)):
            language = self.language.language_of(word[:-len(parts[1])])  # with its linking letters
        return language

    def _typos(self, word: str) -> list[tuple[str, int]]:
        """Docs words `word` may be a typo of. A real word is no typo (`salarisstrook` is a word
        the docs lack), except of the same word in another language (`architectuur` for the
        docs' English `architecture`); nor is a word closer to a common word than to any of the
        docs' (`directuer` is `directeur` one swap away, the docs' `directe` two)."""
        typos = self.lexicon.fuzzy(word)
        if not typos:
            return []
        own = self.language.language_of(word)
        if own is not None:
            return [(c, d) for c, d in typos if self.language.language_of(c) not in (own, None)]
        nearest = self.language.nearest(word, typos[0][1])
        return [] if nearest is not None and nearest < typos[0][1] else list(typos)

    def phrase(self, phrase: tuple[str, ...], how: str) -> Alternative | None:
        """The alternative of an expression found `how`: its words' terms (stop words left out),
        None when the docs never use one of them. A negation is no stop word here: `werkt niet`
        without it is `werk`, the opposite."""
        ids = []
        for w in phrase:
            if w in NEGATIONS:
                return None  # never looked for without its negation, and a stop word is not indexed
            if self.analyzer.is_stop(w):
                continue
            t = self._term(self.analyzer.stem(w))
            if t is None:
                return None  # the docs never use this expression
            ids.append(t)
        return Alternative(tuple(ids), params.MATCH_WEIGHT[how], how) if ids else None

    def _term(self, stem: str) -> int | None:
        """The id of a term some section holds, else None."""
        t = self.term_ids.get(stem)
        return t if t is not None and t < self.core.n_terms and self.core.df[t] > 0 else None

    def single_term(self, stem: str) -> tuple[int, ...] | None:
        """A stem's term as an alternative's terms, None when no section holds it."""
        t = self._term(stem)
        return None if t is None else (t,)

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


def _read_as(alternatives: list[Alternative], span: range,
             typos: dict[int, Correction]) -> tuple[int, tuple[tuple[str, str], ...]]:
    """For an expression at `span` of the question's words: the typos of those read from a mistyped
    word (`spelling.Speller.spelled`), the most of them, with what was typed and meant; its alternatives
    then count at a typo's share (params.MATCH_WEIGHT), no guess (params.GUESSED): spelling chose them."""
    read = [typos[i] for i in span if i in typos]
    if not read:
        return 0, ()
    count = max(n for n, _, _ in read)
    for alternative in alternatives:
        alternative.weight *= params.MATCH_WEIGHT[f"typo{count}"]
    return count, tuple(dict.fromkeys((typed, meant) for _, typed, meant in read))


def _unknown_names(question: str, concepts: list[Concept]) -> float:
    """The weight of the asked concepts the docs never use that the question writes as names, or
    that are the version of a thing they know."""
    unknown = [c for c in concepts if not c.alternatives and c.asks]
    if not unknown:
        return 0.0  # (the question's names are read only when it has such words)
    written = names(question)
    written |= _versions(concepts, unknown, written)
    # `teamviewer of splashtop` is one concept: any of its words written as a name
    return sum(c.weight for c in unknown if not written.isdisjoint(c.text.split()))


def _versions(concepts: list[Concept], unknown: list[Concept], written: frozenset[str]) -> set[str]:
    """The numbers the docs never use that name a version or model of a thing they know: right
    after a word of theirs (`Windows Server 2022`, `Microsoft 365`, `ISO 27001`),
    which makes them a name of something the docs do not cover, as `Intune` is. Not a quantity
    (`50 euro`, `30 dagen`: a unit follows), not a reference of five digits or more (`ticket
    48213`) unless written after a name, not a dotted version's later parts (`8.2.4`: after a
    number)."""
    ends = {c.span.stop - 1: c for c in concepts}
    after = {c.position: c.text.split()[0] for c in concepts}
    found = set()
    for c in unknown:
        number = c.text.split()[0]
        before = ends.get(c.position - 1)
        if (not number.isdigit() or before is None or not before.alternatives
                or not before.text.split()[-1].isalpha() or after.get(c.position + 1) in UNITS):
            continue
        if len(number) <= 4 or before.text.split()[-1] in written:
            found.add(number)
    return found


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


def _distinct(alternatives: list[Alternative]) -> list[Alternative]:
    """One alternative per set of terms, the best way it was found."""
    best: dict[tuple[int, ...], Alternative] = {}
    for a in alternatives:
        if a.terms not in best or best[a.terms].weight < a.weight:
            best[a.terms] = a
    return list(best.values())


def _strongest(alternatives: list[Alternative], limit: int) -> list[Alternative]:
    """At most `limit` alternatives: the heaviest, ties to the first found; in their order."""
    if len(alternatives) <= limit:
        return alternatives
    kept = set(sorted(range(len(alternatives)), key=lambda i: -alternatives[i].weight)[:limit])
    return [a for i, a in enumerate(alternatives) if i in kept]


def excerpt(text: str, limit: int = ANSWER_CHARS) -> str:
    """The start of `text`, cut at a word boundary with an ellipsis."""
    text = text.strip()
    return text if len(text) <= limit else cut_at_word(text, limit) + " …"

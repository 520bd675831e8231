"""Reading a question: its words become concepts, each with its alternatives (the term as the
docs write it, its dictionary form, a synonym, a typo's correction, a compound, a prefix, a
cognate) and a weight (idf times how much it is a topic rather than conversation). The searcher
(indexer.search.engine) scores and re-ranks the sections by these: what a question asks is read
from the docs' words and terms alone, never from a section's text (but for the speller's look at
which words stand side by side)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from indexer.search import params
from indexer.search.analyzer import Analyzer, names
from indexer.search.compiled import Compiled
from indexer.search.core import SearchCore
from indexer.search.language import GeneralLanguage
from indexer.search.lexicon import Lexicon
from indexer.search.spelling import Correction, Speller
from indexer.search.synonyms import Synonyms, load_synonyms
from indexer.search.values import UNITS, asked_thing
from indexer.warnings import Warnings

MAX_WORDS = 40
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# ... except after an abbreviation (`bijv.`, `e.g.`): the sentence goes on
ABBREVIATED = re.compile(r"(?:^|\W)(bijv|bv|bijvoorbeeld|o\.a|oa|d\.w\.z|dwz|ivm|i\.v\.m|m\.b\.t|mbt|ca|zgn|evt|"
                         r"e\.g|i\.e|etc|vs|resp|incl|excl|nl|nr|tel|mr|mw|dhr|mevr|dr|st)\.$", re.IGNORECASE)
# The first words of a sentence that tells rather than asks: its subject, the asker or theirs.
TELLING = frozenset({"ik", "we", "wij", "mijn", "onze", "ons", "i", "our", "my"})  # (`I'm` is read as `i`, `m`)
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
        """Index the final alternatives for `engine.Matcher`, which re-ranking asks of every candidate."""
        self.singles = frozenset(a.terms[0] for a in self.alternatives if len(a.terms) == 1)
        self.phrases = tuple(a.terms for a in self.alternatives if len(a.terms) > 1)


class QuestionReader:
    """The concepts of one knowledge base's questions: its docs' terms and words (`compiled`), the
    general vocabulary of its languages with its own synonyms (`synonyms_path`) and the
    abbreviations its pages define, and the languages. What a described term is found as is worked
    out once (`_described_as`); a word's spelling once, by its speller."""

    def __init__(self, compiled: Compiled, analyzer: Analyzer, language: GeneralLanguage,
                 synonyms_path: Path | None, warnings: Warnings) -> None:
        self.compiled = compiled
        self.analyzer, self.language = analyzer, language
        site_languages = tuple(compiled.project.get("search_lang") or ("nl",))
        self.synonyms: Synonyms = load_synonyms(site_languages, synonyms_path, analyzer.words, warnings,
                                                key=analyzer.stem)
        for abbr, meaning in compiled.abbreviations:
            self.synonyms.add_group([tuple(analyzer.words(abbr)), tuple(analyzer.words(meaning))])
        self.core: SearchCore = compiled.core
        self.lexicon: Lexicon = compiled.lexicon
        self.term_ids: dict[str, int] = compiled.term_ids()
        self.speller = Speller(self)  # how its questions' words were meant (indexer.search.spelling)
        self._described_as: dict[tuple[str, ...], list[Alternative]] = {}  # a described term's alternatives

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

    def language_of(self, question: str) -> str:
        """The question's language, told by its function words only (`wat`, `hoe`, `the`, `how`):
        the docs' own jargon (`network security` in Dutch docs) says nothing about the asker's."""
        words = [w for w in self.analyzer.words(question) if self.analyzer.is_stop(w) and len(w) > 1]
        return self.language.language_of_text(words) or ""

    def unknown_names(self, question: str, concepts: list[Concept]) -> float:
        """The weight of the asked concepts the docs never use that the question writes as names, or
        that are the version of a thing they know."""
        unknown = [c for c in concepts if not c.alternatives and c.asks]
        if not unknown:
            return 0.0  # (the question's names are read only when it has such words)
        written = names(question)
        written |= _versions(concepts, unknown, written)
        # `teamviewer of splashtop` is one concept: any of its words written as a name
        return sum(c.weight for c in unknown if not written.isdisjoint(c.text.split()))

    def unknown_focus(self, folded: str, concepts: list[Concept]) -> float:
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

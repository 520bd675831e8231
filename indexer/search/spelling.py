"""How a question's words were meant where they were mistyped, worked out before its concepts
are: a word split by a space rejoined (`bene fits`), two words typed as one apart (`hoesnel`,
`uvrun`), a typo read as the word meant (`onbaording` -> `onboarding`, `beneftis` -> `benefits`).
The words meant are those that lead to the docs: theirs, the general vocabulary's, a common word's
that finds something; the nearest, the docs' own first, then the far more frequent (a noisy
channel's prior). A word read so finds all that word finds, at a typo's share
(`reading._read_as`)."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol, cast

import numpy as np

from indexer.search import params
from indexer.search.analyzer import PREFIXES, Analyzer
from indexer.search.compiled import Compiled
from indexer.search.core import SearchCore
from indexer.search.language import GeneralLanguage
from indexer.search.lexicon import FUZZY_CACHE, Lexicon, Spelling, allowed_typos, first_letter_edits
from indexer.search.postings import pair_key
from indexer.search.synonyms import Synonyms

if TYPE_CHECKING:
    from indexer.search.reading import Alternative

Correction = tuple[int, str, str]  # a word as meant: its typos (a lost space is one), as typed, as meant
Reading = tuple[tuple[str, ...], int]  # the word or two words meant, and the typos between


class DocsWords(Protocol):
    """What the speller asks of its reader (`reading.QuestionReader`): the docs' words, their terms and
    lookups, and the languages; a typed seam rather than the reader's insides."""

    analyzer: Analyzer
    language: GeneralLanguage
    lexicon: Lexicon
    synonyms: Synonyms
    core: SearchCore
    compiled: Compiled

    def in_docs(self, word: str) -> bool: ...
    def single_term(self, stem: str) -> tuple[int, ...] | None: ...
    def lemma_term(self, word: str) -> tuple[int, ...] | None: ...
    def phrase(self, phrase: tuple[str, ...], how: str) -> Alternative | None: ...
    def hyphen_parts(self, words: list[str], i: int) -> tuple[str, ...]: ...
    def misspelt_stop(self, word: str) -> bool: ...
    def cognates(self, word: str) -> list[str]: ...


class Speller:
    """The spelling of one reader's questions (`QuestionReader.speller`): its docs' words and lookups,
    its vocabulary, the languages. What each word is read as is worked out once."""

    def __init__(self, docs: DocsWords) -> None:
        # a weak reference: no cycle, so that a replaced index is freed by reference counting alone
        self.docs: DocsWords = cast(DocsWords, weakref.proxy(docs))
        self.analyzer, self.language, self.lexicon = docs.analyzer, docs.language, docs.lexicon
        self.synonyms, self.core, self.compiled = docs.synonyms, docs.core, docs.compiled
        self._readings: dict[str, Reading | None] = {}  # `reading`'s answers, by word
        self._vocabulary: Spelling | None = None
        self._leading: frozenset[int] | None = None

    @property
    def leading(self) -> frozenset[int]:
        """The synonym groups that lead to the docs (a phrase of them is theirs); made when first needed."""
        if self._leading is None:
            self._leading = frozenset(n for n, group in enumerate(self.synonyms.groups)
                                      if any(self.docs.phrase(p, "exact") for p in group))
        return self._leading

    @property
    def vocabulary(self) -> Spelling:
        """The vocabulary's words the docs lack, of the groups that lead to the docs, to read a typo
        of one as that word (`beneftis` -> `benefits` -> `voordelen`); made when first needed."""
        if self._vocabulary is None:
            self._vocabulary = Spelling(
                w for n in self.leading for phrase in self.synonyms.groups[n] for w in phrase
                if not self.analyzer.is_stop(w) and w not in self.lexicon.surface)
        return self._vocabulary

    def spelled(self, words: list[str], asks: list[bool], written: Callable[[], frozenset[str]]
                 ) -> tuple[list[str], list[bool], dict[int, Correction]]:
        """`words` (and their `asks`) as meant where the asking sentences have them mistyped: a word
        split by a space rejoined (`bene fits`), two words typed as one apart (`hoesnel`), a typo
        corrected (`reading`); and where each such word now stands, with its number of typos (a
        space is one), what was typed and what was meant. A name is left as written (`Intune`) unless
        it is one typo from a docs word of six letters or more (`Quarkkpulse`); a hyphenated word
        is left as written."""
        def hyphenated(i: int) -> bool:  # a hyphenated word's part or joined form (`hyper`, `v`, `hyperv`)
            return any((parts := self.docs.hyphen_parts(words, j)) and len(parts) >= j - i
                       for j in range(i, min(i + 5, len(words))))

        out: list[str] = []
        out_asks: list[bool] = []
        corrected: dict[int, Correction] = {}
        i = 0
        while i < len(words):
            word, typed = words[i], asks[i] and not self.analyzer.is_stop(words[i])
            if typed and i + 1 < len(words) and asks[i + 1] and (joined := self._rejoined(word, words[i + 1])) \
                    and not written().intersection(words[i:i + 2]) and not (hyphenated(i) or hyphenated(i + 1)):
                corrected[len(out)] = 1, f"{word} {words[i + 1]}", joined
                out.append(joined)
                out_asks.append(True)
                i += 2
                continue
            reading = self.reading(word) if typed else None
            if reading and not hyphenated(i) and (word not in written() or self._a_docs_name(word, reading)):
                meant, typos = reading
                if len(meant) == 2:  # two words typed as one
                    for part in meant:
                        corrected[len(out)] = typos, word, " ".join(meant)
                        out.append(part)
                        out_asks.append(True)
                    i += 1
                    continue
                # a typo, unless half of a docs word split by a space (`dienstm odellen`) or still being typed
                if not (any(self.lexicon.join(a, b) for a, b in pairwise(words[max(0, i - 1):i + 2]))
                        or (i == len(words) - 1 and self.lexicon.with_prefix(word, limit=1))):
                    corrected[len(out)] = typos, word, meant[0]
                    word = meant[0]
            out.append(word)
            out_asks.append(asks[i])
            i += 1
        return out, out_asks, corrected

    def _a_docs_name(self, word: str, reading: Reading) -> bool:
        """Whether `word`, written as a name, is a typo of a docs word all the same: one typo from
        one of six letters or more (`Quarkkpulse`; not `Intune`, no typo of a docs word)."""
        (meant, *more), typos = reading
        return not more and typos == 1 and len(meant) >= 6 and meant in self.lexicon.surface

    def _known(self, word: str) -> bool:
        """A word of the docs or of the vocabulary."""
        return self.docs.in_docs(word) or word in self.vocabulary.words

    def _no_word(self, word: str) -> bool:
        """No stop word, no word of any language, nor of the docs."""
        return not (self.analyzer.is_stop(word) or self.language.language_of(word) is not None or self._known(word))

    def _rejoined(self, first: str, second: str) -> str | None:
        """`first` and `second` as one word of the docs or the vocabulary, when either is a
        fragment: no stop word, no docs word, and rare in the language if a word at all (`eak`,
        `bene`, `indus`: a word split by a space). Two words stay two (`back up`, `uv run`)."""
        if not (self._fragment(first) or self._fragment(second)):
            return None  # (asked first: most pairs of a question are words, and this costs least)
        joined = first + second
        return None if len(joined) < 5 or self.analyzer.is_stop(joined) or not self._known(joined) else joined

    def _fragment(self, part: str) -> bool:
        rare = self.language.zipf(part) < params.COMMON_WORD
        return rare and not (self.analyzer.is_stop(part) or self.docs.in_docs(part))

    def _unglued(self, word: str) -> tuple[str, str] | None:
        """`word` as two words typed without the space between them (`hoesnel`, `voordelenvan`,
        `uvrun`), when it is no word at all and splits into two stop words, a stop word of the
        site's language (of two letters or more: `sharde` is no `'s harde`) and a docs word, or two
        docs words the docs have side by side and no compound of theirs (`QuestionReader._word` finds those:
        `cybersecuritytrainingen`). A word the docs lack tells nothing; a tool's name is no two of
        their words (`anydesk`, `pipenv`, `devcontainer`). Of several ways, the one whose rarer part
        is commonest. No stop word that begins words of its own is split off their start
        (`deinstall`, `ongeldig`)."""
        if len(word) < 4 or any(ch.isdigit() for ch in word) or not self._no_word(word):
            return None
        found, best = None, -1.0
        compound = self.lexicon.split(word) is not None
        for cut in range(2, len(word) - 1):
            first, second = word[:cut], word[cut:]
            if first in PREFIXES and not self.analyzer.is_stop(second):
                continue
            stops = self.analyzer.is_stop(first) + self.analyzer.is_stop(second)
            stop, other = (first, second) if self.analyzer.is_stop(first) else (second, first)
            if stops == 2 or (stops == 1 and self.analyzer.is_own_stop(stop) and self.docs.in_docs(other)) or (
                    stops == 0 and not compound and self._side_by_side(first, second)):
                likely = min(self.language.zipf(first), self.language.zipf(second))
                if likely > best:
                    found, best = (first, second), likely
        return found

    def _side_by_side(self, first: str, second: str, looked: int = 64) -> bool:
        """Whether the docs have the words `first` `second` side by side, in some of the first
        `looked` sections that hold the rarer one (each section's pairs are read: a bound)."""
        a, b = self.docs.single_term(self.analyzer.stem(first)), self.docs.single_term(self.analyzer.stem(second))
        if a is None or b is None:
            return False
        key = pair_key(a[0], b[0])
        rarer = min(a[0], b[0], key=lambda t: int(self.core.df[t]))
        for doc in self.core.postings(rarer)[0][:looked]:
            pairs = self.compiled.pairs(int(doc))
            at = int(np.searchsorted(pairs, key))
            if at < pairs.size and pairs[at] == key:
                return True
        return False

    def reading(self, word: str) -> Reading | None:
        """The word or two words `word` was meant as, with the typos between (a lost space is one),
        None when it is as meant; worked out once per word. A typo of one letter of a docs or
        vocabulary word is likelier than a lost space (`voordellen`; `instelen`, though spelling
        cannot tell which docs word), a lost space likelier than two typos."""
        if word not in self._readings:
            if len(self._readings) >= FUZZY_CACHE:
                self._readings.clear()
            spelt = self._spelling(word)
            reading: Reading | None = None if spelt is None else ((spelt[0],), spelt[1])
            one_typo = spelt[1] == 1 if spelt else any(d == 1 for _, d in self.lexicon.fuzzy(word))
            if not one_typo and (pair := self._unglued(word)):  # (`instelen`: a typo of docs words, which)
                reading = pair, 1
            self._readings[word] = reading
        return self._readings[word]

    def _spelling(self, word: str) -> tuple[str, int] | None:
        """The word `word` was meant as, when it is no word of any language, not the docs' (nor a
        compound of two of theirs, `inlogpagina`) and no stop word misspelt: of the words within the
        allowed typos that lead to the docs — theirs, the vocabulary's, a common word that finds
        something (`csutomers` -> `customers` -> `klant`) — the nearest (`onbaording` -> `onboarding`,
        `beneftis` -> `benefits`); none when a common word that finds nothing is nearer (`directuer`
        is `directeur`, a word they lack; `uvicorn` no `unicorn`). Of those as near, the docs' own
        first (`promox` is `proxmox`, not `promo`), then the far more frequent (a noisy channel's
        prior); none when two meanings are as likely (`prinetr`: `printer`, `painter`). Read as
        that word, it finds all that word finds: its synonyms, compounds, phrases."""
        if any(ch.isdigit() for ch in word) or self.language.language_of(word) is not None:
            return None  # a code, a version; a real word (typos of its cognates: `QuestionReader._typos`)
        if self.docs.in_docs(word) or self.docs.misspelt_stop(word):
            return None
        if (parts := self.lexicon.split(word)) and all(self.docs.in_docs(p) for p in parts):
            return None  # a compound of two docs words (`QuestionReader._word` finds it)
        found: dict[str, int] = {}
        for candidate, distance in (*self.lexicon.fuzzy(word), *self.vocabulary.fuzzy(word)):
            found[candidate] = min(distance, found.get(candidate, distance))
        if not found and len(word) >= 5:  # its first letter mistyped (the lexicon's guesses need 8 letters)
            for candidate in (*first_letter_edits(word, self.lexicon.starts, self.lexicon.surface),
                              *first_letter_edits(word, self.vocabulary.starts, self.vocabulary.words)):
                found[candidate] = 1
        # common words one typo away only: two typos from one is no likelier than from a docs word
        common, distance = self.language.closest(word, min(1, allowed_typos(word)))
        useful = [c for c in common if self._finds(c)]
        if common and not useful and distance < min(found.values(), default=distance + 1):
            return None  # nearer to a common word that leads nowhere: as typed
        for c in useful:
            found[c] = min(distance, found.get(c, distance))
        if not found:
            return None
        best = min(found.values())
        closest = sorted(c for c, d in found.items() if d == best)
        closest = [c for c in closest if c in self.lexicon.surface] or closest
        by_meaning: dict[tuple[object, ...], float] = {}
        for c in closest:
            meaning = self._meaning(c)
            by_meaning[meaning] = max(by_meaning.get(meaning, 0.0), self.language.zipf(c))
        likeliest = sorted(by_meaning.values(), reverse=True)
        if len(likeliest) > 1 and likeliest[0] - likeliest[1] < params.TYPO_LIKELIER:
            return None  # two words as likely meant (`prinetr`: `printer`, `painter`)
        return max(closest, key=lambda c: (self.language.zipf(c), c == closest[0])), best

    def _finds(self, word: str) -> bool:
        """Whether `word` leads to the docs: itself or its dictionary form, a synonym group they
        use, or a cognate of theirs."""
        if self.docs.in_docs(word) or not self.leading.isdisjoint(self._groups(word)):
            return True
        return any(self.docs.single_term(self.lexicon.surface[c]) for c in self.docs.cognates(word))

    def _groups(self, word: str) -> frozenset[int]:
        """The synonym groups `word` is in, by its stem or as its dictionary form is written."""
        lemma = self.language.lemma(word) or word
        return frozenset((*self.synonyms.by_phrase.get((self.analyzer.stem(word),), ()),
                          *self.synonyms.by_words.get((lemma,), ())))

    def _meaning(self, word: str) -> tuple[object, ...]:
        """What `word` finds: its docs term and its synonym groups; the word's dictionary form when
        it finds nothing (`benefit` and `benefits` are one meaning, `printer` and `painter` two)."""
        term = self.docs.single_term(self.analyzer.stem(word)) or self.docs.lemma_term(word)
        groups = self._groups(word)
        return (term, groups) if term or groups else (self.language.lemma(word) or word,)


def as_meant(folded: str, corrections: Iterable[tuple[str, str]]) -> str:
    """The folded question with its typos as meant (`reactietjid` -> `reactietijd`, `hoesnel` ->
    `hoe snel`): what the rules that read its words (what it asks, a duration, the asked thing)
    read. `corrections`: (as typed, as meant)."""
    for typed, meant in corrections:
        folded = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", meant, folded)
    return folded

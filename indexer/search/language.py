"""What faqbot knows of Dutch and English beyond the docs: how common each word is in the language,
from wordfreq's frequency lists (inside the package: nothing is downloaded). Two uses:

- **Key concepts.** A word everybody uses in any conversation (`eigenlijk`, `gewoon`, `would`,
  `probleem`) tells little about what is asked, however rare it is in the docs; a question is
  about its specific words. `specificity` turns a word's frequency into its share of the question.
- **A real word the docs lack, or a typo of one they have.** `directuer` is `directeur` one swap
  away, not the docs' `directe` two edits away; `salarisstrook` is a Dutch word the docs never use,
  not a typo of anything in them. `language_of` and `nearest` give the evidence.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.search import params
from indexer.search.analyzer import analyzer_for, fold

V = TypeVar("V", float, str)

SUPPORTED = ("nl", "en")
EVERYWHERE = "en"  # the language people ask in on every site, besides the site's own
TABLES_VERSION = 6  # bump when the tables change (4: sorted arrays, mapped; 6: English lemmas for every stemmer)
LOOKUPS_KEPT = 50_000  # words looked up, kept per table (a plain dict: no reference cycle)


class WordTable(Generic[V]):
    """A read-only mapping of words to Zipf values or lemmas over two sorted arrays mapped from
    the tables file: found by binary search, nothing read until asked, each answer kept."""

    def __init__(self, keys: np.ndarray, values: np.ndarray, convert: Callable[[Any], V]) -> None:
        self.keys = keys  # UTF-8 words, sorted as bytes
        self.values = values
        self.convert: Callable[[Any], V] = convert
        self._seen: dict[str, V | None] = {}

    def get(self, word: str, default: V) -> V:
        if word in self._seen:
            found = self._seen[word]
        else:
            if len(self._seen) >= LOOKUPS_KEPT:
                self._seen.clear()
            found = self._seen[word] = self._lookup(word)
        return default if found is None else found

    def __getitem__(self, word: str) -> V:
        found = self._lookup(word)
        if found is None:
            raise KeyError(word)
        return found

    def _lookup(self, word: str) -> V | None:
        key = word.encode("utf-8")
        if len(key) > self.keys.dtype.itemsize or not key or key.endswith(b"\0"):
            return None  # longer than any word in the table (numpy would compare it cut short)
        at = int(np.searchsorted(self.keys, key))
        if at == self.keys.size or self.keys[at] != key:
            return None
        return self.convert(self.values[at])


def _text(value: np.bytes_) -> str:
    return bytes(value).decode("utf-8")


class LanguageTables:
    """One language's Zipf frequencies (log10 of occurrences per billion words) and lemmas
    (`betaalt` -> `betalen`, `gebeld` -> `bellen`), words folded as the analyzer folds them.
    Made from wordfreq's and simplemma's data once, then kept in faqbot's cache folder as sorted
    arrays that a process maps (indexer.store's array file): starting costs no reading at all."""

    def __init__(self, zipf: dict[str, float] | WordTable[float], lemmas: dict[str, str] | WordTable[str],
                 common: dict[tuple[str, int], list[str]] | None = None) -> None:
        self.zipf = zipf
        self.lemmas = lemmas
        self._common = common

    @classmethod
    def open(cls, language: str) -> LanguageTables:
        from indexer import store

        # the words kept depend on params.REAL_WORD: another value makes other tables
        stamp = (f"v{TABLES_VERSION}-r{params.REAL_WORD}-wordfreq{installed_version('wordfreq')}"
                 f"-simplemma{installed_version('simplemma')}")
        path = store.cache_folder() / f"language-{language}-{stamp}.tables"
        try:
            return cls.mapped(path)
        except (OSError, store.IndexUnusable, KeyError):
            pass
        tables = cls.make(language)
        with contextlib.suppress(OSError):  # a read-only home only costs the next start its time
            tables.save(path)
            return cls.mapped(path)
        return tables

    @classmethod
    def mapped(cls, path: Path) -> LanguageTables:
        from indexer import store

        arrays, meta = store.map_arrays(path)
        return cls(WordTable(arrays["zipf_words"], arrays["zipf"], float),
                   WordTable(arrays["lemma_words"], arrays["lemmas"], _text), meta["common"])

    def save(self, path: Path) -> None:
        from indexer import store

        assert isinstance(self.zipf, dict) and isinstance(self.lemmas, dict)
        zipf_words = sorted(self.zipf, key=lambda w: w.encode("utf-8"))
        lemma_words = sorted(self.lemmas, key=lambda w: w.encode("utf-8"))
        arrays = {"zipf_words": np.array([w.encode("utf-8") for w in zipf_words]),
                  "zipf": np.array([self.zipf[w] for w in zipf_words], dtype=np.float64),
                  "lemma_words": np.array([w.encode("utf-8") for w in lemma_words]),
                  "lemmas": np.array([self.lemmas[w].encode("utf-8") for w in lemma_words])}
        store.save_arrays(path, arrays, {"common": self._buckets()})

    @classmethod
    def make(cls, language: str) -> LanguageTables:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory
        from wordfreq import get_frequency_dict

        zipf: dict[str, float] = {}  # rarer words than params.REAL_WORD count as no word: left out
        for word, frequency in get_frequency_dict(language, wordlist="large").items():
            value = round(math.log10(frequency) + 9, 2)
            if value >= params.REAL_WORD and word.isalnum():
                key = fold(word)
                if value > zipf.get(key, 0.0):
                    zipf[key] = value
        # only where the stemmer of a site that reads these lemmas misses them: the rest Snowball
        # joins already. English is asked on every site (`companies` -> `company` on a Dutch one)
        readers = SUPPORTED if language == EVERYWHERE else (language,)
        stems = [analyzer_for((site,)).stem for site in readers]
        lemmas: dict[str, str] = {}
        for word, lemma in DefaultDictionaryFactory().get_dictionary(language).items():
            word, lemma = fold(word), fold(lemma).replace("_", "")  # `in_dienen`: a separable verb
            if word.isalnum() and lemma.isalnum() and any(stem(word) != stem(lemma) for stem in stems):
                lemmas[word] = lemma
        return cls(zipf, lemmas)

    def common(self, start: str, length: int) -> list[str]:
        """Common words (Zipf >= params.COMMON_WORD) of this length starting with `start`."""
        if self._common is None:
            self._common = self._buckets()
        return self._common.get((start, length), [])

    def _buckets(self) -> dict[tuple[str, int], list[str]]:
        assert isinstance(self.zipf, dict)
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word, value in self.zipf.items():
            if value >= params.COMMON_WORD:
                buckets[word[0], len(word)].append(word)
        return dict(buckets)


def installed_version(name: str) -> str:
    """The version of the installed distribution `name` (a plain lowercase name), from the name of
    its `.dist-info` folder, looked for along sys.path as importlib.metadata looks; without
    importing importlib.metadata, which costs every process 20-40 ms. importlib.metadata answers
    when there is no such folder (an egg, a zip)."""
    prefix, suffix = name + "-", ".dist-info"
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.startswith(prefix) and entry.endswith(suffix) and "-" not in entry[len(prefix):-len(suffix)]:
                return entry[len(prefix):-len(suffix)]
    from importlib.metadata import version

    return version(name)


@lru_cache(maxsize=len(SUPPORTED))
def tables(language: str) -> LanguageTables:
    """One language's tables, read once per process and shared by every index."""
    return LanguageTables.open(language)


class GeneralLanguage:
    """The languages of a knowledge base's questions: the site's own, and English, which people
    use in every company's Slack."""

    def __init__(self, site_languages: tuple[str, ...]) -> None:
        site = [lang for lang in site_languages if lang in SUPPORTED] or [EVERYWHERE]
        self.site = site[0]
        self.languages = tuple(dict.fromkeys([*site, EVERYWHERE]))
        # read now, with the index, so that no question waits for them (once per process)
        for language in self.languages:
            tables(language).common("a", 1)

    def zipf(self, word: str, language: str | None = None) -> float:
        if language is not None:
            return tables(language).zipf.get(word, 0.0)
        return max(tables(lang).zipf.get(word, 0.0) for lang in self.languages)

    def specificity(self, word: str) -> float:
        """1 for a word of any topic (less common than params.SPECIFIC_BELOW), falling linearly to
        params.SPECIFICITY_FLOOR for the words of every conversation (params.GENERIC_ABOVE)."""
        z = self.zipf(word)
        if z <= params.SPECIFIC_BELOW:
            return 1.0
        share = (z - params.SPECIFIC_BELOW) / (params.GENERIC_ABOVE - params.SPECIFIC_BELOW)
        return max(params.SPECIFICITY_FLOOR, 1.0 - share * (1.0 - params.SPECIFICITY_FLOOR))

    def novelty(self, word: str) -> float:
        """How much a word the docs never use says the question is about something they lack:
        1 for a rare word of the language, params.ORDINARY_SHARE for an everyday one,
        params.NONWORD_SHARE for no word at all."""
        z = self.zipf(word)
        if z < params.REAL_WORD:
            return params.NONWORD_SHARE
        if z <= params.NOVEL_BELOW:
            return 1.0
        share = min((z - params.NOVEL_BELOW) / (params.ORDINARY_ABOVE - params.NOVEL_BELOW), 1.0)
        return 1.0 - share * (1.0 - params.ORDINARY_SHARE)

    def language_of_text(self, words: list[str]) -> str | None:
        """The language a question is written in (of SUPPORTED), None when it is too short or mixed
        to tell: each word votes for the language it is most frequent in, by how much more (at most
        params.LANGUAGE_VOTE), and one language must lead by params.LANGUAGE_LEAD. Stop words count
        most (`wat`, `hoe`, `the`): they are what a language is recognised by."""
        votes = dict.fromkeys(SUPPORTED, 0.0)
        for word in words:
            zipf = {lang: tables(lang).zipf.get(word, 0.0) for lang in SUPPORTED}
            ranked = sorted(zipf, key=zipf.__getitem__, reverse=True)
            votes[ranked[0]] += min(zipf[ranked[0]] - zipf[ranked[1]], params.LANGUAGE_VOTE)
        first, second = sorted(votes, key=votes.__getitem__, reverse=True)[:2]
        return first if votes[first] - votes[second] >= params.LANGUAGE_LEAD else None

    def language_of(self, word: str) -> str | None:
        """The language `word` is a real word of (the one it is most frequent in), None when it is
        no word of any (a typo, a name, a code)."""
        best = max(self.languages, key=lambda lang: self.zipf(word, lang))
        return best if self.zipf(word, best) >= params.REAL_WORD else None

    def nearest(self, word: str, limit: int) -> int | None:
        """The edit distance (a swap is one) from `word` to the closest common word of the site's
        language within `limit`, None when there is none."""
        words, distance = self.closest(word, limit, (self.site,))
        return distance if words else None

    def closest(self, word: str, limit: int, languages: tuple[str, ...] | None = None) -> tuple[list[str], int]:
        """The common words of any of the languages (or of `languages`) closest to `word` within
        `limit` edits (a swap is one), and their distance; none when there are none (`[]`, `limit + 1`)."""
        found: dict[str, int] = {}
        for language in languages or self.languages:
            table = tables(language)
            choices = [w for n in range(len(word) - limit, len(word) + limit + 1) for w in table.common(word[0], n)]
            for candidate, distance, _ in process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit,
                                                          limit=8):
                found[candidate] = min(int(distance), found.get(candidate, limit + 1))
        best = min(found.values(), default=limit + 1)
        return sorted(w for w, d in found.items() if d == best), best

    def lemma(self, word: str) -> str | None:
        """The dictionary form of `word` in the language it is a word of (`betaalt` -> `betalen`,
        `installed` -> `install`; not the Dutch table's `basen` for the English `base`), else in
        the site's language, then English; None when it is its own."""
        own = self.language_of(word)  # each table keeps the words looked up (WordTable)
        return next((lemma for language in ((own,) if own else self.languages)
                     if (lemma := tables(language).lemmas.get(word, ""))), None)

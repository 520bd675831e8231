"""The index's own words, for matching question words that are not written as in the docs:
typos (Damerau-Levenshtein, a swap counts as one), the prefix of the word being typed, and Dutch
compound words split into or joined from the index's own words (with the linking -s-/-e-)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.search import params

LINKS = ("", "s", "e", "en")
MIN_PART = 4  # compound parts shorter than this are mostly accidents (`in`, `ter`)
FUZZY_CACHE = 20_000  # question words looked up (a plain dict: no reference cycle, see indexer.memory)


def allowed_typos(word: str) -> int:
    """No typo under 4 letters, 1 from 4 letters, 2 from 8 (params.TYPO_LETTERS)."""
    one, two = params.TYPO_LETTERS
    n = len(word)
    return 0 if n < one else 1 if n < two else 2


class Lexicon:
    """Surface words of the index with their stems, and lookups over them."""

    def __init__(self, words: Iterable[str], stem: Callable[[str], str], is_term: Callable[[str], bool]) -> None:
        self.stem = stem
        words = list(words)  # stemmed in one pass, in their own order
        self.surface: dict[str, str] = {w: s for w, s in zip(words, map(stem, words), strict=True) if is_term(s)}
        self.sorted = sorted(self.surface)
        self.stems = set(self.surface.values())
        # Typo candidates by first letter and length: a typo rarely hits the first letter, so a
        # question word is compared with the few words that start as it does, not with them all.
        self.by_start: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.by_tail: dict[str, list[str]] = defaultdict(list)  # word[1:] -> words (first-letter typos)
        for w in self.sorted:
            self.by_start[w[0], len(w)].append(w)
            self.by_tail[w[1:]].append(w)
        self.compound_parts: dict[str, tuple[str, str]] = {}
        self.compounds_of: dict[str, set[str]] = defaultdict(set)
        for w in self.sorted:
            if len(w) < 2 * MIN_PART:
                continue  # no room for two parts: `split` finds none
            parts = self.split(w)
            if parts:
                self.compound_parts[self.surface[w]] = (stem(parts[0]), stem(parts[1]))
                for p in parts:
                    self.compounds_of[stem(p)].add(self.surface[w])
        self._fuzzy_cache: dict[str, tuple[tuple[str, int], ...]] = {}

    def state(self) -> dict[str, Any]:
        """Everything the lookups use, as plain dicts, lists and sets (the search file stores it)."""
        return {"surface": self.surface, "sorted": self.sorted, "by_start": dict(self.by_start),
                "by_tail": dict(self.by_tail), "compound_parts": self.compound_parts,
                "compounds_of": dict(self.compounds_of)}

    @classmethod
    def from_state(cls, state: dict[str, Any], stem: Callable[[str], str]) -> Lexicon:
        """The lexicon `state` describes, without working any of it out again."""
        lexicon = cls.__new__(cls)
        lexicon.stem = stem
        lexicon.surface, lexicon.sorted = state["surface"], state["sorted"]
        lexicon.stems = set(lexicon.surface.values())
        lexicon.by_start, lexicon.by_tail = state["by_start"], state["by_tail"]
        lexicon.compound_parts, lexicon.compounds_of = state["compound_parts"], state["compounds_of"]
        lexicon._fuzzy_cache = {}
        return lexicon

    def split(self, word: str) -> tuple[str, str] | None:
        """`netwerkbeveiliging` -> (`netwerk`, `beveiliging`) when both parts are index words;
        the longest known head wins. Linking letters between the parts are dropped."""
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if tail not in self.surface:
                continue
            for link in LINKS:
                if link and not head.endswith(link):
                    continue
                base = head[: len(head) - len(link)] if link else head
                if len(base) >= MIN_PART and (base in self.surface or self.stem(base) in self.stems):
                    return base, tail
        # One known part is enough when the other is a word-sized remainder: `netwerk|beveiliging`
        # splits even where `beveiliging` only occurs inside compounds.
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head in self.surface and len(tail) > MIN_PART:
                return head, tail
            if tail in self.surface:
                link = next((k for k in ("en", "s", "e") if head.endswith(k)), "")
                base = head[: len(head) - len(link)]
                if len(base) > MIN_PART:
                    return base, tail
        return None

    def join(self, first: str, second: str) -> str | None:
        """`netwerk` + `beveiliging` -> `netwerkbeveiliging` when the index has it."""
        for link in LINKS:
            joined = first + link + second
            if joined in self.surface:
                return joined
        return None

    def fuzzy(self, word: str) -> tuple[tuple[str, int], ...]:
        """Index words within the allowed typos of `word`, closest first (at most 6). A word that
        differs in its first letter needs one typo less: only 8+ letter words reach those, and
        then by one edit at the start (found by lookup, not by comparison)."""
        found = self._fuzzy_cache.get(word)
        if found is None:
            if len(self._fuzzy_cache) >= FUZZY_CACHE:
                self._fuzzy_cache.clear()
            found = self._fuzzy_cache[word] = self._fuzzy(word)
        return found

    def _fuzzy(self, word: str) -> tuple[tuple[str, int], ...]:
        k = allowed_typos(word)
        if k == 0:
            return ()
        choices: list[str] = []
        for n in range(len(word) - k, len(word) + k + 1):
            choices.extend(self.by_start.get((word[0], n), ()))
        found = {w: int(d) for w, d, _ in process.extract(word, choices, scorer=OSA.distance, score_cutoff=k,
                                                          limit=6) if d > 0}
        if k > 1:
            for w in self._first_letter_edits(word):
                found.setdefault(w, 1)
        return tuple(sorted(found.items(), key=lambda item: (item[1], len(item[0]), item[0]))[:6])

    def _first_letter_edits(self, word: str) -> set[str]:
        """Index words one edit from `word` at its first letter: replaced, dropped, added, or
        swapped with the second."""
        out = set(self.by_tail.get(word[1:], ()))  # the first letter typed wrong
        out.update(self.by_tail.get(word, ()))  # the first letter left out
        if word[1:] in self.surface:
            out.add(word[1:])  # a letter typed before the word
        swapped = word[1] + word[0] + word[2:]
        if swapped != word and swapped in self.surface:
            out.add(swapped)
        return {w for w in out if w[0] != word[0]}

    def with_prefix(self, prefix: str, limit: int = 8) -> list[str]:
        start = bisect.bisect_left(self.sorted, prefix)
        out = []
        for w in self.sorted[start:]:
            if not w.startswith(prefix):
                break
            if w != prefix:
                out.append(w)
        out.sort(key=len)
        return out[:limit]

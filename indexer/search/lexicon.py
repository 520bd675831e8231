"""The index's own words, for matching question words that are not written as in the docs:
typos (Damerau-Levenshtein, a swap counts as one), the prefix of the word being typed, and Dutch
compound words split into or joined from the index's own words (with the linking -s-/-e-)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

LINKS = ("", "s", "e", "en")
MIN_PART = 4  # compound parts shorter than this are mostly accidents (`in`, `ter`)


def allowed_typos(word: str) -> int:
    """No typo under 4 letters, 1 from 4 letters, 2 from 8."""
    n = len(word)
    return 0 if n < 4 else 1 if n < 8 else 2


class Lexicon:
    """Surface words of the index with their stems, and lookups over them."""

    def __init__(self, words: Iterable[str], stem: Callable[[str], str], is_term: Callable[[str], bool]) -> None:
        self.stem = stem
        self.surface: dict[str, str] = {}
        for w in words:
            s = stem(w)
            if is_term(s):
                self.surface[w] = s
        self.sorted = sorted(self.surface)
        self.stems = set(self.surface.values())
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for w in self.sorted:
            self.by_length[len(w)].append(w)
        self.compound_parts: dict[str, tuple[str, str]] = {}
        self.compounds_of: dict[str, set[str]] = defaultdict(set)
        for w in self.sorted:
            parts = self.split(w)
            if parts:
                self.compound_parts[self.surface[w]] = (stem(parts[0]), stem(parts[1]))
                for p in parts:
                    self.compounds_of[stem(p)].add(self.surface[w])
        self.fuzzy = lru_cache(maxsize=20_000)(self._fuzzy)

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

    def _fuzzy(self, word: str) -> tuple[tuple[str, int], ...]:
        k = allowed_typos(word)
        if k == 0:
            return ()
        choices: list[str] = []
        for n in range(len(word) - k, len(word) + k + 1):
            choices.extend(self.by_length.get(n, ()))
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=k, limit=6)
        # A typo rarely hits the first letter: candidates that differ there need one typo less.
        return tuple((w, int(d)) for w, d, _ in found if d > 0 and (w[0] == word[0] or d < k))

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

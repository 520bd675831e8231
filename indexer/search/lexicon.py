"""The index's own words, for matching question words that are not written as in the docs:
typos (Damerau-Levenshtein, a swap counts as one), the prefix of the word being typed, and Dutch
compound words split into or joined from the index's own words (with the linking -s-/-e-)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Container, Iterable
from typing import Any, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.search import params

LINKS = ("", "s", "e", "en")
MIN_PART = 4  # compound parts shorter than this are mostly accidents (`in`, `ter`)
K = TypeVar("K")
FUZZY_CACHE = 20_000  # question words looked up (a plain dict: no reference cycle, see indexer.memory)


def allowed_typos(word: str) -> int:
    """No typo under 4 letters, 1 from 4 letters, 2 from 8 (params.TYPO_LETTERS)."""
    one, two = params.TYPO_LETTERS
    n = len(word)
    return 0 if n < one else 1 if n < two else 2


def _refile(table: dict[K, list[str]], key: K, word: str, present: bool) -> None:
    """`word` in (or out of) the sorted list `table[key]`, a copy: the old table shares the lists."""
    words = [w for w in table.get(key, ()) if w != word]
    if present:
        bisect.insort(words, word)
    if words:
        table[key] = words
    else:
        table.pop(key, None)


def _resorted(words: list[str], changed: set[str], now: dict[str, str]) -> list[str]:
    """The sorted list `words` with the `changed` words in or out as `now` has them (a copy)."""
    if len(changed) * 64 > len(words):
        return sorted(now)
    out = list(words)
    for w in changed:
        i = bisect.bisect_left(out, w)
        there = i < len(out) and out[i] == w
        if there and w not in now:
            del out[i]
        elif not there and w in now:
            out.insert(i, w)
    return out


def near_words(word: str, by_start: dict[tuple[str, int], list[str]], starts: frozenset[str],
               known: Container[str]) -> tuple[tuple[str, int], ...]:
    """The words of `by_start` (by first letter and length; `known` holds them all, `starts`
    their first letters) within the allowed typos of `word`, closest first (at most 6). A word
    that differs in its first letter needs one typo less: only 8+ letter words reach those, and
    then by one edit at the start (found by lookup, not by comparison)."""
    k = allowed_typos(word)
    if k == 0:
        return ()
    choices: list[str] = []
    for n in range(len(word) - k, len(word) + k + 1):
        choices.extend(by_start.get((word[0], n), ()))
    found = {w: int(d) for w, d, _ in process.extract(word, choices, scorer=OSA.distance, score_cutoff=k,
                                                      limit=6) if d > 0}
    if k > 1:
        for w in first_letter_edits(word, starts, known):
            found.setdefault(w, 1)
    return tuple(sorted(found.items(), key=lambda item: (item[1], len(item[0]), item[0]))[:6])


def first_letter_edits(word: str, starts: frozenset[str], known: Container[str]) -> set[str]:
    """Known words one edit from `word` at its first letter: replaced, dropped, added, or
    swapped with the second."""
    # the words that are `word` but for their first letter (typed wrong), or `word` after one
    # (left out): looked up with each first letter a word has, not kept (a tenth of a second to
    # load at 100,000 pages)
    tail = word[1:]
    out = {w for start in starts if (w := start + tail) in known}
    out.update(w for start in starts if (w := start + word) in known)
    if tail in known:
        out.add(tail)  # a letter typed before the word
    swapped = word[1] + word[0] + word[2:]
    if swapped != word and swapped in known:
        out.add(swapped)
    return {w for w in out if w[0] != word[0]}


class Spelling:
    """Words a question's typo may be meant as besides the index's own: the vocabulary's
    (`benefits`, `critical` on a Dutch site, where they lead to `voordelen`, `kritiek`)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.by_start: dict[tuple[str, int], list[str]] = defaultdict(list)
        for w in sorted(self.words):
            self.by_start[w[0], len(w)].append(w)
        self.starts = frozenset(start for start, _ in self.by_start)

    def fuzzy(self, word: str) -> tuple[tuple[str, int], ...]:
        """Its words within the allowed typos of `word`, closest first (at most 6)."""
        return near_words(word, self.by_start, self.starts, self.words)


class Lexicon:
    """Surface words of the index with their stems, and lookups over them.

    Built from every word of the index (`__init__`), or from another lexicon and the words that
    entered and left it (`changed`: the index's journal over its base), with the same result."""

    def __init__(self, words: Iterable[str], stem: Callable[[str], str], is_term: Callable[[str], bool]) -> None:
        self.stem = stem
        self.surface: dict[str, str] = {}
        for w in words:
            s = stem(w)
            if is_term(s):
                self.surface[w] = s
        self.sorted = sorted(self.surface)
        self.stems = set(self.surface.values())
        # Typo candidates by first letter and length: a typo rarely hits the first letter, so a
        # question word is compared with the few words that start as it does, not with them all.
        self.by_start: dict[tuple[str, int], list[str]] = defaultdict(list)
        for w in self.sorted:
            self.by_start[w[0], len(w)].append(w)
        self.starts = frozenset(start for start, _ in self.by_start)  # every word's first letter
        self.compounds_of: dict[str, set[str]] = defaultdict(set)
        # the stems a word's split asked about (besides words, which are its prefixes and
        # suffixes): what tells, when the stems change, which words to split again
        self.queried: dict[str, list[str]] = defaultdict(list)
        for w in self.sorted:
            asked: list[str] = []
            parts = self.split(w, asked)
            for s in asked:
                self.queried[s].append(w)
            if parts:
                for p in parts:
                    self.compounds_of[stem(p)].add(self.surface[w])
        self._fuzzy_cache: dict[str, tuple[tuple[str, int], ...]] = {}

    def state(self) -> dict[str, Any]:
        """Everything the lookups use, as plain dicts, lists and sets (the search file stores it)."""
        return {"surface": self.surface, "sorted": self.sorted, "by_start": dict(self.by_start),
                "compounds_of": dict(self.compounds_of), "queried": dict(self.queried)}

    @classmethod
    def from_state(cls, state: dict[str, Any], stem: Callable[[str], str]) -> Lexicon:
        """The lexicon `state` describes, without working any of it out again."""
        lexicon = cls.__new__(cls)
        lexicon.stem = stem
        lexicon.surface, lexicon.sorted = state["surface"], state["sorted"]
        lexicon.stems = set(lexicon.surface.values())
        lexicon.by_start = state["by_start"]
        lexicon.starts = frozenset(start for start, _ in lexicon.by_start)
        lexicon.compounds_of, lexicon.queried = state["compounds_of"], state["queried"]
        lexicon._fuzzy_cache = {}
        return lexicon

    def changed(self, added: dict[str, str], removed: set[str]) -> Lexicon:
        """This lexicon with the surface words `added` (word -> stem) and without `removed`: the
        lexicon `__init__` would build from the words of the index now, worked out from the
        words that changed. A word's split asks only whether its prefixes and suffixes are
        words, and whether the stems it recorded in `queried` are stems: so the words split
        again are the changed ones, those they begin or end, and those that asked about a stem
        that came or went. This one is left as it was (a question may be using it)."""
        new = Lexicon.__new__(Lexicon)
        new.stem, new._fuzzy_cache = self.stem, {}
        new.surface = dict(self.surface)
        for w in removed:
            new.surface.pop(w, None)
        new.surface.update(added)
        changed = {w for w in added if w not in self.surface} | {w for w in removed if w in self.surface}
        new.stems = set(new.surface.values())
        new.sorted = self.sorted if not changed else _resorted(self.sorted, changed, new.surface)
        new.by_start = dict(self.by_start)
        for w in sorted(changed):
            _refile(new.by_start, (w[0], len(w)), w, w in new.surface)
        new.starts = frozenset(start for start, _ in new.by_start)
        stems_changed = new.stems ^ self.stems
        again = set(changed)
        if changed:
            ends = tuple(changed)
            for lexicon in (self, new):
                for c in changed:
                    again.update(lexicon._beginning_with(c))
            # the words either lexicon has are the new one's and the changed ones: one pass, in C
            again.update(w for w in new.surface if w.endswith(ends))
            again.update(w for w in changed if w.endswith(ends))
        for s in stems_changed:
            again.update(self.queried.get(s, ()))
        again = {w for w in again if w in self.surface or w in new.surface}
        new.queried = dict(self.queried)
        new.compounds_of = dict(self.compounds_of)
        before: set[tuple[str, str]] = set()
        after: set[tuple[str, str]] = set()
        for w in again:
            for lexicon, pairs in ((self, before), (new, after)):
                if w not in lexicon.surface:
                    continue
                asked: list[str] = []
                parts = lexicon.split(w, asked)
                if lexicon is self:
                    for s in asked:
                        new.queried[s] = [x for x in new.queried.get(s, ()) if x != w]
                else:
                    for s in asked:
                        bisect.insort(new.queried.setdefault(s, []), w)
                pairs.update((self.stem(p), lexicon.surface[w]) for p in parts or ())
        new.queried = {s: words for s, words in new.queried.items() if words}
        # a pair a changed word gave may still be given by another word of the same stem
        gone = before - after
        kept_by_others: set[tuple[str, str]] = set()
        if gone:
            compounds = {c for _, c in gone}
            for w, s in new.surface.items():
                if s in compounds and w not in again:
                    kept_by_others.update((self.stem(p), s) for p in new.split(w) or ())
        for part, compound in gone - kept_by_others:
            left = new.compounds_of.get(part, set()) - {compound}
            if left:
                new.compounds_of[part] = left
            else:
                new.compounds_of.pop(part, None)
        for part, compound in after - before:
            new.compounds_of[part] = new.compounds_of.get(part, set()) | {compound}
        return new

    def _beginning_with(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self.sorted, prefix)
        end = bisect.bisect_left(self.sorted, prefix + "\U0010ffff")
        return self.sorted[start:end]

    def split(self, word: str, asked: list[str] | None = None) -> tuple[str, str] | None:
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
                if len(base) < MIN_PART:
                    continue
                if base in self.surface:
                    return base, tail
                stem = self.stem(base)
                if asked is not None:
                    asked.append(stem)
                if stem in self.stems:
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
        return near_words(word, self.by_start, self.starts, self.surface)

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

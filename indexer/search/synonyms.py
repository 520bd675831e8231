"""Synonyms and Dutch/English equivalents: the general vocabulary of the site's language that
ships with faqbot (`vocabulary/<lang>.yml`), the knowledge base's own `synonyms.yml`, and the
abbreviations the pages define themselves (`*[SLA]: Service Level Agreement`, `<abbr>`).

The same files hold descriptions: how people describe a thing when they do not know its term
(`van thuis uit veilig bij het kantoornetwerk` is a VPN), as slots of words of which a question
must name two."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from indexer.warnings import Warnings

Phrase = tuple[str, ...]
DESCRIBED_BY = 2  # slots of a description a question names for it to describe the term
VOCABULARY = "vocabulary"  # package data of indexer.search: one file of general vocabulary per language
LANGUAGES = ("nl", "en")  # the languages faqbot ships a general vocabulary for
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, ten times faster, when PyYAML has it


@dataclass
class Synonyms:
    """Groups of expressions that mean the same. An expression is a word or a phrase; each is
    kept as its tuple of folded words so that questions can be matched word by word."""

    key: Callable[[str], str] = str  # how words are compared (the analyzer's stemmer)
    groups: list[list[Phrase]] = field(default_factory=list)
    digest: str = ""
    sources: list[str] = field(default_factory=list)  # the files the groups came from, in order
    by_phrase: dict[Phrase, list[int]] = field(default_factory=dict)
    by_words: dict[Phrase, list[int]] = field(default_factory=dict)  # as written, for dictionary forms
    longest: int = 1
    known: set[tuple[Phrase, ...]] = field(default_factory=set)  # every group once
    descriptions: list[Description] = field(default_factory=list)
    longest_described: int = 1  # the most words of a phrase in any description's slot
    in_slots: dict[Phrase, list[tuple[int, int]]] = field(default_factory=dict)  # -> (description, slot)
    slot_starts: set[str] = field(default_factory=set)  # the first words of the slots' phrases of more words

    def add_group(self, phrases: Iterable[Phrase]) -> None:
        """Add a group of equivalent phrases, unless the same group is there already: every page
        that defines the same abbreviation gives the same group, and a question must not pay for
        each of them."""
        group = sorted({p for p in phrases if p})
        if len(group) < 2 or tuple(group) in self.known:
            return
        self.known.add(tuple(group))
        number = len(self.groups)
        self.groups.append(group)
        for p in group:
            self.by_phrase.setdefault(tuple(self.key(w) for w in p), []).append(number)
            self.by_words.setdefault(p, []).append(number)
            self.longest = max(self.longest, len(p))

    def add_description(self, term: Phrase, slots: Iterable[Iterable[Phrase]]) -> bool:
        """Add how people describe `term`: slots of words and phrases, compared by `key`. False
        when there is no term, or fewer than DESCRIBED_BY slots that hold a word."""
        keyed = [frozenset(tuple(self.key(w) for w in p) for p in slot if p) for slot in slots]
        keyed = [slot for slot in keyed if slot]
        if not term or len(keyed) < DESCRIBED_BY:
            return False
        number = len(self.descriptions)
        self.descriptions.append(Description(term, frozenset(map(self.key, term)), tuple(keyed)))
        for n, slot in enumerate(keyed):
            for phrase in slot:
                self.in_slots.setdefault(phrase, []).append((number, n))
                self.longest_described = max(self.longest_described, len(phrase))
                if len(phrase) > 1:
                    self.slot_starts.add(phrase[0])
        return True

    def described(self, words: list[str], stop: Callable[[str], bool] = lambda word: False
                  ) -> list[tuple[Phrase, frozenset[int]]]:
        """The terms `words` describe without naming them, each with the positions of the words
        that describe it: a word or phrase of each of at least DESCRIBED_BY of a description's
        slots (compared by `key`: `afschermen` finds `afgeschermd`), each slot named by words of
        its own, and no word of its term. Words that are all `stop` words (`wie`, `wij`) name
        no slot: they are of any question; a phrase that holds one may (`op kantoor`)."""
        keys = [self.key(w) for w in words]
        named: dict[int, dict[int, list[range]]] = {}  # description -> slot -> the spans naming it
        for i, key in enumerate(keys):
            for n in range(1, min(self.longest_described if key in self.slot_starts else 1, len(keys) - i) + 1):
                hits = self.in_slots.get(tuple(keys[i:i + n]) if n > 1 else (key,))
                if hits and not all(map(stop, words[i:i + n])):
                    for number, slot in hits:
                        named.setdefault(number, {}).setdefault(slot, []).append(range(i, i + n))
        asked = set(keys)
        found = []
        for number, slots in sorted(named.items()):
            if len(slots) < DESCRIBED_BY or not self.descriptions[number].keys.isdisjoint(asked):
                continue
            # two slots named apart: `buiten kantoor` is one slot's phrase, not `kantoor`'s slot as well
            if any(set(a).isdisjoint(b) for x, y in combinations(slots.values(), 2) for a in x for b in y):
                found.append((self.descriptions[number].term,
                              frozenset(i for spans in slots.values() for span in spans for i in span)))
        return found

    def single_words(self, word: str) -> list[str]:
        """The one-word expressions that mean what `word` means (`kosten` for `cost`), itself aside."""
        groups = self.by_phrase.get((self.key(word),))
        if not groups:
            return []
        return sorted({p[0] for g in groups for p in self.groups[g] if len(p) == 1 and p[0] != word})

    def matches(self, words: list[str],
                lemmas: list[str] | None = None) -> list[tuple[int, int, frozenset[int], list[Phrase]]]:
        """(start, end, group numbers, equivalent phrases) for every expression found in `words`
        (compared by `key`, so `helpt` finds the group of `help`), longest first. With `lemmas`
        (each word's dictionary form), an expression is also found as the group writes it:
        `companies` finds the group of `company` where the site's stemmer (Dutch) does not join
        the two (compared as written: a stem of the lemma would join `korter` to `korting`)."""
        keys = [self.key(w) for w in words]
        found = []
        for start in range(len(words)):
            for end in range(min(len(words), start + self.longest), start, -1):
                groups = self.by_phrase.get(tuple(keys[start:end]))
                if not groups and lemmas:
                    groups = self.by_words.get(tuple(lemmas[start:end]))
                if groups:
                    phrase = tuple(words[start:end])
                    others = sorted({p for g in groups for p in self.groups[g] if p != phrase})
                    found.append((start, end, frozenset(groups), others))
        return found


@dataclass(frozen=True)
class Description:
    """How people describe a thing without its term: a question that names words of two of its
    slots (`thuis`, `veilig`, `kantoornetwerk`) asks about `term` (`vpn`)."""

    term: Phrase
    keys: frozenset[str]  # the term's words, compared by the synonyms' key
    slots: tuple[frozenset[Phrase], ...]


def load_synonyms(languages: tuple[str, ...], own: Path | None, split: Callable[[str], list[str]],
                  warnings: Warnings, key: Callable[[str], str] = str) -> Synonyms:
    """The general vocabulary that ships with faqbot for the site's search languages, then the
    knowledge base's own `synonyms.yml` (its products and jargon) when it has one. A broken file,
    or a language's vocabulary missing from the installation, is a warning naming the file."""
    synonyms = Synonyms(key=key)
    for language in dict.fromkeys(languages):
        resource = resources.files("indexer.search") / VOCABULARY / f"{language}.yml"
        if language in LANGUAGES and not resource.is_file():
            warnings.add(str(resource), "general vocabulary missing from this installation of faqbot")
        elif resource.is_file():
            _read_groups(synonyms, f"{VOCABULARY}/{language}.yml", resource.read_bytes(), split, warnings)
    if own is not None:
        try:
            raw = own.read_bytes()
        except FileNotFoundError:
            return synonyms  # a knowledge base need not have terms of its own
        except OSError as exc:
            warnings.add(own, f"synonyms ignored: {exc.strerror}")
            return synonyms
        _read_groups(synonyms, str(own), raw, split, warnings)
    return synonyms


@lru_cache(maxsize=8)
def _parsed(raw: bytes) -> Any:
    """A synonyms file's YAML, parsed once per process for the same bytes: the engine is compiled
    anew after every docs update, the vocabulary files seldom change (read only, never altered)."""
    return yaml.load(raw.decode("utf-8-sig"), Loader=SAFE_LOADER)


def _read_groups(synonyms: Synonyms, source: str, raw: bytes, split: Callable[[str], list[str]],
                 warnings: Warnings) -> None:
    """Add the groups of one synonyms file: a YAML list of groups (each a list of words and
    phrases), or a mapping `{groups: [...], descriptions: [...]}`, each description a mapping
    `{term: ..., slots: [[...], [...]]}`."""
    try:
        data = _parsed(raw)
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        warnings.add(source, f"synonyms ignored: {str(exc).splitlines()[0]}")
        return
    groups = (data.get("groups") or []) if isinstance(data, dict) else data
    if not isinstance(groups, list):
        warnings.add(source, "synonyms ignored: expected a list of groups")
        return
    synonyms.sources.append(source)
    synonyms.digest = hashlib.sha256(synonyms.digest.encode() + raw).hexdigest()[:16]
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, list):
            warnings.add(source, f"group {number} ignored: not a list")
            continue
        synonyms.add_group(tuple(split(str(e))) for e in group if e is not None)
    descriptions = (data.get("descriptions") or []) if isinstance(data, dict) else []
    if not isinstance(descriptions, list):
        warnings.add(source, "descriptions ignored: expected a list")
        return
    for number, description in enumerate(descriptions, start=1):
        term = description.get("term") if isinstance(description, dict) else None
        slots = description.get("slots") if isinstance(description, dict) else None
        if term is None or not isinstance(slots, list) or len(slots) < DESCRIBED_BY \
                or not all(isinstance(slot, list) for slot in slots):
            warnings.add(source, f"description {number} ignored: expected a term and {DESCRIBED_BY} or more "
                                 "slots (lists of words)")
            continue
        if not synonyms.add_description(tuple(split(str(term))),
                                        ([tuple(split(str(e))) for e in slot if e is not None] for slot in slots)):
            warnings.add(source, f"description {number} ignored: its term or {DESCRIBED_BY} of its slots have no words")

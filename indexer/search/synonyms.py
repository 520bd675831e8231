"""Synonyms and Dutch/English equivalents, from the knowledge base's `synonyms.yml`, plus the
abbreviations the pages define themselves (`*[SLA]: Service Level Agreement`, `<abbr>`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indexer.warnings import Warnings

Phrase = tuple[str, ...]


@dataclass
class Synonyms:
    """Groups of expressions that mean the same. An expression is a word or a phrase; each is
    kept as its tuple of folded words so that questions can be matched word by word."""

    key: Callable[[str], str] = str  # how words are compared (the analyzer's stemmer)
    groups: list[list[Phrase]] = field(default_factory=list)
    digest: str = ""
    source: str = ""
    by_phrase: dict[Phrase, list[int]] = field(default_factory=dict)
    longest: int = 1

    def add_group(self, phrases: Iterable[Phrase]) -> None:
        group = sorted({p for p in phrases if p})
        if len(group) < 2:
            return
        number = len(self.groups)
        self.groups.append(group)
        for p in group:
            self.by_phrase.setdefault(tuple(self.key(w) for w in p), []).append(number)
            self.longest = max(self.longest, len(p))

    def matches(self, words: list[str]) -> list[tuple[int, int, frozenset[int], list[Phrase]]]:
        """(start, end, group numbers, equivalent phrases) for every expression found in `words`
        (compared by `key`, so `helpt` finds the group of `help`), longest first."""
        keys = [self.key(w) for w in words]
        found = []
        for start in range(len(words)):
            for end in range(min(len(words), start + self.longest), start, -1):
                groups = self.by_phrase.get(tuple(keys[start:end]))
                if groups:
                    phrase = tuple(words[start:end])
                    others = sorted({p for g in groups for p in self.groups[g] if p != phrase})
                    found.append((start, end, frozenset(groups), others))
        return found


def load_synonyms(path: Path | None, split: Callable[[str], list[str]], warnings: Warnings,
                  key: Callable[[str], str] = str) -> Synonyms:
    """Read a synonyms file: a YAML list of groups (each a list of words and phrases), or a
    mapping `{groups: [...]}`. A missing or broken file gives no synonyms and a warning."""
    synonyms = Synonyms(key=key)
    if path is None:
        return synonyms
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        return synonyms
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        warnings.add(path, f"synonyms ignored: {str(exc).splitlines()[0]}")
        return synonyms
    synonyms.digest = hashlib.sha256(raw).hexdigest()[:16]
    synonyms.source = str(path)
    groups = data.get("groups") if isinstance(data, dict) else data
    if not isinstance(groups, list):
        warnings.add(path, "synonyms ignored: expected a list of groups")
        return synonyms
    for number, group in enumerate(groups, start=1):
        if not isinstance(group, list):
            warnings.add(path, f"group {number} ignored: not a list")
            continue
        synonyms.add_group(tuple(split(str(e))) for e in group if e is not None)
    return synonyms

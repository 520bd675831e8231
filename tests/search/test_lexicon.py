"""The lexicon's first-letter typos are looked up with each first letter its words have, not
kept in a map of every word's tail: the same words as that map gave."""

from __future__ import annotations

from collections import defaultdict

from indexer.search.lexicon import Lexicon, first_letter_edits

WORDS = ["netwerk", "betwerk", "etwerk", "anetwerk", "éénwerk", "1netwerk", "tnewerk", "beveiliging",
         "eveiliging", "reveiliging", "ontwerp", "netwerkbeveiliging", "x", "ab", "ba"]


def testfirst_letter_edits_are_those_of_the_tails_map():
    lexicon = Lexicon(WORDS, str, lambda _: True)
    by_tail: dict[str, list[str]] = defaultdict(list)  # what was kept before: word[1:] -> words
    for w in sorted(lexicon.surface):
        by_tail[w[1:]].append(w)
    restored = Lexicon.from_state(lexicon.state(), str)
    for word in [*(w for w in WORDS if len(w) > 1), "metwerk", "xnetwerk", "neveiliging", "tnetwerk", "zz", "éetwerk"]:
        out = set(by_tail.get(word[1:], ())) | set(by_tail.get(word, ()))
        if word[1:] in lexicon.surface:
            out.add(word[1:])
        swapped = word[1] + word[0] + word[2:]
        if swapped != word and swapped in lexicon.surface:
            out.add(swapped)
        expected = {w for w in out if w[0] != word[0]}
        assert first_letter_edits(word, lexicon.starts, lexicon.surface) == expected
        assert first_letter_edits(word, restored.starts, restored.surface) == expected
    assert "by_tail" not in lexicon.state()

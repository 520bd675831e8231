"""Text to search terms: the same analysis for pages and questions (normalise, split, drop stop
words, Dutch Snowball stem)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.search.stopwords import DUTCH, ENGLISH, STOP_WORDS

ANALYZER_VERSION = 13
_WORD = re.compile(r"[a-z0-9]+(?:[-'’.][a-z0-9]+)*")
_JOINERS = re.compile(r"[-'’.]")
_JOINED = re.compile(r"[a-z0-9][-'’.][a-z0-9]")
BREAK = "\x00"  # between the texts of `Analyzer.unit_words`: no word holds it
_WORD_OR_BREAK = re.compile(_WORD.pattern + "|" + BREAK)
TERM_CACHE = 500_000  # words whose term is remembered
# stop words that also begin words of their own making (`de-`installeren, `on`bereikbaar, `in`bound)
PREFIXES = frozenset(["de", "on", "in", "un", "a", "an", "be", "ge", "te", "er", "her", "ver", "re", "my", "no",
                      "or", "over", "onder", "door", "op", "af", "aan", "uit", "om", "mis", "out", "up", "off"])
STOP_TYPO_LETTERS = 4  # a stop word this long may be misspelt (`waht`); shorter ones have too many neighbours
MAX_WORD = 40  # longer "words" are hashes, base64 or junk: not searchable vocabulary


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character: its NFKD form without the
    combining marks (`ë` -> `e`, `ﬁ` -> `fi`)."""

    def __missing__(self, code: int) -> str:
        folded = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """Lower case without accents: `Efficiëntie` -> `efficientie`. Only the runs of non-ASCII
    characters go through the table (ASCII folds to itself): str.translate with a dict looks up
    every character."""
    text = text.lower()
    return text if text.isascii() else _NON_ASCII.sub(_fold_run, text)


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


@dataclass
class Analyzer:
    """Splits on anything that is not a letter or digit (the site's separator splits on spaces and
    hyphens; punctuation goes too), keeps hyphenated words also joined (`wi-fi` -> wi, fi, wifi),
    drops stop words and stems with Snowball (Dutch by default)."""

    language: str = "dutch"
    stop_words: frozenset[str] = field(default=STOP_WORDS)

    def __post_init__(self) -> None:
        self._stemmer = Stemmer.Stemmer(self.language)
        self._stem = lru_cache(maxsize=200_000)(self._stemmer.stemWord)
        self._terms: dict[str, str] = {}

    def words(self, text: str) -> list[str]:
        """The folded words of `text` in order, stop words included, hyphenated words split
        and also joined."""
        folded = fold(text)
        tokens = _WORD.findall(folded)
        if not _JOINED.search(folded):  # no hyphenated word: the tokens are the words
            return [t for t in tokens if len(t) <= MAX_WORD]
        return _expanded(tokens)

    def unit_words(self, texts: list[str]) -> list[str]:
        """`words` of each of `texts` in turn, each text's followed by BREAK: the same words, with
        one fold and one regex scan for them all (a page's titles, rows and paragraphs)."""
        joined = BREAK.join(texts)
        if joined.count(BREAK) >= len(texts):  # a text holding the mark itself (a NUL character): one by one
            return [w for text in texts for w in (*self.words(text), BREAK)]
        # folded text by text where there is anything to fold (a whole page through str.translate is slow)
        folded = (joined.lower() if joined.isascii() else BREAK.join(map(fold, texts))) + BREAK
        tokens = _WORD_OR_BREAK.findall(folded)
        if not _JOINED.search(folded) and (not tokens or max(map(len, tokens)) <= MAX_WORD):
            return tokens  # no hyphenated and no overlong word: the tokens are the words
        return _expanded(tokens)

    def term(self, word: str) -> str:
        """The search term of one word: its stem, "" for a stop word (cached: pages repeat words)."""
        found = self._terms.get(word)
        if found is None:
            if len(self._terms) >= TERM_CACHE:
                self._terms.clear()
            found = self._terms[word] = "" if self.is_stop(word) else self._stem(word)
        return found

    def is_stop(self, word: str) -> bool:
        return word in self.stop_words or (len(word) < 2 and not word.isdigit())

    def is_own_stop(self, word: str) -> bool:
        """A stop word of the site's language itself (`welke`, not `any`, on a Dutch site)."""
        return word in (DUTCH if self.language == "dutch" else ENGLISH)

    def stem(self, word: str) -> str:
        return self._stem(word)

    def near_stop(self, word: str) -> list[str]:
        """The stop words of four letters or more one typo (a swap counts as one) from `word`
        (`waht` -> `what`, `hoeveeel` -> `hoeveel`): shorter ones have too many neighbours."""
        if len(word) < STOP_TYPO_LETTERS - 1:
            return []
        found = process.extract(word, _long_stop_words(self.stop_words), scorer=OSA.distance, score_cutoff=1)
        return [stop for stop, _, _ in found]

    def terms(self, text: str) -> list[str]:
        """Search terms of `text`: its words without stop words, stemmed."""
        return [t for w in self.words(text) if (t := self.term(w))]


@lru_cache(maxsize=4)
def _long_stop_words(stop_words: frozenset[str]) -> list[str]:
    return sorted(w for w in stop_words if len(w) >= STOP_TYPO_LETTERS)


# A name as it is written: capitalised inside a sentence (`Intune`, `AWS`), mixed case (`OPNsense`),
# or digits and capitals together (`DS224`, `3CX`; not `24u`, `2e`, `win11`). A word after a
# sentence's end, a colon, a quote or a bullet starts something: only one after a lowercase word, a
# comma or another name is a name. In a message written in capitals or title case throughout
# (`DHCP SCOPE INSTELLEN`, `How Many Workstations Does …`), capitals say nothing: only mixed case and
# digits with capitals do.
_CAPITALISED = re.compile(r"[A-Z][\w'’]*")
_MIXED = re.compile(r"\w*[a-z]\w*[A-Z]\w*|(?=\w*\d)(?=\w*[A-Z])\w+")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_ENDS = frozenset(".!?:;\"'”’)")  # a token ending so ends what a name may follow
_OPENERS = "([{*_\"'“‘«"  # what may stand before a word's first letter


@lru_cache(maxsize=64)
def names(text: str) -> frozenset[str]:
    """The folded words of `text` written as names are written (see above). A question asks
    twice (its concepts, its evidence): remembered for the few last."""
    raws = text.split()
    if all(raw.islower() or not any(c.isalpha() for c in raw) for raw in raws):
        return frozenset()  # all in lower case: the way most chat is typed
    starts = [raw.lstrip(_OPENERS)[:1] for raw in raws]  # a word's first letter, past `(`, `*`, `"`
    words = [first for first in starts if first.isalpha()]
    capitals_say_nothing = len(words) >= 4 and sum(first.isupper() for first in words) >= 0.75 * len(words)
    found: list[str] = []
    after_word = False  # the token before is a lowercase word, a word and a comma, or a name
    for raw, first in zip(raws, starts, strict=True):
        name = False
        if not raw.islower():  # something in capitals (a lowercase word, digits or not, is no name)
            token = _EDGE.sub("", raw)
            name = bool(token) and (bool(_MIXED.fullmatch(token)) or (
                after_word and not capitals_say_nothing and bool(_CAPITALISED.fullmatch(token))))
            if name:
                found.append(token)
        after_word = raw[-1] not in _ENDS and (name or first.islower() or raw.endswith(","))
    return frozenset(fold(w) for w in found)


def _expanded(tokens: list[str]) -> list[str]:
    """Tokens as words: hyphenated (and dotted) ones split into their parts, hyphenated ones also
    joined (`wi-fi` -> wi, fi, wifi), overlong ones dropped; BREAK kept. Runs of plain words are
    copied as they are (found by `list.index`, not word by word)."""
    if tokens and max(map(len, tokens)) > MAX_WORD:
        tokens = [t for t in tokens if len(t) <= MAX_WORD]
    plain = list(map(str.isalnum, tokens))
    find = plain.index
    out: list[str] = []
    start = 0
    while True:
        try:
            i = find(False, start)
        except ValueError:
            out.extend(tokens[start:])
            return out
        out.extend(tokens[start:i])
        token = tokens[i]
        if token == BREAK:
            out.append(token)
        else:
            parts = [p for p in _JOINERS.split(token) if p]
            out.extend(parts)
            if len(parts) > 1 and "." not in token:
                out.append("".join(parts))
        start = i + 1


@lru_cache(maxsize=4)
def analyzer_for(languages: tuple[str, ...]) -> Analyzer:
    """The analyzer for the site's search languages (`nl` -> Dutch Snowball)."""
    names = {"nl": "dutch", "en": "english", "de": "german", "fr": "french", "es": "spanish"}
    language = names.get(languages[0] if languages else "nl", "dutch")
    return Analyzer(language)

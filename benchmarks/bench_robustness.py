"""Robustness to how people type, side by side: of the training questions an engine answers right
(its first section is one expected), the share it still answers right when the question is typed
otherwise. faqbot and bm25s (bench_quality.Bm25sBaseline), both knowledge bases.

    python benchmarks/bench_robustness.py

Each way of typing is one rewrite of the whole question, deterministic (a seeded random letter):
a typo in its longest word (a swap, a letter dropped, doubled, replaced, the first one replaced), a
space lost or put into a word, Slack's greetings, lead-ins and closings, a sentence about the asker
before it, capitals, accents dropped, a docs compound written in two. Only questions of one
sentence's kinds (keyword, sentence, English, compound, table row) are rewritten. These rewrites
were used to build faqbot's spelling and message rules: the figures are training evidence, not a
validation. Needs `pip install -e '.[bench]'` and ../shared.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quality import SETS, SHARED, Bm25sBaseline, open_kb

from indexer.evaluation import kind_of, load_questions
from indexer.search.lexicon import Lexicon

KINDS = ("keyword", "sentence", "answerable", "english", "row", "compound")
Rewrite = Callable[[str, bool, random.Random], str]


def _typo(kind: str) -> Rewrite:
    """A typo of `kind` in the question's longest word (of five letters or more)."""

    def rewrite(question: str, english: bool, rng: random.Random) -> str:
        words = sorted(re.findall(r"[A-Za-zÀ-ÿ]{5,}", question), key=len, reverse=True)
        if not words:
            return question
        word = words[0]
        i = rng.randrange(1, len(word) - 1)
        typed = {"swap": word[:i] + word[i + 1] + word[i] + word[i + 2:], "drop": word[:i] + word[i + 1:],
                 "double": word[:i] + word[i] + word[i:], "replace": word[:i] + rng.choice("aeiounrst") + word[i + 1:],
                 "first": rng.choice("aeiounrst") + word[1:],
                 "space": word[:len(word) // 2] + " " + word[len(word) // 2:]}[kind]
        return question.replace(word, typed, 1)

    return rewrite


def _glued(question: str, english: bool, rng: random.Random) -> str:
    """The space between its first two words lost."""
    return re.sub(r"^(\W*\w+) (\w+)", r"\1\2", question, count=1)


def _around(before: tuple[str, str], after: tuple[str, str]) -> Rewrite:
    """Words before and after the question: (Dutch, English), as the question is."""
    return lambda q, english, rng: before[english] + q + after[english]


def _accents(question: str, english: bool, rng: random.Random) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", question) if unicodedata.category(c) != "Mn")


REWRITES: dict[str, Rewrite] = {
    "typo: letters swapped": _typo("swap"),
    "typo: a letter dropped": _typo("drop"),
    "typo: a letter doubled": _typo("double"),
    "typo: a letter replaced": _typo("replace"),
    "typo: the first letter": _typo("first"),
    "a space in a word": _typo("space"),
    "a space lost": _glued,
    "greeting": _around(("hoi allemaal, ", "hi all, "), ("", "")),
    "lead-in": _around(("even een vraagje: ", "quick question: "), ("", "")),
    "thanks": _around(("", ""), (" alvast bedankt!", " thanks in advance!")),
    "greeting and signature": _around(("Goedemorgen, ik vroeg me af: ", "Good morning, I was wondering: "),
                                      (" Groetjes, Anita", " Cheers, Anita")),
    "a client's question passed on": _around(("Klant Bakkerij Janssen vraagt: ", "Our client Bakery Johnson asks: "),
                                             ("", "")),
    "who asks, before": _around(("We zijn een klein bedrijf met twaalf medewerkers in Paramaribo. ",
                                 "We are a small company with twelve employees in Paramaribo. "), ("", "")),
    "Slack emoji": _around((":wave: ", ":wave: "), (" :pray:", " :pray:")),
    "capitals": lambda q, english, rng: q.upper(),
    "accents dropped": _accents,
    "no punctuation, lower case": lambda q, english, rng: q.lower().rstrip("?.!"),
}


def compound_split(lexicon: Lexicon) -> Rewrite:
    """Each docs compound of the question written as its two words (`support ticket`)."""

    def rewrite(question: str, english: bool, rng: random.Random) -> str:
        out = []
        for word in question.split():
            parts = lexicon.split(word.strip("?.,!").lower()) if len(word) >= 8 else None
            out.append(" ".join(parts) if parts else word)
        return " ".join(out)

    return rewrite


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: ../shared not found at {SHARED}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for kb in dict.fromkeys(kb for kb, _, _ in SETS):
            index = open_kb(kb, Path(tmp))
            searcher = index.searcher
            engines = {"faqbot": searcher.ask, "bm25s": Bm25sBaseline.of(index).ask}
            questions = [(str(q["q"]), [str(e) for e in q["expect"]]) for k, path, split in SETS
                         if k == kb and split == "train" and path.is_file() for q in load_questions(path)
                         if q.get("expect") and kind_of(q) in KINDS]
            rewrites = {**REWRITES, "a compound in two words": compound_split(searcher.lexicon)}
            print(f"\n{kb}: training questions of one sentence, {len(questions)}")
            print("| typed | faqbot kept | bm25s kept |\n|---|---|---|")
            for name, rewrite in rewrites.items():
                cells = []
                for ask in engines.values():
                    kept = right = 0
                    rng = random.Random(7)
                    for question, expected in questions:
                        if not _right(ask, question, expected):
                            continue
                        typed = rewrite(question, searcher.language_of(question) == "en" or kb == "uv-docs", rng)
                        if typed == question:
                            continue
                        right += 1
                        kept += _right(ask, typed, expected)
                    cells.append(f"{kept / right:.2f} ({kept}/{right})" if right else "-")
                print(f"| {name} | {' | '.join(cells)} |")
    return 0


def _right(ask: Callable, question: str, expected: list[str]) -> bool:
    answer = ask(question)
    return bool(answer.answered and answer.results and answer.results[0].location in expected)


if __name__ == "__main__":
    raise SystemExit(main())

"""Answer quality on a question file (the format of questions-dev.yml): hit@1, hit@3, MRR@5,
"not found" given to answerable questions, abstention on questions the docs do not answer, and the
table rows shown — over the whole file and per kind of question (its `kind` field)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SHOWN_LIMIT = 600


@dataclass(frozen=True)
class Outcome:
    """What happened to one question: the rank of its first answering location (None: not in the
    top 5), whether an answer was given at all, and whether its `shows` row was shown."""

    question: str
    kind: str
    answerable: bool
    answered: bool
    rank: int | None
    shows: bool | None = None  # None: the question names no row


@dataclass
class Evaluation:
    outcomes: list[Outcome] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def answerable(self) -> int:
        return sum(o.answerable for o in self.outcomes)

    @property
    def unanswerable(self) -> int:
        return len(self.outcomes) - self.answerable

    @property
    def abstained(self) -> int:
        return sum(not o.answerable and not o.answered for o in self.outcomes)

    @property
    def false_not_found(self) -> int:
        return sum(o.answerable and not o.answered for o in self.outcomes)

    def metrics(self, kinds: Iterable[str] | None = None) -> dict[str, Any]:
        """The figures over all questions, or over the questions of `kinds`."""
        wanted = None if kinds is None else set(kinds)
        chosen = [o for o in self.outcomes if wanted is None or o.kind in wanted]
        ranked = [o for o in chosen if o.answerable]
        n = max(len(ranked), 1)
        declined = [o for o in chosen if not o.answerable]
        rows = [o for o in chosen if o.shows is not None]
        return {
            "questions": len(chosen), "answerable": len(ranked),
            "hit@1": round(sum(o.rank == 1 for o in ranked) / n, 3),
            "hit@3": round(sum(o.rank is not None and o.rank <= 3 for o in ranked) / n, 3),
            "mrr@5": round(sum(1 / o.rank for o in ranked if o.rank) / n, 3),
            "false_not_found": sum(not o.answered for o in ranked),
            "abstention": f"{sum(not o.answered for o in declined)}/{len(declined)}",
            "rows_shown": f"{sum(bool(o.shows) for o in rows)}/{len(rows)}",
        }

    def by_kind(self) -> dict[str, dict[str, Any]]:
        kinds = sorted({o.kind for o in self.outcomes})
        return {kind: self.metrics([kind]) for kind in kinds}


class QuestionFileError(ValueError):
    """A question file that is not one: not YAML, or not a list of questions; the message names the file."""


def load_questions(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise QuestionFileError(f"{path}: not valid YAML: {_yaml_problem(exc)}") from exc
    if not isinstance(data, list):
        raise QuestionFileError(f"{path}: expected a list of questions")
    return [q for q in data if isinstance(q, dict) and "q" in q]


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """A YAML error in one line: what is wrong and where (line and column, counted from 1), and
    what was being read where it began (an unclosed bracket's position)."""
    def where(text: str | None, mark: Any) -> str:
        return f"{text} at line {mark.line + 1}, column {mark.column + 1}" if text and mark is not None else text or ""

    problem = where(getattr(exc, "problem", None), getattr(exc, "problem_mark", None)) or str(exc).splitlines()[0]
    context = where(getattr(exc, "context", None), getattr(exc, "context_mark", None))
    return f"{problem} ({context})" if context else problem


def kind_of(item: dict[str, Any]) -> str:
    """The question's kind as its file names it; files without kinds: answerable or not, row or not."""
    if item.get("kind"):
        return str(item["kind"])
    return "row" if item.get("shows") else "answerable" if item.get("expect") else "out-of-scope"


def evaluate(searcher: Any, questions: list[dict[str, Any]]) -> Evaluation:
    """Run every question; a "not found" counts as a miss for the ranking metrics."""
    return evaluate_with(lambda q: searcher.ask(q, top=5), questions)


def evaluate_with(ask: Callable[[str], Any], questions: list[dict[str, Any]]) -> Evaluation:
    """Evaluate any engine whose `ask(question)` gives an `Answer` (answered, results with
    location and answer text): faqbot, or a baseline in the benchmarks."""
    ev = Evaluation()
    for item in questions:
        question = str(item["q"])
        expect = [str(e) for e in item.get("expect") or []]
        answer = ask(question)
        got = [h.location for h in answer.results] if answer.answered else []
        rank = next((i + 1 for i, loc in enumerate(got[:5]) if loc in expect), None)
        shows = None
        if expect and item.get("shows"):
            first = answer.results[0].answer if answer.answered and answer.results else ""
            shows = str(item["shows"]).lower() in first.lower() and len(first) <= SHOWN_LIMIT
            if not shows:
                ev.misses.append({"q": question, "why": f"row {item['shows']!r} not shown", "got": first[:120]})
        ev.outcomes.append(Outcome(question, kind_of(item), bool(expect), answer.answered, rank, shows))
        if not expect and answer.answered:
            ev.misses.append({"q": question, "why": "answered, but the docs do not answer it", "got": got[:1]})
        elif expect and rank != 1:
            why = ("not found" if not answer.answered
                   else f"expected at rank {rank}" if rank else "expected not in top 5")
            ev.misses.append({"q": question, "why": why, "got": [h.location for h in answer.results[:3]],
                              "expect": expect[:2]})
    return ev

"""Answer quality on a question file (the format of questions-dev.yml): hit@1, hit@3, MRR@5,
abstention on questions the docs do not answer, and the table rows shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SHOWN_LIMIT = 600


@dataclass
class Evaluation:
    answerable: int = 0
    unanswerable: int = 0
    hits1: int = 0
    hits3: int = 0
    reciprocal: float = 0.0
    abstained: int = 0
    false_not_found: int = 0
    shows: int = 0
    shown: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self) -> dict[str, Any]:
        n = max(self.answerable, 1)
        return {
            "questions": self.answerable + self.unanswerable,
            "hit@1": round(self.hits1 / n, 3), "hit@3": round(self.hits3 / n, 3),
            "mrr@5": round(self.reciprocal / n, 3),
            "abstention": f"{self.abstained}/{self.unanswerable}",
            "false_not_found": self.false_not_found, "rows_shown": f"{self.shown}/{self.shows}",
        }


def load_questions(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of questions")
    return [q for q in data if isinstance(q, dict) and "q" in q]


def evaluate(searcher: Any, questions: list[dict[str, Any]]) -> Evaluation:
    """Run every question; a "not found" counts as a miss for the ranking metrics."""
    ev = Evaluation()
    for item in questions:
        expect = [str(e) for e in item.get("expect") or []]
        answer = searcher.ask(str(item["q"]), top=5)
        got = [h.location for h in answer.results] if answer.answered else []
        if not expect:
            ev.unanswerable += 1
            if answer.answered:
                ev.misses.append({"q": item["q"], "why": "answered, but the docs do not answer it", "got": got[:1]})
            else:
                ev.abstained += 1
            continue
        ev.answerable += 1
        rank = next((i + 1 for i, loc in enumerate(got[:5]) if loc in expect), None)
        if not answer.answered:
            ev.false_not_found += 1
        if rank == 1:
            ev.hits1 += 1
        if rank and rank <= 3:
            ev.hits3 += 1
        if rank:
            ev.reciprocal += 1 / rank
        if rank != 1:
            why = ("not found" if not answer.answered
                   else f"expected at rank {rank}" if rank else "expected not in top 5")
            ev.misses.append({"q": item["q"], "why": why, "got": [h.location for h in answer.results[:3]],
                              "expect": expect[:2]})
        if item.get("shows"):
            ev.shows += 1
            first = answer.results[0].answer if answer.answered and answer.results else ""
            if str(item["shows"]).lower() in first.lower() and len(first) <= SHOWN_LIMIT:
                ev.shown += 1
            else:
                ev.misses.append({"q": item["q"], "why": f"row {item['shows']!r} not shown", "got": first[:120]})
    return ev

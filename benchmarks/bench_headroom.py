"""Where faqbot's misses are, and what better ranking or better confidence could still win: the
headroom of each on every question set, training splits pooled per knowledge base.

    python benchmarks/bench_headroom.py [--json]

Needs `pip install -e '.[bench]'` and ../shared (skips with a message without them).

Ranking: recall@k of faqbot's candidates, ranked as if every question were answered (the
confidence set aside). recall@1 is hit@1 without "not found"; recall@k is the hit@1 a perfect
re-ranking of the first k could reach. A wide gap between recall@1 and recall@10 says the right
section is found and ranked below another; a low recall@10 says it is not found at all.

Confidence: the share of answerable questions that would get "not found" if the threshold were
set to decline a given share of the out-of-scope ones (the best section's probability; a question
a rule declines counts as 0). It says whether the evidence tells the two apart: when declining 90 %
of the out-of-scope questions costs a quarter of the answerable ones, no threshold meets both
targets, and only new evidence can.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_quality import SETS, SHARED, open_kb  # noqa: E402

from indexer.evaluation import load_questions  # noqa: E402
from indexer.search import params  # noqa: E402

DEPTHS = (1, 3, 5, 10)
DECLINED = (0.7, 0.8, 0.9)


def headroom(searcher, questions: list[dict]) -> dict:
    """Recall at DEPTHS, and the "not found" share each share of DECLINED would cost."""
    ranks: list[int | None] = []
    answerable: list[float] = []
    others: list[float] = []
    threshold = params.CONFIDENCE
    for item in questions:
        expect = [str(e) for e in item.get("expect") or []]
        answer = _ranked(searcher, str(item["q"]))
        best = answer.results[0].confidence if answer.results and not answer.missing else 0.0
        (answerable if expect else others).append(best)
        if expect:
            got = [h.location for h in answer.results]
            ranks.append(next((i + 1 for i, loc in enumerate(got) if loc in expect), None))
    n = max(len(ranks), 1)
    found, declined_now = np.array(answerable), np.array(others)
    cost = {}
    for share in DECLINED:
        if declined_now.size:
            at = float(np.quantile(declined_now, share))
            cost[f"{share:.0%}"] = round(float(np.mean(found < at)) if found.size else 0.0, 3)
    return {
        "answerable": len(ranks), "out_of_scope": len(others),
        "recall": {k: round(sum(r is not None and r <= k for r in ranks) / n, 3) for k in DEPTHS},
        "declined_now": round(float(np.mean(declined_now < threshold)), 3) if declined_now.size else None,
        "not_found_now": round(float(np.mean(found < threshold)), 3) if found.size else None,
        "not_found_to_decline": cost,
    }


def _ranked(searcher, question: str):
    """The answer with every question answered (a "not found" shows only three suggestions): the
    ranking alone, the best section's confidence still worked out."""
    threshold = params.CONFIDENCE
    params.CONFIDENCE = -1.0
    try:
        return searcher.ask(question, top=max(DEPTHS))
    finally:
        params.CONFIDENCE = threshold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: ../shared not found at {SHARED}")
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kb in dict.fromkeys(kb for kb, _, _ in SETS):
            index = open_kb(kb, Path(tmp))
            for split in ("train", "validation"):
                questions = [q for k, path, s in SETS if k == kb and s == split and path.is_file()
                             for q in load_questions(path)]
                if questions:
                    rows.append({"knowledge base": kb, "split": split, **headroom(index.searcher, questions)})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print("| knowledge base | split | questions | " + " | ".join(f"recall@{k}" for k in DEPTHS)
          + " | declined now | \"not found\" now | " + " | ".join(f"\"not found\" to decline {s:.0%}" for s in DECLINED)
          + " |")
    print("|---|---|---|" + "---|" * (len(DEPTHS) + 2 + len(DECLINED)))
    for r in rows:
        cost = [f"{r['not_found_to_decline'].get(f'{s:.0%}', 0):.1%}" for s in DECLINED]
        print(f"| {r['knowledge base']} | {r['split']} | {r['answerable']} + {r['out_of_scope']} | "
              + " | ".join(f"{r['recall'][k]:.3f}" for k in DEPTHS)
              + f" | {r['declined_now']:.1%} | {r['not_found_now']:.1%} | " + " | ".join(cost) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

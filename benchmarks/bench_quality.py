"""Answer quality side by side: faqbot and bm25s (Snowball stems of the site's language, the same
sections as faqbot indexes) on every question set and knowledge base, overall and by kind.

    python benchmarks/bench_quality.py [--json]

Needs `pip install -e '.[bench]'` and ../shared. Training splits are marked: only validation
figures are evidence; bm25s never says "not found", so its false not-found is 0 by construction.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.config import DocsProject  # noqa: E402
from indexer.content import blocks_text  # noqa: E402
from indexer.evaluation import Evaluation, evaluate, evaluate_with, load_questions  # noqa: E402
from indexer.index import Index, open_index  # noqa: E402
from indexer.search.stopwords import STOP_WORDS  # noqa: E402
from indexer.warnings import Warnings  # noqa: E402

SHARED = REPO.parent / "shared"
QUESTIONS = REPO / "benchmarks" / "questions"
SETS = [  # (knowledge base, question file, split)
    ("quarkpulse-docs", SHARED / "eval" / "questions-dev.yml", "train"),
    ("quarkpulse-docs", REPO / "benchmarks" / "questions-extra.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "train.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune2.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune3.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune4.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune5.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune6.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune7.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune8.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune9.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune10.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune11.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune12.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "tune13.yml", "train"),
    ("quarkpulse-docs", QUESTIONS / "validation.yml", "validation"),
    ("uv-docs", QUESTIONS / "train-uv.yml", "train"),
    ("uv-docs", QUESTIONS / "tune-uv.yml", "train"),
    ("uv-docs", QUESTIONS / "tune-uv2.yml", "train"),
    ("uv-docs", QUESTIONS / "validation-uv.yml", "validation"),
]
STEMMERS = {"nl": "dutch", "en": "english"}


@dataclass
class Hit:
    location: str
    answer: str


@dataclass
class Answer:
    answered: bool
    results: list[Hit] = field(default_factory=list)


class Bm25sBaseline:
    """bm25s over the sections' title and text, Snowball stems, the same stop words as faqbot."""

    def __init__(self, sections: list[tuple[str, str]], language: str) -> None:
        import bm25s
        import Stemmer

        self.bm25s = bm25s
        self.stemmer = Stemmer.Stemmer(STEMMERS.get(language, "english"))
        self.stop = sorted(STOP_WORDS)
        self.locations = [loc for loc, _ in sections]
        self.retriever = bm25s.BM25()
        self.retriever.index(self._tokens([text for _, text in sections]), show_progress=False)

    @classmethod
    def of(cls, index: Index) -> Bm25sBaseline:
        """Over the sections of `index`, in its site's language."""
        sections = [(s["location"], s["title"] + "\n" + blocks_text(s["blocks"])) for _, s in index.sections()]
        return cls(sections, (index.project.get("search_lang") or ["nl"])[0])

    def _tokens(self, texts: list[str]):
        return self.bm25s.tokenize(texts, stopwords=self.stop, stemmer=self.stemmer, show_progress=False)

    def ask(self, question: str) -> Answer:
        query = self._tokens([question])
        if not query.vocab:
            return Answer(False)
        k = min(5, len(self.locations))
        ids, scores = self.retriever.retrieve(query, k=k, show_progress=False, n_threads=1)
        hits = [Hit(self.locations[int(i)], "") for i, s in zip(ids[0], scores[0], strict=True) if s > 0]
        return Answer(bool(hits), hits)


def open_kb(kb: str, folder: Path) -> Index:
    """The index of the shared corpus's knowledge base `kb`, built in `folder`."""
    project = DocsProject.load(SHARED / "corpus" / kb, Warnings())
    return open_index(project, folder / f"{kb}.idx", Warnings())[0]


def row(name: str, split: str, engine: str, ev: Evaluation) -> dict:
    return {"set": name, "split": split, "engine": engine, **ev.metrics(), "by_kind": ev.by_kind()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: ../shared not found at {SHARED}")
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        loaded: dict[str, tuple] = {}
        for kb, path, split in SETS:
            if not path.is_file():
                continue
            if kb not in loaded:
                index = open_kb(kb, Path(tmp))
                loaded[kb] = (index.searcher, Bm25sBaseline.of(index))
            searcher, baseline = loaded[kb]
            questions = load_questions(path)
            name = f"{kb}: {path.name}"
            rows.append(row(name, split, "faqbot", evaluate(searcher, questions)))
            rows.append(row(name, split, "bm25s", evaluate_with(baseline.ask, questions)))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print("| set | split | engine | hit@1 | hit@3 | MRR@5 | false not found | out of scope declined | rows |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['set']} | {r['split']} | {r['engine']} | {r['hit@1']:.2f} | {r['hit@3']:.2f} | {r['mrr@5']:.2f} "
              f"| {r['false_not_found']}/{r['answerable']} | {r['abstention']} | {r['rows_shown']} |")
    print("\nBy kind (hit@1 faqbot / bm25s, faqbot's false not found, declined):")
    for fq, bm in zip(rows[::2], rows[1::2], strict=True):
        print(f"- {fq['set']} ({fq['split']}): " + "; ".join(
            f"{kind} {m['hit@1']:.2f}/{bm['by_kind'][kind]['hit@1']:.2f}"
            + (f" nf {m['false_not_found']}" if m["answerable"] else f" declined {m['abstention']}")
            for kind, m in fq["by_kind"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

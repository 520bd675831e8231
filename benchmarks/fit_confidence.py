"""Fit faqbot's confidence model (params.CONFIDENCE_MODEL, params.CONFIDENCE) on the training
questions only, and print it in the form params.py keeps it.

    python benchmarks/fit_confidence.py

Training: questions-dev.yml and questions-extra.yml, benchmarks/questions/train.yml, tune.yml,
tune2.yml to tune13.yml (Quarkpulse, Dutch) and benchmarks/questions/train-uv.yml, tune-uv.yml and tune-uv2.yml
(uv, English). The validation splits are never read.
The model is a logistic regression (L2, Newton's method) from the evidence of each question's best
section to "the docs answer it"; the threshold is the one of least expected cost for its
probability (`cheapest`), a wrong "not found" costing params.NOT_FOUND_COST times an answer to a
question the docs lack, each counted as a share of its kind.

It also prints how the model transfers: fitted on one knowledge base's training questions alone
and applied to the other's (false "not found", declined). Nothing is set per knowledge base, so a
model that only holds on the knowledge base it was fitted on is fitted to its questions.
"""

from __future__ import annotations

import math
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
from indexer.search.engine import feature  # noqa: E402

# the training splits of the question sets bench_quality.py runs, one list for both
TRAINING = [(kb, path) for kb, path, split in SETS if split == "train"]
FEATURES = ("coverage", "title", "unknown", "unknown_share", "unknown_name", "unknown_focus")
DEV = "questions-dev.yml"  # issue 3's targets: at most one of its answerable questions "not found"
L2 = 1.0


def evidence() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each training question's evidence, whether the docs answer it, its knowledge base, and
    whether it is one of questions-dev.yml's answerable questions."""
    rows, labels, bases, dev = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        searchers = {}
        for kb, path in TRAINING:
            if kb not in searchers:
                searchers[kb] = open_kb(kb, Path(tmp)).searcher
            for item in load_questions(path):
                answer = searchers[kb].ask(str(item["q"]))
                ev = answer.results[0].evidence if answer.results else dict.fromkeys(FEATURES, 0.0)
                if ev.get("empty"):
                    continue  # no answer whatever the model says (engine.confidence)
                rows.append([feature(f, ev[f]) for f in FEATURES])
                labels.append(1.0 if item.get("expect") else 0.0)
                bases.append(kb)
                dev.append(path.name == DEV and bool(item.get("expect")))
    return np.array(rows), np.array(labels), np.array(bases), np.array(dev)


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.diag([L2] * x.shape[1] + [0.0])
    for _ in range(50):
        p = 1 / (1 + np.exp(-xb @ w))
        gradient = xb.T @ (p - y) + penalty @ w
        hessian = (xb.T * (p * (1 - p))) @ xb + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fitted(x: np.ndarray, y: np.ndarray, dev: np.ndarray | None = None
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """The model on standardised evidence (weights, mean, scale) and its cheapest threshold, of
    those that leave at most one of `dev` (questions-dev.yml's answerable ones) "not found"."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w = fit((x - mean) / scale, y)
    p = probability(x, w, mean, scale)
    below_dev = np.sort(p[dev])[1] if dev is not None and dev.sum() > 1 else 1.0
    # to two decimals as params.py keeps it, rounded down: never above the cap
    return w, mean, scale, math.floor(min(cheapest(y), below_dev) * 100) / 100


def cheapest(y: np.ndarray) -> float:
    """The threshold of least expected cost for a calibrated probability (a logistic model is, on
    the questions it was fitted on): declining an answerable question costs NOT_FOUND_COST / n1,
    answering one of the others 1 / n0 (the cost counts shares of each), so answer from
    p / (1 - p) = n1 / (NOT_FOUND_COST n0). Searching the training cost for its minimum instead gave
    a threshold anywhere on its flat bottom (0.44 to 0.59 as questions and features changed)."""
    share = float(np.mean(y))
    return share / (share + params.NOT_FOUND_COST * (1 - share))


def probability(x: np.ndarray, w: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(((x - mean) / scale) @ w[:-1] + w[-1])))


def transfer(x: np.ndarray, y: np.ndarray, bases: np.ndarray, dev: np.ndarray) -> None:
    """Fit on each knowledge base alone, apply to the other: how the model generalises."""
    for base in sorted(set(bases)):
        for other in sorted(set(bases) - {base}):
            w, mean, scale, threshold = fitted(x[bases == base], y[bases == base], dev[bases == base])
            p, yo = probability(x[bases == other], w, mean, scale), y[bases == other]
            print(f"# fitted on {base} alone (threshold {threshold:.2f}), on {other}: "
                  f"{np.mean(p[yo == 1] < threshold):.1%} answerable 'not found', "
                  f"{np.mean(p[yo == 0] < threshold):.1%} of the others declined")


def cross_validated(x: np.ndarray, y: np.ndarray, bases: np.ndarray, dev: np.ndarray,
                    folds: int = 5, seeds: int = 5) -> None:
    """K-fold cross-validation on the training questions (the model and threshold fitted on the
    other folds), per knowledge base: how a feature set does on questions it was not fitted on.
    Features are chosen by the mean over the knowledge bases of NOT_FOUND_COST × false "not found"
    + answers to questions the docs lack."""
    counts = {base: np.zeros(4) for base in sorted(set(bases))}
    for seed in range(seeds):
        fold = np.random.default_rng(seed).integers(0, folds, len(y))
        for k in range(folds):
            train, test = fold != k, fold == k
            w, mean, scale, threshold = fitted(x[train], y[train], dev[train])
            below = probability(x[test], w, mean, scale) < threshold
            for base, c in counts.items():
                mine = bases[test] == base
                answerable = mine & (y[test] == 1)
                others = mine & (y[test] == 0)
                c += [np.sum(below & answerable), answerable.sum(), np.sum(below & others), others.sum()]
    costs = []
    for base, (not_found, answerable, declined, others) in counts.items():
        costs.append(params.NOT_FOUND_COST * not_found / answerable + 1 - declined / others)
        print(f"# {folds}-fold cross-validation, {base}: {not_found / answerable:.1%} answerable 'not found', "
              f"{declined / others:.1%} of the others declined")
    print(f"# mean cost over the knowledge bases: {np.mean(costs):.3f}")


def main() -> int:
    if not SHARED.is_dir():
        print(f"needs ../shared at {SHARED}")
        return 1
    params.CONFIDENCE_MODEL = {"bias": 0.0, "features": {}}  # the evidence does not depend on the model in use
    x, y, bases, dev = evidence()
    w, mean, scale, threshold = fitted(x, y, dev)
    p = probability(x, w, mean, scale)
    print(f"# {len(y)} training questions ({int(y.sum())} answerable): at {threshold:.2f}, "
          f"{np.mean(p[y == 1] < threshold):.1%} answerable 'not found', {np.mean(p[y == 0] < threshold):.1%} "
          "of the others declined")
    print("CONFIDENCE_MODEL: dict[str, Any] = {  # fitted: python benchmarks/fit_confidence.py "
          "(weight, mean, scale per feature)")
    print(f'    "bias": {w[-1]:.3f},')
    print('    "features": {')
    for name, weight, m, s in zip(FEATURES, w[:-1], mean, scale, strict=True):
        print(f'        "{name}": ({weight:.3f}, {m:.3f}, {s:.3f}),')
    print("    },\n}")
    print(f"CONFIDENCE = {threshold:.2f}")
    transfer(x, y, bases, dev)
    cross_validated(x, y, bases, dev)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

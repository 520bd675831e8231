"""faqbot against bm25s and lunr on a synthetic knowledge base, side by side in one run.

    python benchmarks/bench_search.py [--pages 10000] [--rounds 3] [--repeat 5]

Writes a knowledge base of --pages pages made from the real ones (../shared), then runs each
engine in its own process over the same sections (those faqbot finds, which are the site's):
full index build time (best of --repeat), per-question latency (p50, p99) on the dev questions,
peak memory (RSS of a process of its own that builds once and answers; faqbot's from Markdown).
The build column is each engine indexing the same parsed sections in one process: faqbot's
analysis, packing and numeric core against bm25s's tokenizer and index and lunr's builder. faqbot's
whole build from the Markdown files (what `faqbot index --full` does, over worker processes, with
markdown-it-py's parsing, which the other two never do) is reported on a line of its own.
Also: `faqbot ask` from start to answer with the index present, on the real knowledge base.

Targets (issue #3): faqbot per question <= 2x bm25s, full build <= 3x bm25s, `faqbot ask` < 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import CORPUS, QUESTIONS, write_synthetic  # noqa: E402


def questions() -> list[str]:
    import yaml

    return [str(q["q"]) for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]


def percentiles(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 3),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 3)}


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- one engine per process ------------------------------------------------------------------------

def run_faqbot(kb: Path, _sections: Path, rounds: int, repeat: int) -> dict:
    """Two builds: from the same parsed sections the other engines get (one process, as they
    run), and from the Markdown files, as `faqbot index --full` does it (worker processes).
    With repeat 0, for memory: one build from the Markdown files, then the questions."""
    from indexer.build import page_record
    from indexer.config import DocsProject
    from indexer.files import discover, read_text
    from indexer.index import Index, open_index
    from indexer.memory import collector_paused
    from indexer.page import parse_page
    from indexer.search.analyzer import analyzer_for
    from indexer.warnings import Warnings

    project = DocsProject.load(kb)
    warnings = Warnings()
    pages = [parse_page(f, text, project, warnings) for f in discover(project.docs_dir, True, warnings)
             if (text := read_text(f.abs_path, warnings)) is not None] if repeat else []
    from_sections = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        index = Index()
        index.project = project.describe()
        analyzer = analyzer_for(project.search_lang)
        with collector_paused():  # as `faqbot index` builds
            for page in pages:
                index.pages[page.src_path] = page_record(page, analyzer, index.vocabulary)
        assert index.searcher.core.n_docs  # compiling the numeric core is part of the build
        from_sections = min(from_sections, time.perf_counter() - started)
        del index
    del pages

    index_path = kb.parent / "faqbot.idx"
    from_markdown = float("inf")
    for _ in range(max(repeat, 1)):
        index_path.unlink(missing_ok=True)  # from nothing, every time
        started = time.perf_counter()
        index, _ = open_index(project, index_path, Warnings(), full=True)
        searcher = index.searcher
        from_markdown = min(from_markdown, time.perf_counter() - started)
    qs = questions()
    times = []
    for _ in range(rounds):
        for q in qs:
            t = time.perf_counter()
            searcher.ask(q, top=5)
            times.append(time.perf_counter() - t)
    return {"build_s": round(from_sections, 3), "markdown_build_s": round(from_markdown, 3), **percentiles(times),
            "peak_mb": peak_mb()}


def _load_sections(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_bm25s(_kb: Path, sections: Path, rounds: int, repeat: int) -> dict:
    import bm25s
    import Stemmer

    from indexer.search.stopwords import STOP_WORDS

    docs = _load_sections(sections)
    stemmer = Stemmer.Stemmer("dutch")
    stop = sorted(STOP_WORDS)
    build = float("inf")
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        tokens = bm25s.tokenize([d["title"] + "\n" + d["text"] for d in docs], stopwords=stop, stemmer=stemmer,
                                show_progress=False)
        retriever = bm25s.BM25()
        retriever.index(tokens, show_progress=False)
        build = min(build, time.perf_counter() - started)
    times = []
    for _ in range(rounds):
        for q in questions():
            t = time.perf_counter()
            query = bm25s.tokenize(q, stopwords=stop, stemmer=stemmer, show_progress=False)
            if query.vocab:
                retriever.retrieve(query, k=5, show_progress=False, n_threads=1)
            times.append(time.perf_counter() - t)
    return {"build_s": round(build, 3), **percentiles(times), "peak_mb": peak_mb()}


def run_lunr(_kb: Path, sections: Path, rounds: int, repeat: int) -> dict:
    import Stemmer
    from lunr import get_default_builder
    from lunr.pipeline import Pipeline
    from lunr.stemmer import stemmer as english_stemmer
    from lunr.stop_word_filter import stop_word_filter

    dutch = Stemmer.Stemmer("dutch")

    def dutch_stemmer(token, i=None, tokens=None):  # as Material's lunr.nl does
        return token.update(lambda s, m: dutch.stemWord(s))

    Pipeline.register_function(dutch_stemmer, "dutchStemmer")
    docs = _load_sections(sections)
    build = float("inf")
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        builder = get_default_builder()
        for pipeline in (builder.pipeline, builder.search_pipeline):
            pipeline.remove(english_stemmer)
            pipeline.remove(stop_word_filter)
            pipeline.add(dutch_stemmer)
        builder.ref("location")
        builder.field("title", boost=1000)  # Material's field boosts
        builder.field("text")
        for d in docs:
            builder.add({"location": d["location"], "title": d["title"], "text": d["text"]})
        index = builder.build()
        build = min(build, time.perf_counter() - started)
    times = []
    for _ in range(rounds):
        for q in questions():
            t = time.perf_counter()
            terms = " ".join(w for w in q.replace(":", " ").replace("^", " ").replace("~", " ").split()
                             if w.strip("+-*"))
            with contextlib.suppress(Exception):  # lunr's query syntax rejects some questions
                index.search(terms)[:5]
            times.append(time.perf_counter() - t)
    return {"build_s": round(build, 3), **percentiles(times), "peak_mb": peak_mb()}


ENGINES = {"faqbot": run_faqbot, "bm25s": run_bm25s, "lunr": run_lunr}


# -- the side-by-side run --------------------------------------------------------------------------

def in_process(engine: str, kb: Path, sections: Path, rounds: int, repeat: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--engine", engine, "--kb", str(kb), "--sections",
                          str(sections), "--rounds", str(rounds), "--repeat", str(repeat)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def ask_start_to_answer(work: Path) -> float:
    """`faqbot ask` as a user runs it, index present, on the real knowledge base (best of 3)."""
    kb = work / "real"
    shutil.copytree(CORPUS, kb)
    env = {**os.environ, "FAQBOT_INDEX": str(work / "real.idx")}
    question = "wie is verantwoordelijk voor network security?"
    command = [sys.executable, "-m", "bot.cli", "ask", "--docs", str(kb), question]
    subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)  # builds the index
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="times each dev question is asked")
    parser.add_argument("--repeat", type=int, default=5, help="builds per engine; the fastest counts")
    parser.add_argument("--engines", default="faqbot,bm25s,lunr")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--kb", help=argparse.SUPPRESS)
    parser.add_argument("--sections", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(ENGINES[args.engine](Path(args.kb), Path(args.sections), args.rounds, args.repeat)))
        return 0

    with tempfile.TemporaryDirectory(prefix="faqbot-bench-") as tmp:
        work = Path(tmp)
        kb = write_synthetic(work / "kb", args.pages)
        sections = work / "sections.jsonl"
        listed = subprocess.run([sys.executable, "-m", "bot.cli", "index", "--docs", str(kb), "--index",
                                 str(work / "list.idx"), "--list"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout
        sections.write_text(listed, encoding="utf-8")
        n_sections = len(listed.splitlines())
        print(f"knowledge base: {args.pages} pages, {n_sections} sections; "
              f"{len(questions())} questions x {args.rounds} rounds; builds: best of {args.repeat}; "
              f"{os.cpu_count()} cores")
        results = {e: in_process(e, kb, sections, args.rounds, args.repeat) for e in args.engines.split(",")}
        for engine, r in results.items():  # peak memory of one build and the questions, in a process of its own
            r["peak_mb"] = in_process(engine, kb, sections, 1, 0).get("peak_mb", float("nan"))
        print(f"{'engine':8} {'build s':>9} {'p50 ms':>9} {'p99 ms':>9} {'peak MB':>9}")
        for engine, r in results.items():
            if "error" in r:
                print(f"{engine:8} error: {r['error']}")
                continue
            print(f"{engine:8} {r['build_s']:9.2f} {r['p50_ms']:9.2f} {r['p99_ms']:9.2f} {r['peak_mb']:9.1f}")
        ours, anchor = results.get("faqbot", {}), results.get("bm25s", {})
        if "build_s" in ours and "build_s" in anchor:
            print(f"faqbot / bm25s: build {ours['build_s'] / anchor['build_s']:.2f}x (target <= 3), "
                  f"p50 {ours['p50_ms'] / anchor['p50_ms']:.2f}x, p99 {ours['p99_ms'] / anchor['p99_ms']:.2f}x "
                  f"(target <= 2)")
            print(f"faqbot from the Markdown files (`faqbot index --full`, {os.cpu_count()} worker processes, "
                  f"markdown-it-py parsing included): {ours['markdown_build_s']:.2f} s, "
                  f"{ours['markdown_build_s'] / anchor['build_s']:.2f}x bm25s's build from ready text")
        print(f"faqbot ask, index present, real knowledge base: {ask_start_to_answer(work):.2f} s (target < 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

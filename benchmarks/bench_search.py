"""faqbot against bm25s, tantivy and SQLite FTS5 on a synthetic knowledge base, side by side in one run.

    python benchmarks/bench_search.py [--pages 10000] [--rounds 3] [--repeat 1] [--engines ...]

Writes a knowledge base of --pages pages made from the real ones (../shared), lists its sections
with `faqbot index --list` (the site's sections, which every engine gets), then measures what a
user waits for, each engine in processes of its own:

- build: faqbot's whole `faqbot index --full` from the Markdown files (a process of its own, wall
  time); the others index the same sections from ready text, plus the time of a plain heading
  split of the same Markdown files (read every file, cut at every heading line), which they would
  need to get sections at all. Each saves its index to disk. Best of --repeat.
- questions, in a warm process that opened the saved index: p50 / p99 / mean per question over
  the dev questions (`questions-dev.yml`) and over a hard set (every long question of our question
  sets, and every question with an abbreviation the pages define: QMS), --rounds times each.
- cold: a new process that opens the saved index and answers one question (`faqbot ask`, index
  present and up to date), wall time, best of 3.
- memory: peak RSS of the warm process. faqbot's twice: `faqbot ask`'s way (the search file mapped,
  no index read) and the running bot's (the index's summaries read to update it in place, the search
  file mapped).

bm25s is called as its users call it (one retrieve per question, no thread pool); tantivy and
FTS5 with a Dutch Snowball stemmer (tantivy) or unicode61 with diacritics folded (FTS5), their
BM25 over title and text, titles weighed more.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import QUESTIONS, write_synthetic  # noqa: E402

QUESTION_SETS = [ROOT / "benchmarks" / "questions" / "train.yml", ROOT / "benchmarks" / "questions" / "validation.yml",
                 ROOT / "benchmarks" / "questions-extra.yml", QUESTIONS]
ABBREVIATIONS = re.compile(r"\bqms\b", re.IGNORECASE)  # what the pages define (<abbr title=...>QMS</abbr>)
HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
COLD_QUESTION = "wie is verantwoordelijk voor network security?"


def dev_questions() -> list[str]:
    import yaml

    return [str(q["q"]) for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]


def hard_questions() -> list[str]:
    """Long questions and questions with an abbreviation, from every question set (each once)."""
    import yaml

    found: dict[str, None] = {}
    for path in QUESTION_SETS:
        for q in yaml.safe_load(path.read_text(encoding="utf-8")):
            text = str(q["q"])
            if q.get("kind") == "long" or ABBREVIATIONS.search(text) or len(text.split()) > 25:
                found[text] = None
    return list(found)


def timings(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"p50": round(statistics.median(ordered) * 1000, 2),
            "p99": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
            "mean": round(statistics.fmean(ordered) * 1000, 2)}


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which starts again at exec (ru_maxrss keeps the
    peak of the process it was forked from, a large parent's), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def warm(ask: Callable[[str], object], rounds: int) -> dict:
    """Per-question latency over the dev and the hard questions, and the process's peak memory."""
    out = {}
    for name, qs in (("dev", dev_questions()), ("hard", hard_questions())):
        times = []
        for _ in range(rounds):
            for q in qs:
                started = time.perf_counter()
                ask(q)
                times.append(time.perf_counter() - started)
        out[name] = timings(times)
    out["peak_mb"] = peak_mb()
    return out


def heading_split(kb: Path) -> float:
    """What getting sections costs an engine that has none: read every page, cut at headings."""
    started = time.perf_counter()
    count = 0
    for page in sorted((kb / "docs").rglob("*.md")):
        count += len(HEADING.split(page.read_text(encoding="utf-8")))
    assert count
    return time.perf_counter() - started


def load_sections(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- faqbot ---------------------------------------------------------------------------------------

def faqbot_build(kb: Path, _sections: Path, store: Path) -> None:
    index = store / "faqbot.idx"
    subprocess.run([sys.executable, "-m", "bot.cli", "index", "--full", "--docs", str(kb), "--index", str(index),
                    "--json"], cwd=ROOT, check=True, capture_output=True)


def faqbot_prepare(kb: Path, store: Path) -> None:
    """The search file, written by the first `faqbot ask` after a build (not part of the build)."""
    faqbot_cold(kb, store)


def faqbot_open(kb: Path, _sections: Path, store: Path, mode: str) -> Callable[[str], object]:
    from indexer.knowledge_base import KnowledgeBase

    knowledge = KnowledgeBase(kb, store / "faqbot.idx")
    knowledge.update(load=mode == "bot")  # the bot reads the summaries and maps; `faqbot ask` only maps
    knowledge.ask("x")  # opened (the search file mapped, or the index read) before any question is timed
    return lambda q: knowledge.ask(q, top=5)


def faqbot_cold(kb: Path, store: Path) -> None:
    subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--docs", str(kb), "--index", str(store / "faqbot.idx"),
                    COLD_QUESTION], cwd=ROOT, check=True, capture_output=True)


# -- bm25s ----------------------------------------------------------------------------------------

def _dutch() -> tuple[object, list[str]]:
    import Stemmer

    from indexer.search.stopwords import STOP_WORDS

    return Stemmer.Stemmer("dutch"), sorted(STOP_WORDS)


def bm25s_build(_kb: Path, sections: Path, store: Path) -> None:
    import bm25s

    stemmer, stop = _dutch()
    docs = load_sections(sections)
    tokens = bm25s.tokenize([d["title"] + "\n" + d["text"] for d in docs], stopwords=stop, stemmer=stemmer,
                            show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(tokens, show_progress=False)
    retriever.save(str(store / "bm25s"), corpus=[{"location": d["location"]} for d in docs])


def bm25s_open(_kb: Path, _sections: Path, store: Path, _mode: str) -> Callable[[str], object]:
    import bm25s

    stemmer, stop = _dutch()
    retriever = bm25s.BM25.load(str(store / "bm25s"), mmap=True, load_corpus=True)

    def ask(q: str) -> object:
        query = bm25s.tokenize(q, stopwords=stop, stemmer=stemmer, show_progress=False)
        if not query.vocab:
            return []
        return retriever.retrieve(query, k=5, show_progress=False, n_threads=1)

    return ask


# -- tantivy --------------------------------------------------------------------------------------

def _tantivy_index(store: Path, create: bool) -> object:
    import tantivy

    schema = tantivy.SchemaBuilder()
    schema.add_text_field("title", stored=False, tokenizer_name="nl")
    schema.add_text_field("text", stored=False, tokenizer_name="nl")
    schema.add_text_field("location", stored=True, tokenizer_name="raw")
    folder = store / "tantivy"
    folder.mkdir(exist_ok=True)
    index = tantivy.Index(schema.build(), path=str(folder), reuse=not create)
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.ascii_fold()).filter(tantivy.Filter.stemmer("dutch")).build())
    index.register_tokenizer("nl", analyzer)
    return index


def tantivy_build(_kb: Path, sections: Path, store: Path) -> None:
    import tantivy

    index = _tantivy_index(store, create=True)
    writer = index.writer()
    for d in load_sections(sections):
        writer.add_document(tantivy.Document(title=d["title"], text=d["text"], location=d["location"]))
    writer.commit()
    writer.wait_merging_threads()


def tantivy_open(_kb: Path, _sections: Path, store: Path, _mode: str) -> Callable[[str], object]:
    index = _tantivy_index(store, create=False)
    index.reload()
    searcher = index.searcher()

    def ask(q: str) -> object:
        query, _errors = index.parse_query_lenient(q, ["title", "text"], field_boosts={"title": 2.0})
        return [searcher.doc(address)["location"] for _score, address in searcher.search(query, 5).hits]

    return ask


# -- SQLite FTS5 ----------------------------------------------------------------------------------

WORD = re.compile(r"\w+")


def fts5_build(_kb: Path, sections: Path, store: Path) -> None:
    db = sqlite3.connect(store / "fts5.sqlite3")
    db.execute("CREATE VIRTUAL TABLE s USING fts5(location UNINDEXED, title, text, "
               "tokenize='unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO s VALUES (?, ?, ?)", ((d["location"], d["title"], d["text"])
                                                        for d in load_sections(sections)))
    db.commit()
    db.close()


def fts5_open(_kb: Path, _sections: Path, store: Path, _mode: str) -> Callable[[str], object]:
    db = sqlite3.connect(store / "fts5.sqlite3")

    def ask(q: str) -> object:
        words = WORD.findall(q.lower())
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        return db.execute("SELECT location FROM s WHERE s MATCH ? ORDER BY bm25(s, 0, 2.0, 1.0) LIMIT 5",
                          (match,)).fetchall()

    return ask


ENGINES: dict[str, tuple[Callable, Callable]] = {
    "faqbot": (faqbot_build, faqbot_open), "bm25s": (bm25s_build, bm25s_open),
    "tantivy": (tantivy_build, tantivy_open), "fts5": (fts5_build, fts5_open)}


# -- one engine, one step, one process ------------------------------------------------------------

def child(engine: str, step: str, kb: Path, sections: Path, store: Path, rounds: int, mode: str) -> dict:
    build, open_ = ENGINES[engine]
    if step == "build":
        started = time.perf_counter()
        build(kb, sections, store)
        return {"seconds": time.perf_counter() - started}
    if step == "cold":
        open_(kb, sections, store, mode)(COLD_QUESTION)
        return {}
    return warm(open_(kb, sections, store, mode), rounds)


def run_child(engine: str, step: str, kb: Path, sections: Path, store: Path, rounds: int = 1,
              mode: str = "") -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", engine, step, str(kb), str(sections), str(store),
                          str(rounds), mode], capture_output=True, text=True, check=False, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"{engine} {step}: {out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold(engine: str, kb: Path, sections: Path, store: Path) -> float:
    """A new process: open the saved index, answer one question (faqbot: `faqbot ask`). Best of 3."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        if engine == "faqbot":
            faqbot_cold(kb, store)
        else:
            run_child(engine, "cold", kb, sections, store)
        best = min(best, time.perf_counter() - started)
    return best


def measure(engine: str, kb: Path, sections: Path, work: Path, split_s: float, repeat: int, rounds: int) -> dict:
    store = work / engine
    builds = []
    for _ in range(repeat):
        shutil.rmtree(store, ignore_errors=True)
        store.mkdir()
        started = time.perf_counter()
        if engine == "faqbot":
            faqbot_build(kb, sections, store)
            builds.append(time.perf_counter() - started)
        else:
            run_child(engine, "build", kb, sections, store)
            builds.append(time.perf_counter() - started + split_s)
    if engine == "faqbot":
        faqbot_prepare(kb, store)
    result = {"build_s": min(builds), "disk_mb": sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 1e6,
              "cold_s": cold(engine, kb, sections, store), **run_child(engine, "warm", kb, sections, store, rounds)}
    if engine == "faqbot":
        result["bot_peak_mb"] = run_child(engine, "warm", kb, sections, store, 1, "bot")["peak_mb"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="times each question is asked")
    parser.add_argument("--repeat", type=int, default=1, help="builds per engine; the fastest counts")
    parser.add_argument("--engines", default="faqbot,bm25s,tantivy,fts5")
    parser.add_argument("--child", nargs=7, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, step, kb, sections, store, rounds, mode = args.child
        print(json.dumps(child(engine, step, Path(kb), Path(sections), Path(store), int(rounds), mode)))
        return 0

    with tempfile.TemporaryDirectory(prefix="faqbot-bench-") as tmp:
        work = Path(tmp)
        kb = write_synthetic(work / "kb", args.pages)
        sections = work / "sections.jsonl"
        with sections.open("w", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-m", "bot.cli", "index", "--docs", str(kb), "--index",
                            str(work / "list.idx"), "--list"], cwd=ROOT, stdout=out, check=True)
        n_sections = sum(1 for _ in sections.open(encoding="utf-8"))
        split_s = min(heading_split(kb) for _ in range(3))
        print(f"knowledge base: {args.pages} pages, {n_sections} sections; {len(dev_questions())} dev and "
              f"{len(hard_questions())} hard questions x {args.rounds} rounds; builds best of {args.repeat}; "
              f"heading split {split_s:.2f} s; {os.cpu_count()} cores", flush=True)
        results = {}
        for engine in args.engines.split(","):
            results[engine] = measure(engine, kb, sections, work, split_s, args.repeat, args.rounds)
            print(f"{engine}: {json.dumps(results[engine])}", flush=True)
        print()
        print("| engine | build s | dev p50 / p99 / mean ms | hard p50 / p99 / mean ms | cold s | peak MB | disk MB |")
        print("|---|---|---|---|---|---|---|")
        for engine, r in results.items():
            memory = f"{r['peak_mb']:.0f}" + (f" (bot {r['bot_peak_mb']:.0f})" if "bot_peak_mb" in r else "")
            print(f"| {engine} | {r['build_s']:.2f} | {r['dev']['p50']} / {r['dev']['p99']} / {r['dev']['mean']} | "
                  f"{r['hard']['p50']} / {r['hard']['p99']} / {r['hard']['mean']} | {r['cold_s']:.2f} | {memory} | "
                  f"{r['disk_mb']:.0f} |")
        ours = results.get("faqbot")
        for other in ("bm25s", "tantivy"):
            theirs = results.get(other)
            if ours and theirs:
                ratio = {k: ours[s][m] / theirs[s][m] for k, (s, m) in
                         {"p50": ("dev", "p50"), "p99": ("dev", "p99"), "hard": ("hard", "p99")}.items()}
                print(f"faqbot / {other}: build {ours['build_s'] / theirs['build_s']:.2f}x, "
                      f"dev p50 {ratio['p50']:.2f}x, p99 {ratio['p99']:.2f}x, hard p99 {ratio['hard']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

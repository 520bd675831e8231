"""Incremental update after editing one page of a synthetic knowledge base (default 10,000 pages).

    python benchmarks/bench_reindex.py [--pages 10000]

Measured as both front ends do it: the check walks the docs folder against the manifest and hands
the update a delta (only the folders not as the manifest has them); then the index load (base +
journal), the update's own work from the delta (parse the page, write the journal, patch the
manifest), the same in a running bot (index already in memory), and a no-change check, each
measured in this one run; then `faqbot index` as a whole process after editing one page and with
nothing changed; `faqbot ask` as a whole process after such an edit (the base's engine mapped, the
journal's pages searched as a segment beside it); and a running bot (a process of its own) that
starts, answers, is told of an edit and answers again: its times and peak memory.
Targets: issue #5 <= 0.3 s of work plus the load; issue #19 the whole process under 1 s, and memory
under 1 GB, at 100,000 pages."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import write_synthetic  # noqa: E402

from indexer import store  # noqa: E402
from indexer.config import DocsProject  # noqa: E402
from indexer.files import Walk  # noqa: E402
from indexer.index import open_index, read_index, unchanged_report  # noqa: E402
from indexer.warnings import Warnings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=5, help="one-page edits measured (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="faqbot-reindex-") as tmp:
        kb = write_synthetic(Path(tmp) / "kb", args.pages)
        index_path = Path(tmp) / "kb.idx"
        project = DocsProject.load(kb)
        pages = sorted((kb / "docs").rglob("*.md"))
        _age(pages)
        started = time.perf_counter()
        open_index(project, index_path, Warnings(), full=True)
        print(f"{args.pages} pages; full build {time.perf_counter() - started:.2f} s; "
              f"index file {index_path.stat().st_size / 1e6:.1f} MB")

        # as both front ends do it: the check walks the docs folder against the manifest, and hands the
        # update the delta (the folders not as the manifest has them)
        checks, loads, works, held_works = [], [], [], []
        held = read_index(index_path, Warnings())
        for n in range(args.edits):
            _edit(pages[n * 997 % len(pages)], n)
            walk, started = Walk(), time.perf_counter()
            assert unchanged_report(project, index_path, Warnings(), walk) is None
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            index = read_index(index_path, Warnings())  # a new process: `faqbot index` after an edit
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            _, report = open_index(project, index_path, Warnings(), reuse=index, walk=walk)
            works.append(time.perf_counter() - started)
            assert report.changed and report.unchanged == args.pages - 1, report.summary()
            held = read_index(index_path, Warnings())
            _edit(pages[(n * 997 + 13) % len(pages)], n)
            walk, started = Walk(), time.perf_counter()  # the running bot: its index is in memory already
            assert unchanged_report(project, index_path, Warnings(), walk) is None
            _, report = open_index(project, index_path, Warnings(), reuse=held, walk=walk)
            held_works.append(time.perf_counter() - started)
            assert len(report.changed) == 1, report.summary()
        journal = store.journal_path(index_path)
        print(f"after editing one page (median of {args.edits}): the check {statistics.median(checks):.3f} s "
              f"(walks the docs folder against the manifest); load {statistics.median(loads):.3f} s (base + "
              f"journal); the update from the delta {statistics.median(works):.3f} s (target <= 0.3 s); "
              f"in a running bot, check and update: {statistics.median(held_works):.3f} s; "
              f"journal {journal.stat().st_size / 1e3 if journal.exists() else 0:.0f} kB")
        started = time.perf_counter()
        report = unchanged_report(project, index_path, Warnings())
        assert report is not None
        print(f"no-change check: {time.perf_counter() - started:.3f} s (unchanged {report.unchanged})")
        processes = []
        for n in range(args.edits):
            _edit(pages[(n * 997 + 29) % len(pages)], n)
            processes.append(_faqbot_index(kb, index_path))
        print(f"`faqbot index` after editing one page, the whole process: {statistics.median(processes):.2f} s; "
              f"with nothing changed (decided from the manifest): {_faqbot_index(kb, index_path):.2f} s")
        open_index(project, index_path, Warnings(), full=True)  # a new base: its engine not compiled yet
        first, compile_peak = _faqbot_ask_peak(kb, index_path)
        asks = []
        for n in range(args.edits):
            _edit(pages[(n * 997 + 41) % len(pages)], n)
            _faqbot_index(kb, index_path)
            asks.append(_faqbot_ask(kb, index_path))
        print(f"`faqbot ask` after a full build (compiles and writes the base's engine): {first:.2f} s, "
              f"peak {compile_peak:.0f} MB; "
              f"after `faqbot index` of a one-page edit (the base mapped, a segment beside it): "
              f"{statistics.median(asks):.2f} s")
        edited = pages[4242 % len(pages)]
        running = subprocess.run([sys.executable, __file__, "--bot", str(kb), str(index_path), str(edited)],
                                 cwd=ROOT, check=True, capture_output=True, text=True)
        print(running.stdout.strip())
    return 0


def bot(kb: Path, index_path: Path, page: Path) -> None:
    """A running bot's part, in a process of its own: start (index and engine opened), answer,
    update after a one-page edit, answer again; times and the process's peak memory."""
    from bench_search import peak_mb

    from indexer.knowledge_base import KnowledgeBase

    started = time.perf_counter()
    knowledge = KnowledgeBase(kb, index_path)
    knowledge.update()
    knowledge.ask("wie is verantwoordelijk voor network security?")
    start = time.perf_counter() - started
    _edit(page, 99)
    started = time.perf_counter()
    report = knowledge.update()
    knowledge.ask("wie is verantwoordelijk voor network security?")
    edit = time.perf_counter() - started
    assert len(report.changed) == 1, report.summary()
    peak = peak_mb()
    print(f"running bot: start and first answer {start:.2f} s; a one-page edit updated and answered "
          f"{edit:.2f} s; peak memory {peak:.0f} MB")


def _faqbot_ask(kb: Path, index_path: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--docs", str(kb), "--index", str(index_path),
                    "wie is verantwoordelijk voor network security?"], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def _faqbot_ask_peak(kb: Path, index_path: Path) -> tuple[float, float]:
    """`faqbot ask` as a process, its time and its own peak memory (VmHWM, from exec on)."""
    code = ("import sys; sys.path.insert(0, 'benchmarks'); from bench_search import peak_mb; "
            "from bot.cli import main; code = main(sys.argv[1:]); print(peak_mb(), file=sys.stderr); sys.exit(code)")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code, "ask", "--docs", str(kb), "--index", str(index_path),
                          "wie is verantwoordelijk voor network security?"], cwd=ROOT, check=True, capture_output=True,
                         text=True)
    return time.perf_counter() - started, float(run.stderr.strip().splitlines()[-1])


def _faqbot_index(kb: Path, index_path: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot.cli", "index", "--docs", str(kb), "--index", str(index_path), "--json"],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def _age(pages: list[Path]) -> None:
    """Date the pages a minute back, as pages written before the index was built are."""
    then = time.time_ns() - 60_000_000_000
    for page in pages:
        os.utime(page, ns=(then, then))


def _edit(page: Path, n: int) -> None:
    page.write_text(page.read_text(encoding="utf-8") + f"\n## Nieuwe sectie {n}\n\nBewerkt.\n", encoding="utf-8")
    _age([page])  # written before the update checks it, as a saved edit is


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--bot":
        bot(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())

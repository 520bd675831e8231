"""Incremental update after editing one page of a synthetic knowledge base (default 10,000 pages).

    python benchmarks/bench_reindex.py [--pages 10000]

Reports the index load, the update's own work (find the change, parse the page, save), and a
no-change update, each measured in this one run. Target (issue #5): <= 0.3 s of work plus the load."""

from __future__ import annotations

import argparse
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
from indexer.index import Index, open_index  # noqa: E402
from indexer.warnings import Warnings  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="faqbot-reindex-") as tmp:
        kb = write_synthetic(Path(tmp) / "kb", args.pages)
        index_path = Path(tmp) / "kb.idx"
        project = DocsProject.load(kb)
        started = time.perf_counter()
        open_index(project, index_path, Warnings(), full=True)
        print(f"{args.pages} pages; full build {time.perf_counter() - started:.2f} s; "
              f"index file {index_path.stat().st_size / 1e6:.1f} MB")
        page = next((kb / "docs").rglob("*.md"))
        time.sleep(2.1)  # let the racy-mtime window of the build pass, as it would in real use
        page.write_text(page.read_text(encoding="utf-8") + "\n## Nieuwe sectie\n\nBewerkt.\n", encoding="utf-8")
        started = time.perf_counter()
        index = Index(store.load(index_path))
        load = time.perf_counter() - started
        started = time.perf_counter()
        report = index.update(project, Warnings())
        store.save(index_path, index.to_data())
        work = time.perf_counter() - started
        print(f"load {load:.3f} s; update after editing one page: {work:.3f} s of work "
              f"(changed {len(report.changed)}, unchanged {report.unchanged}); target <= 0.3 s + load")
        started = time.perf_counter()
        report = Index(store.load(index_path)).update(project, Warnings())
        print(f"no-change update: {time.perf_counter() - started - load:.3f} s of work after the load "
              f"(unchanged {report.unchanged})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

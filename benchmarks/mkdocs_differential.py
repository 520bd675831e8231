"""Deep links and titles against the real MkDocs + Material build, over many generated pages.

    python benchmarks/mkdocs_differential.py [--pages 3000] [--seed 1] [--batch 300] [--no-emoji]

Generates pages from the seed (tests/indexer/differential.py), builds them in batches with `mkdocs
build` (half with use_directory_urls, half without) and with faqbot, and prints the figures and every
location or title that differs, with its page. Exit code 1 when anything differs. Needs
`pip install -e '.[dev]'` (mkdocs, mkdocs-material, pymdown-extensions pinned); no network."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.indexer.differential import compare_with_mkdocs, generate_pages, page_source  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=300, help="pages per mkdocs build")
    parser.add_argument("--show", type=int, default=5, help="differing pages printed in full")
    parser.add_argument("--no-emoji", action="store_true", help="build without pymdownx.emoji (as uv's site)")
    args = parser.parse_args()
    started = time.perf_counter()
    pages = generate_pages(args.seed, args.pages)
    totals = {"pages": 0, "locations": 0, "location differences": 0, "title differences": 0}
    shown = 0
    for number, start in enumerate(range(0, len(pages), args.batch)):
        batch = pages[start : start + args.batch]
        use_directory_urls = number % 2 == 0
        with tempfile.TemporaryDirectory(prefix="faqbot-differential-") as tmp:
            comparison = compare_with_mkdocs(batch, Path(tmp), use_directory_urls, emoji=not args.no_emoji)
        totals["pages"] += comparison.pages
        totals["locations"] += comparison.site_locations
        totals["location differences"] += comparison.differing_locations
        totals["title differences"] += comparison.differing_titles
        for diff in comparison.differences:
            print(f"difference (use_directory_urls={use_directory_urls}): {diff}")
        for path in sorted({d.page for d in comparison.differences}):
            if shown < args.show:
                shown += 1
                print(f"--- {path}\n{page_source(batch, path)}\n---")
        print(f"batch {number + 1}: {comparison.pages} pages, {comparison.site_locations} site locations, "
              f"{len(comparison.differences)} differences", file=sys.stderr)
    identical = totals["locations"] - totals["location differences"]
    print(f"seed {args.seed}: {totals['pages']} pages, {totals['locations']} site locations; "
          f"{totals['location differences']} location differences, {totals['title differences']} title "
          f"differences ({identical / max(totals['locations'], 1):.2%} of locations identical); "
          f"{time.perf_counter() - started:.0f} s")
    return 1 if totals["location differences"] or totals["title differences"] else 0


if __name__ == "__main__":
    sys.exit(main())

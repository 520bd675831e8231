"""Start-up of faqbot on the real knowledge base with and without two pages over the limits
(100,000 headings; 50 MB), side by side in one run.

    python benchmarks/bench_limits.py [--docs ../shared/corpus/quarkpulse-docs] [--repeat 3]

Reports, for each knowledge base, the first `faqbot ask` (it builds the index) and a cold
`faqbot ask` with the index built (the bot's start-up), the fastest of --repeat runs, and the
process's peak memory. Target (issue #14): start-up under 1 s with the two pages."""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTION = "wie is verantwoordelijk voor network security?"
WORDS = ["netwerk", "beveiliging", "server", "printer", "factuur", "proxmox", "firewall", "kosten",
             "support", "klant"]


def add_pages_over_the_limits(docs: Path) -> None:
    with open(docs / "koppen.md", "w") as f:
        f.write("# Koppen\n")
        for i in range(100_000):
            f.write(f"## Kop {i} {WORDS[i % 10]}\n\ntekst {WORDS[i * 7 % 10]}\n\n")
    with open(docs / "groot.md", "w") as f:
        f.write("# Groot\n\n")
        while f.tell() < 50 * 1024 * 1024:
            f.write((" ".join(WORDS) + "\n") * 1000)


def ask(kb: Path, index: Path) -> tuple[float, float]:
    """Seconds and peak MB of one `faqbot ask` process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--docs", str(kb), "--index", str(index), QUESTION],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "corpus" / "quarkpulse-docs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.docs.is_dir():
        print(f"no knowledge base at {args.docs}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="faqbot-limits-") as tmp:
        plain, junk = Path(tmp) / "plain", Path(tmp) / "junk"
        shutil.copytree(args.docs, plain)
        shutil.copytree(args.docs, junk)
        add_pages_over_the_limits(junk / "docs")
        print(f"{'knowledge base':32} {'first ask (builds)':>20} {'start-up (cold ask)':>20} {'peak MB':>8}")
        results = {}
        for name, kb in (("real", plain), ("real + 2 pages over limits", junk)):
            first = min(ask(kb, Path(tmp) / f"{name}-{i}.idx")[0] for i in range(args.repeat))
            runs = [ask(kb, Path(tmp) / f"{name}-0.idx") for _ in range(args.repeat)]
            results[name] = min(t for t, _ in runs)
            print(f"{name:32} {first:19.2f}s {results[name]:19.2f}s {max(m for _, m in runs):8.0f}")
        plain_s, junk_s = results.values()
        print(f"start-up with the pages over the limits: {junk_s:.2f} s, {junk_s / plain_s:.2f}x the real one's")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

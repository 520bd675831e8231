"""A synthetic knowledge base of any size, made from the real pages.

Page n is real page n % 75 under its own folder, with a numbered title and a numbered paragraph,
so that every copy has its own sections, deep links and some words of its own (vocabulary grows
with the size, as a real knowledge base's does)."""

from __future__ import annotations

import shutil
from pathlib import Path

import frontmatter

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "quarkpulse-docs"
QUESTIONS = SHARED / "eval" / "questions-dev.yml"


def real_pages() -> list[tuple[Path, str]]:
    docs = CORPUS / "docs"
    if not docs.is_dir():
        raise SystemExit(f"{CORPUS} not found: the benchmark needs ../shared (see README)")
    return [(p.relative_to(docs), p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md"))]


def write_synthetic(target: Path, pages: int) -> Path:
    """Write a project (mkdocs.yml + docs/) of `pages` pages under `target`; returns target."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    docs.mkdir(parents=True)
    shutil.copy(CORPUS / "mkdocs.yml", target / "mkdocs.yml")
    sources = real_pages()
    for n in range(pages):
        path, text = sources[n % len(sources)]
        post = frontmatter.loads(text)
        if post.get("title"):
            post["title"] = f"{post['title']} {n}"
        post.content = _number_first_heading(post.content, n) + f"\n\nKenmerk kb{n:05d} variant {n % 97}.\n"
        out = docs / f"copy{n // len(sources):03d}" / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(frontmatter.dumps(post), encoding="utf-8")
    return target


def _number_first_heading(content: str, n: int) -> str:
    lines = content.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("# "):
            lines[i] = f"{line} {n}"
            break
    return "\n".join(lines)

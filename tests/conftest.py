"""Shared fixtures: small real docs projects on disk, and the real knowledge base from ../shared."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from indexer.config import DocsProject
from indexer.index import Index, open_index
from indexer.warnings import Warnings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "quarkpulse-docs"
QUESTIONS = SHARED / "eval" / "questions-dev.yml"

MKDOCS_YML = """\
site_name: Test
site_url: https://example.org/docs/
theme:
  name: material
  language: nl
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


def write_project(root: Path, pages: dict[str, str], config: str = MKDOCS_YML) -> Path:
    """An MkDocs project at `root` with `pages` (path -> Markdown, dedented) under docs/."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in pages.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def build(root: Path, warnings: Warnings | None = None) -> Index:
    warnings = warnings if warnings is not None else Warnings()
    project = DocsProject.load(root, warnings)
    index, _ = open_index(project, root / "index.idx", warnings)
    return index


def sections_of(index: Index) -> dict[str, dict]:
    return {s["location"]: s for _, s in index.sections()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the real knowledge base (skips when ../shared is absent)."""
    if not CORPUS.is_dir():
        pytest.skip(f"real knowledge base not found at {CORPUS} (../shared is not beside the project)")
    import shutil

    target = tmp_path / "kb"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the whole run (tests/postgres.py). Where it truly cannot be
    started its tests skip with the reason, loudly; in CI (`CI` set) they fail instead: there they
    must run."""
    from tests.postgres import NoServer, PostgresServer

    try:
        server = PostgresServer.start()
    except NoServer as exc:
        message = f"PostgreSQL could not be started, so its tests cannot run: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        import warnings

        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    yield server
    server.stop()

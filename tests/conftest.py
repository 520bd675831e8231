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


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `faqbot` command as README "Run in production" installs it: a wheel built from this
    checkout (`pip wheel --no-deps -w dist .`), installed with pipx (here into a temporary
    PIPX_HOME and PIPX_BIN_DIR instead of /opt/pipx and /usr/local/bin)."""
    import os
    import subprocess
    import sys

    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(REPO)],
                   check=True, capture_output=True, text=True, timeout=600)
    wheel = next((work / "dist").glob("faqbot-*.whl"))
    env = {**os.environ, "PIPX_HOME": str(work / "pipx"), "PIPX_BIN_DIR": str(work / "bin"),
           "PIPX_MAN_DIR": str(work / "man")}
    subprocess.run([sys.executable, "-m", "pipx", "install", "--python", sys.executable, str(wheel)], env=env,
                   check=True, capture_output=True, text=True, timeout=900)
    return work / "bin" / "faqbot"

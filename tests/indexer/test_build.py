"""A full build spread over worker processes gives exactly the index a one-process build gives."""

from __future__ import annotations

from indexer import build as build_module
from indexer.config import DocsProject
from indexer.index import open_index
from indexer.warnings import Warnings
from tests.conftest import write_project


def _records(root, tmp_path, name, monkeypatch, parallel_from):
    monkeypatch.setattr(build_module, "PARALLEL_FROM", parallel_from)
    warnings = Warnings()
    index, _ = open_index(DocsProject.load(root, warnings), tmp_path / name, warnings, full=True)
    pages = {p: {k: v for k, v in r.items() if k not in ("checked_ns", "stat")} for p, r in index.pages.items()}
    return pages, index.vocabulary.terms, warnings.items


def test_worker_processes_build_the_same_index(corpus, tmp_path, monkeypatch):
    (corpus / "docs" / "broken.md").write_bytes(b"\x00\x01 not a page")
    one = _records(corpus, tmp_path, "one.idx", monkeypatch, parallel_from=10_000)
    many = _records(corpus, tmp_path, "many.idx", monkeypatch, parallel_from=1)
    assert len(one[0]) == 73
    assert one == many  # same records, same term ids, same warnings (none about failed workers)


def test_a_page_warning_from_a_worker_names_the_page(tmp_path, monkeypatch):
    pages = {f"p{n}.md": f"# Pagina {n}\nTekst {n}.\n" for n in range(6)}
    pages["kapot.md"] = "---\ntitle: [unclosed\n---\n# Kapot\nToch leesbaar.\n"
    root = write_project(tmp_path / "kb", pages)
    _pages, _terms, warnings = _records(root, tmp_path, "w.idx", monkeypatch, parallel_from=1)
    assert any(file.endswith("kapot.md") for file, _reason in warnings)

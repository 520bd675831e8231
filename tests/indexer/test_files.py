"""Walking the docs folder: `discover` and `page_stats` find the same pages, with the same
warnings in the same order, as the straightforward walk they replace (kept here as the oracle)."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

import pytest

from indexer.files import MARKDOWN_EXTENSIONS, discover, is_inside, page_stats
from indexer.warnings import Warnings


def reference_discover(docs_dir: Path, warnings: Warnings) -> list[tuple[str, int, int]]:
    """The walk as it was written before it was made fast: (path, size, mtime_ns) per page."""
    root = str(docs_dir.resolve())
    found: dict[str, tuple[str, int, int]] = {}
    seen_dirs = {root}
    stack = [(root, "", False)]
    while stack:
        folder, prefix, linked = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            warnings.add(folder, f"folder skipped: {exc.strerror or exc}")
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.name.startswith(".") or rel == "templates":
                continue
            try:
                symlink = entry.is_symlink()
                if symlink and not is_inside(Path(entry.path), Path(root)):
                    warnings.add(entry.path, "skipped: symlink leads outside the docs folder")
                    continue
                if entry.is_dir():
                    real = os.path.realpath(entry.path) if symlink or linked else entry.path
                    if real not in seen_dirs:
                        seen_dirs.add(real)
                        stack.append((entry.path, rel + "/", symlink or linked))
                elif entry.is_file() and rel.lower().endswith(MARKDOWN_EXTENSIONS):
                    st = entry.stat()
                    found[rel] = (rel, st.st_size, st.st_mtime_ns)
            except OSError as exc:
                warnings.add(entry.path, f"skipped: {exc.strerror or exc}")
    pages = []
    for rel, page in sorted(found.items()):
        if posixpath.basename(posixpath.splitext(rel)[0]) == "README":
            siblings = [posixpath.join(posixpath.dirname(rel), "index" + e) for e in MARKDOWN_EXTENSIONS]
            if any(s in found for s in siblings):
                warnings.add(Path(root, rel), "skipped: index.md of the same folder takes its URL")
                continue
        pages.append(page)
    return pages


def awkward_docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    pages = ["index.md", "README.md", "a/README.md", "b/README.markdown", "b/index.MD", "c/README.md",
             "upper.MD", "x.mkd", "notes.txt", "templates.md", "templates/t.md", "sub/templates/kept.md",
             ".hidden.md", ".git/HEAD.md", "sub/.secret/page.md", "deep/er/still/page.md", "zz/last.md",
             "READMEs/README-not.md", "dir.md/inside.md"]
    for rel in pages:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"# {rel}\n")
    (docs / "a" / "index.md").write_text("# a\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# geheim\n")
    os.symlink(outside / "secret.md", docs / "link-out.md")
    os.symlink(outside / "secret.md", docs / "link-out.txt")  # not Markdown, still warned about, as before
    os.symlink(outside, docs / "dir-out")
    os.symlink(docs / "zz" / "last.md", docs / "link-in.md")  # a second name for a page: a page of its own
    os.symlink(docs / "zz", docs / "aa-alias")  # walked under this name: it sorts before zz
    os.symlink(docs / "deep", docs / "deep" / "er" / "loop")
    os.symlink(docs / "missing.md", docs / "dangling.md")
    os.mkfifo(docs / "fifo.md")
    return docs


def test_the_walk_finds_what_the_straightforward_walk_found_with_the_same_warnings(tmp_path):
    docs = awkward_docs(tmp_path)
    expected_warnings = Warnings()
    expected = reference_discover(docs, expected_warnings)

    warnings = Warnings()
    found = [(f.src_path, f.size, f.mtime_ns) for f in discover(docs, True, warnings)]
    assert found == expected
    assert warnings.items == expected_warnings.items

    stat_warnings = Warnings()
    stats = page_stats(docs, stat_warnings)
    assert sorted((rel, size, mtime) for rel, (size, mtime) in stats.items()) == expected
    assert stat_warnings.items == expected_warnings.items

    paths = [rel for rel, _, _ in found]
    assert "README.md" not in paths and "c/README.md" in paths
    assert "b/README.markdown" in paths  # index.MD is no index.md to this rule (case counts, as before)
    assert "a/README.md" not in paths and "READMEs/README-not.md" in paths
    assert {"upper.MD", "x.mkd", "templates.md", "sub/templates/kept.md", "dir.md/inside.md"} <= set(paths)
    assert "link-in.md" in paths and "aa-alias/last.md" in paths and "zz/last.md" not in paths
    assert not [p for p in paths if "templates/t" in p or "hidden" in p or "secret" in p or "HEAD" in p]
    assert not [p for p in paths if "fifo" in p or "dangling" in p or "link-out" in p or p.endswith(".txt")]
    reasons = [(Path(file).name, reason) for file, reason in warnings.items]
    assert ("link-out.md", "skipped: symlink leads outside the docs folder") in reasons
    assert ("link-out.txt", "skipped: symlink leads outside the docs folder") in reasons
    assert ("dir-out", "skipped: symlink leads outside the docs folder") in reasons
    assert ("README.md", "skipped: index.md of the same folder takes its URL") in reasons


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_is_warned_about_as_before(tmp_path):
    docs = awkward_docs(tmp_path)
    (docs / "sub").chmod(0)
    try:
        expected_warnings = Warnings()
        expected = reference_discover(docs, expected_warnings)
        warnings = Warnings()
        assert [(f.src_path, f.size, f.mtime_ns) for f in discover(docs, True, warnings)] == expected
        assert warnings.items == expected_warnings.items
        assert any("folder skipped" in reason for _, reason in warnings.items)
    finally:
        (docs / "sub").chmod(0o755)


def test_page_stats_is_what_the_manifest_compares(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n")
    st = (docs / "a.md").stat()
    assert page_stats(docs, Warnings()) == {"a.md": [st.st_size, st.st_mtime_ns]}

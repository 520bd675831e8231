"""The no-change check trusts folders' listings from the last walk (git's untracked cache): a
folder whose own mtime, ctime and inode are unchanged is not listed again, only its pages are
`stat`ed. Where it answers, it answers exactly as the full walk does: the same pages, sizes,
times and warnings, in the same order (`reference_discover`, the straightforward walk, is the
oracle). Real files in tmp_path, their times set with os.utime: no sleeps."""

from __future__ import annotations

import os
import time
from array import array
from pathlib import Path

import pytest

import indexer.files
import indexer.index
from indexer import store
from indexer.config import DocsProject
from indexer.files import BINARY, Expected, Listings, Walk, page_stats
from indexer.index import _expectations, open_index, unchanged_report
from indexer.warnings import Warnings
from tests.conftest import write_project
from tests.indexer.test_files import reference_discover

PAGES = ["index.md", "README.txt", "a/index.md", "a/one.md", "a/two.md", "a/deeper/three.md", "b/four.md",
         "b/README.md", "c/index.md", "c/sub/five.md", "c/sub/six.markdown", "empty/notes.txt"]


def _age(root: Path, seconds: int = 60) -> None:
    """Every file and folder under `root` (and root) last changed `seconds` ago: not racily clean.
    Folders after their contents (setting a file's time leaves its folder's alone anyway)."""
    then = time.time_ns() - seconds * 1_000_000_000
    for folder, _, files in os.walk(root, topdown=False):
        for name in files:
            os.utime(os.path.join(folder, name), ns=(then, then), follow_symlinks=False)
        os.utime(folder, ns=(then, then))


@pytest.fixture
def docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    for rel in PAGES:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"# {rel}\n")
    _age(docs)
    return docs


def _record(docs: Path) -> Listings:
    listings = Listings()
    page_stats(docs, Warnings(), None, listings)
    return Listings(listings.state())  # as the manifest keeps them


def _listed_again(monkeypatch) -> list[str]:
    """The folders `os.scandir` lists from now on (in indexer.files)."""
    listed: list[str] = []
    real = os.scandir

    def scandir(path):
        listed.append(str(path))
        return real(path)

    monkeypatch.setattr(indexer.files.os, "scandir", scandir)
    return listed


def _same_as_the_full_walk(docs: Path, known: Listings, before: dict[str, list[int]] | None = None
                           ) -> dict[str, list[int]]:
    """page_stats given `known` (and expecting the pages as `before`, when given) finds what the
    straightforward walk finds; what it passes on is what a full walk records."""
    expected_warnings, warnings = Warnings(), Warnings()
    expected = reference_discover(docs, expected_warnings)
    listings = Listings()
    if before is not None:
        state = _expectations(known.state(), before.get, {}, len(before))
        # the listings cover every page: a folder not as expected leaves the others expected (a delta)
        delta, delta_warnings, delta_listings = Expected(state, len(before)), Warnings(), Listings()
        found = page_stats(docs, delta_warnings, known, delta_listings, delta)
        assert not delta.held and delta.gone is not None and delta.covers == state["covers"] is True
        scope = set(found) | set(delta.gone)
        whole = {rel: stat for rel, stat in before.items() if rel not in scope} | found
        assert sorted((rel, size, mtime) for rel, (size, mtime) in whole.items()) == expected
        assert delta_warnings.items == expected_warnings.items
        assert set(found) < set(whole) or not before  # only the folders not as expected
        # not knowing that they do, the walk gives up at the first difference: the full walk's result
        expect = Expected({**state, "covers": False}, len(before))
        stats = page_stats(docs, warnings, known, listings, expect)
        assert not expect.held and expect.gone is None
        full = Listings()
        page_stats(docs, Warnings(), None, full)
        assert _as_dict(delta_listings) == _as_dict(full)
    else:
        stats = page_stats(docs, warnings, known, listings)
        assert list(stats) == list(page_stats(docs, Warnings()))  # the same walk order, too
    assert sorted((rel, size, mtime) for rel, (size, mtime) in stats.items()) == expected
    assert warnings.items == expected_warnings.items
    full = Listings()
    page_stats(docs, Warnings(), None, full)
    assert _as_dict(listings) == _as_dict(full)  # what it passes on is what a full walk records
    return stats


def _as_dict(listings: Listings) -> dict[str, tuple]:
    state = listings.state()
    return {prefix: (state["pages"][i], state["folders"][i]) for i, prefix in enumerate(state["prefixes"])}


def test_an_unchanged_folder_is_not_listed_again(docs, monkeypatch):
    known = _record(docs)
    assert set(_as_dict(known)) == {"", "a/", "a/deeper/", "b/", "c/", "c/sub/", "empty/"}
    assert _as_dict(known)["a/"] == ("index.md\0one.md\0two.md", "deeper")
    _same_as_the_full_walk(docs, known)
    listed = _listed_again(monkeypatch)
    page_stats(docs, Warnings(), known, Listings())
    assert listed == []


def test_a_page_edited_in_place_is_seen_by_its_own_time(docs):
    known = _record(docs)
    before = page_stats(docs, Warnings())
    page = docs / "a" / "deeper" / "three.md"
    page.write_text("# three, longer now\n")
    _same_as_the_full_walk(docs, known, before)
    stats = _same_as_the_full_walk(docs, known)
    assert stats["a/deeper/three.md"] == [page.stat().st_size, page.stat().st_mtime_ns]


@pytest.mark.parametrize("change", ["add", "remove", "rename", "new subfolder", "symlink", "hidden file",
                                    "readme beside index", "page becomes folder", "folder removed"])
def test_a_changed_folder_is_listed_again(docs, monkeypatch, change):
    known = _record(docs)
    before = page_stats(docs, Warnings())
    sub = docs / "c" / "sub"
    if change == "add":
        (sub / "seven.md").write_text("# seven\n")
    elif change == "remove":
        (sub / "five.md").unlink()
    elif change == "rename":
        (sub / "five.md").rename(sub / "vijf.md")
    elif change == "new subfolder":
        (sub / "new").mkdir()
        (sub / "new" / "eight.md").write_text("# eight\n")
    elif change == "symlink":
        os.symlink(docs / "a" / "one.md", sub / "alias.md")
        os.symlink(docs / "a", sub / "a-alias")
    elif change == "hidden file":
        (sub / ".five.md.swp").write_text("editor")
    elif change == "readme beside index":
        (docs / "c" / "README.md").write_text("# readme\n")
    elif change == "page becomes folder":
        (sub / "five.md").unlink()
        (sub / "five.md").mkdir()
        (sub / "five.md" / "nine.md").write_text("# nine\n")
    else:
        for page in (docs / "a" / "deeper").iterdir():
            page.unlink()
        (docs / "a" / "deeper").rmdir()
    stats = _same_as_the_full_walk(docs, known)
    _same_as_the_full_walk(docs, known, before)  # expecting the pages as they were: gives up, the same walk
    listed = _listed_again(monkeypatch)
    page_stats(docs, Warnings(), known, Listings())
    changed = str(docs / "c") if change == "readme beside index" else str(docs / "a") if change == "folder removed" \
        else str(sub)
    assert changed in listed
    assert str(docs / "b") not in listed and str(docs.resolve()) not in listed
    if change == "hidden file":
        assert "c/sub/five.md" in stats
    if change == "symlink":
        assert "c/sub/alias.md" in stats and "c/sub/a-alias/one.md" not in stats  # a/ is walked as a/


def test_a_folder_holding_a_symlink_or_warned_about_is_never_trusted(docs, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# secret\n")
    os.symlink(outside / "secret.md", docs / "b" / "out.md")
    os.symlink(docs / "c", docs / "a" / "c-alias")
    _age(docs)
    known = _record(docs)
    assert set(_as_dict(known)) == {"", "a/deeper/", "c/", "c/sub/", "empty/"}  # not a/, b/, nor c-alias/'s
    (outside / "secret.md").write_text("# changed outside\n")
    os.unlink(docs / "b" / "out.md")
    os.symlink(docs / "a" / "one.md", docs / "b" / "out.md")  # b/ now inside: its own time says so
    _same_as_the_full_walk(docs, known)


def test_a_recently_changed_folder_is_not_trusted_yet(docs):
    (docs / "b" / "new.md").write_text("# new\n")  # b/ changed now: within the racy margin
    known = _record(docs)
    assert "b/" not in _as_dict(known) and "a/" in _as_dict(known)


def test_a_folder_replaced_by_another_is_listed_again(docs, monkeypatch):
    known = _record(docs)
    then = (docs / "b").stat().st_mtime_ns
    (docs / "b").rename(docs / "b-old")
    (docs / "b").mkdir()
    (docs / "b" / "other.md").write_text("# other\n")
    os.utime(docs / "b", ns=(then, then))  # the same time as the old b/, another inode
    os.utime(docs, ns=(then, then))
    _same_as_the_full_walk(docs, known)
    listed = _listed_again(monkeypatch)
    page_stats(docs, Warnings(), known, Listings())
    assert str(docs / "b") in listed


def test_the_check_decides_from_the_listings_and_an_old_manifest_is_not_used(tmp_path, monkeypatch):
    root = write_project(tmp_path / "kb", {"index.md": "# Start\n", "a/one.md": "# One\n", "a/b/two.md": "# Two\n"})
    _age(root / "docs")
    project = DocsProject.load(root)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    manifest, _ = store.load(store.manifest_path(path))
    assert set(manifest["folders"]["prefixes"]) == {"", "a/", "a/b/"}
    listed = _listed_again(monkeypatch)
    assert unchanged_report(project, path, Warnings()).unchanged == 3
    assert listed == []
    (root / "docs" / "a" / ".one.md.swp").write_text("editor")  # a/ listed again: no page changed
    assert unchanged_report(project, path, Warnings()).unchanged == 3
    assert listed == [str(root / "docs" / "a")]
    (root / "docs" / "a" / "b" / "three.md").write_text("# Three\n")
    assert unchanged_report(project, path, Warnings()) is None

    # a manifest of the format before (a dict per page, no listings) is not used; the update writes a current one
    (root / "docs" / "a" / "b" / "three.md").unlink()
    old = {"schema": manifest["record_schema"], "settings": manifest["settings"], "stamp": manifest["stamp"],
           "sections": manifest["sections"],
           "pages": {p: {"stat": [0, 0], "checked_ns": 0, "includes": {}} for p in manifest["paths"]}}
    store.save(store.manifest_path(path), old)
    assert unchanged_report(project, path, Warnings()) is None
    _, report = open_index(project, path, Warnings())
    assert report is not None and report.unchanged == 3 and not report.saved
    assert unchanged_report(project, path, Warnings()).unchanged == 3


def test_listings_of_docs_written_just_before_the_index_are_kept_by_the_next_check(tmp_path, monkeypatch):
    root = write_project(tmp_path / "kb", {"index.md": "# Start\n", "a/one.md": "# One\n", "a/b/two.md": "# Two\n"})
    then = time.time_ns() - 60_000_000_000
    for page in ("index.md", "a/one.md", "a/b/two.md"):
        os.utime(root / "docs" / page, ns=(then, then))  # the pages are old, their folders just made
    project = DocsProject.load(root)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    manifest, _ = store.load(store.manifest_path(path))
    assert manifest["folders"]["prefixes"] == []  # within the racy margin: not trusted
    for folder in ("docs/a/b", "docs/a", "docs"):
        os.utime(root / folder, ns=(then, then))  # now they are old too
    assert unchanged_report(project, path, Warnings()).unchanged == 3  # listed them all: keeps their listings
    manifest, _ = store.load(store.manifest_path(path))
    assert set(manifest["folders"]["prefixes"]) == {"", "a/", "a/b/"}
    listed = _listed_again(monkeypatch)
    assert unchanged_report(project, path, Warnings()).unchanged == 3
    assert listed == []


KB = {"index.md": "# Start\n", "README.md": "# Readme\n", "a/one.md": "# One\n", "a/two.md": "# Two\n",
      "a/b/three.md": "# Three\n", "c/index.md": "# C\n", "c/README.md": "# C readme\n", "d/README.md": "# D\n"}


def _indexed_kb(tmp_path: Path) -> tuple[Path, DocsProject, Path]:
    """`KB` written and aged, indexed: its docs folder, project and index path."""
    root = write_project(tmp_path / "kb", KB)
    _age(root / "docs")
    project = DocsProject.load(root)
    path = tmp_path / "kb.idx"
    open_index(project, path, Warnings())
    return root / "docs", project, path


def _change_kb(docs: Path, change: str | None) -> None:
    """One change to the docs folder of `KB`."""
    sub = docs / "a" / "b"
    if change in ("edit", "racy edit", "two edits"):
        (sub / "three.md").write_text("# Drie\n")  # a new time
        if change == "two edits":
            (docs / "a" / "one.md").write_text("# Een\n")
    elif change == "touch":
        os.utime(sub / "three.md", ns=(time.time_ns() - 30_000_000_000,) * 2)
    elif change == "add":
        (sub / "four.md").write_text("# Four\n")
    elif change == "remove":
        (sub / "three.md").unlink()
    elif change == "rename":
        (sub / "three.md").rename(sub / "drie.md")
    elif change == "new subfolder":
        (sub / "e").mkdir()
        (sub / "e" / "five.md").write_text("# Five\n")
    elif change == "folder removed":
        (sub / "three.md").unlink()
        sub.rmdir()
    elif change == "symlink":
        os.symlink(docs / "a" / "one.md", sub / "alias.md")
    elif change == "hidden file":
        (sub / ".three.md.swp").write_text("editor")
    elif change == "readme beside index":
        (docs / "d" / "index.md").write_text("# D index\n")
    elif change == "readme removed":
        (docs / "c" / "README.md").unlink()
    elif change == "index removed":
        (docs / "c" / "index.md").unlink()
    elif change == "not a page any more":
        (sub / "three.md").write_bytes(b"\x00binary")


@pytest.mark.parametrize("change", [None, "edit", "touch", "add", "remove", "rename", "new subfolder", "symlink",
                                    "hidden file", "readme beside index", "readme removed", "index removed"])
def test_the_check_decides_as_the_full_walk_and_comparison_would(tmp_path, monkeypatch, change):
    docs, project, path = _indexed_kb(tmp_path)
    manifest, _ = store.load(store.manifest_path(path))
    assert all(e is not None for e in manifest["expect"]) and manifest["expect"]["covers"]
    indexed = sorted(zip(manifest["paths"], *[iter(array("q", manifest["stats"]))] * 2, strict=True))
    _change_kb(docs, change)
    expected_warnings = Warnings()
    unchanged = reference_discover(docs, expected_warnings) == indexed  # the oracle: full walk, then compare
    listed = _listed_again(monkeypatch)
    built: list[int] = []
    real = indexer.index.page_stats

    def page_stats(*args):
        stats = real(*args)
        built.append(len(stats))
        return stats

    monkeypatch.setattr(indexer.index, "page_stats", page_stats)
    warnings, walk = Warnings(), Walk()
    report = unchanged_report(project, path, warnings, walk)
    assert (report is not None) == unchanged
    if unchanged:
        assert warnings.items == expected_warnings.items  # the README rule's, as the full walk gives them
        assert ("README.md", "skipped: index.md of the same folder takes its URL") in \
            [(Path(f).name, r) for f, r in warnings.items]
    else:  # what the update then uses is a delta: with the manifest's other pages, the full walk's
        assert walk.gone is not None and walk.stats is not None
        scope = set(walk.stats) | set(walk.gone)
        whole = [(rel, size, mtime) for rel, size, mtime in indexed if rel not in scope]
        whole += [(rel, size, mtime) for rel, (size, mtime) in walk.stats.items()]
        assert sorted(whole) == reference_discover(docs, Warnings())
        assert walk.warnings.items == expected_warnings.items
        assert "index.md" not in walk.stats  # the folders found as listed are not in it
    if change is None:
        assert listed == [] and built == [0]  # decided from the listings alone, no walk's result built


def _manifest_as_walked(path: Path) -> dict:
    """A manifest's content, its listings and their expectations by folder (order aside), its stamp and
    when its pages were read left out."""
    manifest, _ = store.load(store.manifest_path(path))
    folders, expect = manifest.pop("folders"), manifest.pop("expect")
    values, starts, ends = (array("q", expect[key]).tolist() for key in ("values", "starts", "ends"))
    manifest.pop("stamp")
    manifest["special"] = {rel: {**state, "checked_ns": None} for rel, state in manifest["special"].items()}
    manifest["covers"] = expect["covers"]
    manifest["listings"] = {
        prefix: (folders["pages"][i], folders["folders"][i], array("q", folders["stats"])[3 * i:3 * i + 3].tolist(),
                 values[starts[i]:ends[i]] if starts[i] >= 0 else None)
        for i, prefix in enumerate(folders["prefixes"])}
    return manifest


@pytest.mark.parametrize("change", ["edit", "racy edit", "two edits", "add", "remove", "rename", "new subfolder",
                                    "folder removed", "readme beside index", "index removed", "not a page any more"])
def test_an_update_from_a_delta_walk_is_the_update_from_a_full_walk(tmp_path, change):
    """The check hands the update only the folders not as the manifest has them (a delta); the
    update and the manifest it patches are exactly what an update walking the whole folder makes."""
    docs, project, path = _indexed_kb(tmp_path)
    twin = tmp_path / "twin.idx"  # the same index files, updated after a full walk
    for name in (path.name, path.name + ".manifest"):
        (tmp_path / name.replace("kb", "twin")).write_bytes((tmp_path / name).read_bytes())
    _change_kb(docs, change)
    then = time.time_ns() - 30_000_000_000  # the changed pages not racily clean (their folders may be)
    for page in docs.rglob("*.md") if change != "racy edit" else ():
        if page.stat().st_mtime_ns > then:
            os.utime(page, ns=(then, then))

    walk = Walk()
    assert unchanged_report(project, path, Warnings(), walk) is None
    assert walk.gone is not None  # a delta
    delta_warnings, full_warnings = Warnings(), Warnings()
    index, report = open_index(project, path, delta_warnings, walk=walk)
    assert index.manifest_delta is not None
    twin_index, twin_report = open_index(project, twin, full_warnings)
    assert twin_index.manifest_delta is None
    assert report is not None and twin_report is not None
    assert (report.added, report.changed, report.removed, report.unchanged, report.pages, report.sections) == \
        (twin_report.added, twin_report.changed, twin_report.removed, twin_report.unchanged, twin_report.pages,
         twin_report.sections)
    assert report.added or report.changed or report.removed
    assert delta_warnings.items == full_warnings.items

    def summaries(index):  # read at other moments: what differs is only when
        return {rel: {**summary, "checked_ns": None} for rel, summary in index.pages.summaries().items()}
    assert summaries(index) == summaries(twin_index)
    assert _manifest_as_walked(path) == _manifest_as_walked(twin)
    # the patched manifest tells nothing changed (a page left out as binary too, by its size and
    # time, told again; a racily clean one is told by its content)
    again, twin_again = Warnings(), Warnings()
    assert unchanged_report(project, path, again) is not None
    assert unchanged_report(project, twin, twin_again) is not None
    assert again.items == twin_again.items
    assert any(reason == BINARY for _, reason in again.items) == (change == "not a page any more")

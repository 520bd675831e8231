"""Bad input: a clear warning naming the file, the rest indexed, exit 0, never a traceback."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import QUESTIONS, REPO, build, write_project


def run_index(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "index", "--docs", str(root), "--index", str(root / "i.idx"), *extra],
        capture_output=True, text=True, timeout=120)


def test_broken_pages_are_skipped_or_read_best_effort(tmp_path):
    root = write_project(tmp_path / "p", {"good.md": "# Good\nTekst.\n"})
    docs = root / "docs"
    (docs / "binary.md").write_bytes(b"\x89PNG\x00\x00\x01binary")
    (docs / "latin.md").write_bytes("# Café\nZürich één\n".encode("cp1252"))
    (docs / "bom.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: Bom\r\n---\r\n# Bom kop\r\nregel\r\n")
    (docs / "broken-fm.md").write_text("---\ntitle: [unclosed\n---\n# Body survives\n")
    (docs / "boost.md").write_text("---\nsearch:\n  boost: veel\n---\n# Boost\n")
    (docs / "negative.md").write_text("---\nsearch:\n  boost: -4\n---\n# Negative\n")
    (docs / "deep.md").write_text("# Deep\n" + ">" * 5000 + " x\n" + "[" * 20000 + "\n" + "- " * 3000 + "y\n")
    (docs / "huge.md").write_text("# Huge\n" + ("woord " * 20 + "\n") * 400_000)
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\nGEHEIM\n")
    os.symlink(outside, docs / "link.md")
    os.symlink(tmp_path, docs / "linkdir")

    run = run_index(root, "--json")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    err = run.stderr
    assert "binary.md: skipped: binary file" in err
    assert "latin.md: not UTF-8" in err
    assert "broken-fm.md: front matter is not valid YAML" in err
    assert "boost.md: search.boost 'veel'" in err
    assert "negative.md: search.boost -4" in err
    assert "link.md: skipped: symlink leads outside" in err
    assert "linkdir: skipped: symlink leads outside" in err
    assert "huge.md: larger than" in err
    assert json.loads(run.stdout)["pages"] == 8  # binary.md and link.md are not pages

    listing = [json.loads(line) for line in run_index(root, "--list").stdout.splitlines()]
    by_location = {e["location"]: e for e in listing}
    assert by_location["latin/"]["title"] == "Café" and "Zürich één" in by_location["latin/"]["text"]
    assert by_location["bom/"]["title"] == "Bom kop" and by_location["bom/"]["text"] == "regel"
    # MkDocs shows front matter that is not YAML as text: a rule, and the line above the closing `---`
    # as a heading; the page is named after its file
    assert by_location["broken-fm/"]["title"] == "Broken fm"
    assert by_location["broken-fm/#title-unclosed"]["title"] == "title: [unclosed"
    assert by_location["broken-fm/#body-survives"]["title"] == "Body survives"
    assert by_location["boost/"]["boost"] == 1 and by_location["negative/"]["boost"] == 1
    assert "deep/" in by_location and "huge/" in by_location
    assert not any("GEHEIM" in e["text"] for e in listing)


def test_symlinked_folders_inside_the_docs_are_walked_once_and_a_loop_ends(tmp_path):
    root = write_project(tmp_path / "p", {"a/page.md": "# Pagina\nTekst.\n", "b/other.md": "# Ander\nMeer.\n"})
    docs = root / "docs"
    os.symlink(docs / "a", docs / "a" / "loop")  # a folder that contains itself
    os.symlink(docs / "b", docs / "zz-alias")  # a second name for a folder walked already

    run = run_index(root, "--json")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert json.loads(run.stdout)["pages"] == 2
    listing = [json.loads(line)["location"] for line in run_index(root, "--list").stdout.splitlines()]
    assert sorted(listing) == ["a/page/", "b/other/"]


def test_missing_docs_folder_is_a_usage_error(tmp_path):
    run = run_index(tmp_path / "nope")
    assert run.returncode == 2
    assert "faqbot: --docs:" in run.stderr and "Traceback" not in run.stderr


def test_corrupt_index_file_is_rebuilt_with_a_warning(tmp_path):
    root = write_project(tmp_path / "p", {"a.md": "# A\nTekst.\n"})
    assert run_index(root).returncode == 0
    index = root / "i.idx"
    data = index.read_bytes()
    older = data[:8] + struct.pack("<I", 0) + data[12:]  # format version 0: an older faqbot's file
    for damaged in (data[: len(data) // 2], b"garbage" * 10, data[:-5] + b"xxxxx", b"", older):
        index.write_bytes(damaged)
        run = run_index(root, "--json")
        assert run.returncode == 0 and "Traceback" not in run.stderr
        assert "index unusable" in run.stderr
        assert json.loads(run.stdout)["added"] == 1
        answer = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--docs", str(root), "--index", str(index),
                                 "--json", "tekst"], cwd=REPO, capture_output=True, text=True, check=True)
        assert json.loads(answer.stdout)["results"][0]["location"] == "a/"


def test_a_page_with_too_many_headings_is_cut_with_a_warning_naming_it(tmp_path):
    from indexer.page import MAX_HEADINGS
    from indexer.warnings import Warnings

    many = "# Veel\n\n" + "".join(f"## Kop {i}\n\nTekst {i}.\n\n" for i in range(MAX_HEADINGS + 500))
    root = write_project(tmp_path / "kb", {"veel.md": many, "ander.md": "# Ander\n\nGewoon.\n"})
    warnings = Warnings()
    index = build(root, warnings)
    assert len(index.pages["veel.md"]["sections"]) == MAX_HEADINGS
    assert len(index.pages["ander.md"]["sections"]) == 1
    assert [r for f, r in warnings.items if f.endswith("veel.md") and f"more than {MAX_HEADINGS} headings" in r]


def test_pages_over_the_limits_change_no_answer_about_other_pages(corpus):
    """A page of 100,000 headings and a 50 MB page, both made of the docs' own words, are cut,
    kept out of the statistics and ranked behind every other page: the answers to the dev
    questions stay exactly what they were, and the pages still answer what only they hold."""
    from indexer.evaluation import load_questions
    from indexer.files import MAX_PAGE_BYTES
    from indexer.warnings import Warnings

    if not QUESTIONS.is_file():
        pytest.skip(f"{QUESTIONS} not found")
    words = ["netwerk", "beveiliging", "server", "printer", "factuur", "proxmox", "firewall", "kosten",
             "support", "klant"]
    # the dev questions, and questions in the very words the two pages are made of
    pairs = [f"{a} {b}" for a, b in zip(words, words[3:], strict=False)]
    questions = [str(q["q"]) for q in load_questions(QUESTIONS)] + pairs

    def answers() -> list[tuple[bool, list[str]]]:
        searcher = build(corpus).searcher
        return [(a.answered, [h.location for h in a.results]) for a in map(searcher.ask, questions)]

    before = answers()
    with open(corpus / "docs" / "koppen.md", "w") as f:
        f.write("# Koppen\n")
        for i in range(100_000):
            f.write(f"## Kop {i} {words[i % 10]}\n\ntekst {words[i * 7 % 10]} zonnewijzer\n\n")
    with open(corpus / "docs" / "groot.md", "w") as f:
        f.write("# Groot\n\nDe wekkerradio staat aan.\n\n")
        line = " ".join(words) + "\n"
        while f.tell() < 50 * 1024 * 1024:
            f.write(line * 1000)
    warnings = Warnings()
    index = build(corpus, warnings)
    assert index.pages["koppen.md"]["oversized"] and index.pages["groot.md"]["oversized"]
    assert [f for f, r in warnings.items if f.endswith("koppen.md") and "headings" in r]
    assert [f for f, r in warnings.items if f.endswith("groot.md") and f"{MAX_PAGE_BYTES // 2**20} MiB" in r]

    assert answers() == before
    for question, page in (("zonnewijzer", "koppen/"), ("wekkerradio", "groot/")):
        found = index.searcher.ask(question)
        assert found.results and found.results[0].location.startswith(page), (question, found.results[:1])


FRONT_MATTERS = [
    "title: Dienstverlening 8\nsubtitle:\nsearch:\n  boost: 2 \nstatus: # nieuw updated outdated\n",
    "description: Hulp voor waar je ook mag zijn.\nicon: null\ntags: ~\n", "a: 0\nb: 012\nc: 1_0\nd: 2.5\ne: 1e3\n",
    "on: push\n", "x: yes\n", "x: Off\n", "x: 2021-01-01\n", "x: 'quoted'\n", "x: [a, b]\n", "x: a: b\n", "x: a:\n",
    "x: C# code\ny: a # comment\n", "x: http://a.b/c\n", "x: ~\n  y: 1\n", "x:\n  y: 1\n  z:\n",
    "x:\n  y: 1\n    z: 2\n", "x:\n- a\n- b\n", "x: 1\nx: 2\n", "x:\n  y: 1\n  y: 2\n", "x: a\tb\n", "x: é\xa0b\n",
    "  x: 1\n", "x: -1\n", "x: +5\n", "x: .inf\n", "x: =\n", "x: <<\n", "x: 1:20\n", "# only a comment\n", "",
    "x: &a 1\ny: *a\n", "x: |\n  t\n", "null: 1\n", "y: 1\n", "x: 99999999999999999999\n", "x:value\n", "x : 1\n",
    "x: Don't\n", "x: Efficiëntie\n",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_simple_front_matter_is_what_yaml_makes_of_it_or_left_to_yaml(text):
    import yaml

    from indexer.page import _simple_front_matter
    from indexer.search.synonyms import SAFE_LOADER

    def typed(value):  # True == 1 in Python: compare types too, all the way down
        return {k: typed(v) for k, v in value.items()} if isinstance(value, dict) else (type(value), value)

    ours = _simple_front_matter(text)
    if ours is not None:
        assert typed(ours) == typed(yaml.load(text, Loader=SAFE_LOADER))

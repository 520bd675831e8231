"""The real knowledge base gives exactly the published site's sections, titles and deep links."""

from __future__ import annotations

import html
import json
import subprocess
import sys

import pytest

from tests.conftest import CORPUS


def test_index_list_matches_the_published_search_index(corpus, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "index", "--docs", str(corpus), "--index", str(tmp_path / "i.idx"), "--list"],
        capture_output=True, text=True, check=True)
    ours = [json.loads(line) for line in run.stdout.splitlines()]
    site = json.loads((CORPUS / "site" / "search_index.json").read_text())["docs"]
    expected = {d["location"]: html.unescape(d["title"]) for d in site}
    got = {d["location"]: d["title"] for d in ours}
    assert len(ours) == len(got) == 211
    assert got == expected
    for entry in ours:
        assert entry["url"] == "https://quarkpulse.github.io/docs/" + entry["location"]
        assert entry["boost"] == 2
        assert set(entry) == {"location", "url", "title", "text", "boost"}
    assert "Traceback" not in run.stderr


def test_index_json_counts(corpus, tmp_path):
    cmd = [sys.executable, "-m", "bot.cli", "index", "--docs", str(corpus), "--index", str(tmp_path / "i.idx"),
           "--json"]
    first = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    assert first["pages"] == 73 and first["sections"] == 211 and first["added"] == 73
    assert all(isinstance(first[k], int) for k in ("pages", "sections", "added", "changed", "removed", "unchanged"))
    again = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    assert (again["added"], again["changed"], again["removed"], again["unchanged"]) == (0, 0, 0, 73)


UV_DOCS = CORPUS.parent / "uv-docs"


def test_uv_docs_give_every_location_and_title_of_their_site(tmp_path):
    """A second real site (English, uv's documentation): every location of the search index its
    site builds, each with the title as the site shows it (Material keeps `<code>` in titles)."""
    if not UV_DOCS.is_dir():
        pytest.skip(f"uv's documentation not found at {UV_DOCS} (../shared is not beside the project)")
    from tests.indexer.differential import compare

    run = subprocess.run(
        [sys.executable, "-m", "bot.cli", "index", "--docs", str(UV_DOCS), "--index", str(tmp_path / "i.idx"),
         "--list"], capture_output=True, text=True, check=True)
    ours = [dict(json.loads(line), src_path="?") for line in run.stdout.splitlines()]
    site = json.loads((UV_DOCS / "site" / "search_index.json").read_text())["docs"]
    assert len(ours) == len(site) == 575
    assert compare(site, ours) == []
    assert "may differ from the site" not in run.stderr  # search, redirects, llmstxt change no page

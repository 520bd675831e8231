"""Each Markdown construct, on small pages of its own: sections, anchors and content as the site."""

from __future__ import annotations

import os

from indexer.content import blocks_text
from tests.conftest import MKDOCS_YML, build, sections_of, write_project


def test_headings_make_sections_with_toc_anchors(tmp_path):
    index = build(write_project(tmp_path, {"a/page.md": """\
        # Page title
        Intro.
        ## Efficiëntie & Kosten (SLO's)
        ## Efficiëntie & Kosten (SLO's)
        ### Custom {#my-id}
        ## Definiëren van toegangsregels en -beleid
        """}))
    got = [(s["location"], s["title"]) for s in sections_of(index).values()]
    assert got == [
        ("a/page/", "Page title"),
        ("a/page/#efficientie-kosten-slos", "Efficiëntie & Kosten (SLO's)"),
        ("a/page/#efficientie-kosten-slos_1", "Efficiëntie & Kosten (SLO's)"),
        ("a/page/#my-id", "Custom"),
        ("a/page/#definieren-van-toegangsregels-en-beleid", "Definiëren van toegangsregels en -beleid"),
    ]


def test_preface_and_non_h1_first_heading_get_an_untitled_top_entry(tmp_path):
    index = build(write_project(tmp_path, {
        "index.md": "---\ntitle: Home\n---\nWelkom.\n\n# Docs\nTekst.\n",
        "x/index.md": "## Only h2\nTekst.\n",
        "y/z.md": "Geen koppen hier.\n",
    }))
    got = {s["location"]: s["title"] for s in sections_of(index).values()}
    # MkDocs names a page without a title after its file: a folder's index.md is "Index"
    assert got == {"": "Home", "#docs": "Docs", "x/": "Index", "x/#only-h2": "Only h2", "y/z/": "Z"}


def test_page_urls_follow_use_directory_urls_and_are_quoted(tmp_path):
    root = write_project(tmp_path, {"Kleine bedrijven/net.md": "# Net\n", "README.md": "# Readme\n"},
                         config="site_url: https://e.org/\nuse_directory_urls: false\n")
    assert set(sections_of(build(root))) == {"Kleine%20bedrijven/net.html", "index.html"}


def test_front_matter_boost_and_exclude(tmp_path):
    index = build(write_project(tmp_path, {
        "a.md": "---\nsearch:\n  boost: 3\n---\n# A\n",
        "b.md": "---\nsearch:\n  exclude: true\n---\n# B\n",
    }))
    assert index.pages["a.md"]["boost"] == 3
    assert index.pages["b.md"]["sections"] == []


def test_admonitions_tabs_and_tables_are_structure_not_noise(tmp_path):
    index = build(write_project(tmp_path, {"p.md": """\
        # P
        !!! note "Let op"
            Belangrijke **tekst**.

        ???+ example "Matrix"
            | Aspect | QMS | Break en Fix |
            |---|---|---|
            | **Kosten** | :material-check: Vast | :material-close: Variabel |

        === "Windows"
            Gebruik Rufus.

        === "Linux"
            Gebruik Etcher.
        """}))
    blocks = sections_of(index)["p/"]["blocks"]
    kinds = [b["kind"] for b in blocks]
    assert kinds == ["title", "paragraph", "title", "table", "title", "paragraph", "title", "paragraph"]
    table = blocks[3]
    assert table["header"] == ["Aspect", "QMS", "Break en Fix"]
    assert table["rows"] == [["Kosten", "✔️ Vast", "✖️ Variabel"]]
    assert all(b["quote"] == 1 for b in blocks)
    text = blocks_text(blocks)
    assert "Let op" in text and "Gebruik Etcher." in text and "!!!" not in text and "===" not in text


def test_footnotes_abbreviations_icons_attr_lists_mark_keys_tasks(tmp_path):
    index = build(write_project(tmp_path, {"p.md": """\
        # P
        Zie de regels[^1] van ==QMS== en druk ++ctrl+alt+del++. :material-clock-fast:{ .lg .middle } Klaar :heart:
        Een <abbr title="Service Level Agreement">SLA</abbr> geldt.

        - [x] gedaan
        - [ ] open

        Alinea.
        { .annotate }

        *[QMS]: Quarkpulse Managed Services
        [^1]: Afhankelijk van de overeenkomst.
        """}))
    page = index.pages["p.md"]
    text = blocks_text(page["sections"][0]["blocks"])
    assert "QMS" in text and "Ctrl+Alt+Del" in text and "❤️" in text
    assert "==" not in text and "++" not in text and ":material" not in text and "{" not in text
    assert "[1] Afhankelijk van de overeenkomst." in text
    assert "*[QMS]" not in text
    assert page["abbreviations"] == {"QMS": "Quarkpulse Managed Services", "SLA": "Service Level Agreement"}
    assert "gedaan" in text and "open" in text


def test_html_with_markdown_inside_and_code_blocks(tmp_path):
    index = build(write_project(tmp_path, {"p.md": """\
        # P
        <div class="grid cards" markdown>

        -   __Dienstverlening__

            Leer meer over **modellen**.

        </div>

        ```mermaid
        graph TD; A[Intake] --> B[SLA];
        ```

        ```bash
        apt install nginx
        ```
        """}))
    blocks = sections_of(index)["p/"]["blocks"]
    assert any(b["kind"] == "item" for b in blocks)
    codes = [b for b in blocks if b["kind"] == "code"]
    assert [c["lang"] for c in codes] == ["mermaid", "bash"]
    assert "<div" not in blocks_text(blocks)


def test_links_become_site_urls(tmp_path):
    index = build(write_project(tmp_path, {"a/b.md": "# B\nZie [c](../c.md#x) en [d](d/) en [e](https://e.org).\n",
                                           "c.md": "# C\n"}))
    spans = sections_of(index)["a/b/"]["blocks"][0]["spans"]
    links = [s[2] for s in spans if s[0] == "link"]
    assert links == ["https://example.org/docs/c/#x", "https://example.org/docs/a/b/d/", "https://e.org"]


def test_snippets_resolve_inside_the_project_only(tmp_path):
    page = '# P\n--8<-- "snippets/s.md"\n--8<-- "../secret.md"\n--8<-- "/etc/passwd"\n--8<-- "snippets/link.md"\n'
    root = write_project(tmp_path / "proj", {"p.md": page})
    (root / "snippets").mkdir()
    (root / "snippets" / "s.md").write_text("Gedeelde tekst.\n")
    (tmp_path / "secret.md").write_text("GEHEIM\n")
    os.symlink(tmp_path / "secret.md", root / "snippets" / "link.md")
    from indexer.warnings import Warnings

    warnings = Warnings()
    index = build(root, warnings)
    text = blocks_text(index.pages["p.md"]["sections"][0]["blocks"])
    assert "Gedeelde tekst." in text
    assert "GEHEIM" not in text and "root:" not in text
    refused = [r for f, r in warnings.items if "refused" in r]
    assert len(refused) == 3 and all(f.endswith("p.md") for f, r in warnings.items if "refused" in r)


def test_hidden_files_and_folders_are_never_included(tmp_path):
    page = '# P\n--8<-- ".env"\n--8<-- ".git/config"\n--8<-- "docs/.private/notes.md"\n--8<-- "ok.md"\n'
    root = write_project(tmp_path / "proj", {"p.md": page})
    (root / ".env").write_text("SLACK_BOT_TOKEN=xoxb-secret\n")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\nurl = https://user:token@example.org\n")
    (root / "docs" / ".private").mkdir()
    (root / "docs" / ".private" / "notes.md").write_text("wachtwoord hunter2\n")
    (root / "ok.md").write_text("Gewone tekst.\n")
    from indexer.warnings import Warnings

    warnings = Warnings()
    index = build(root, warnings)
    text = blocks_text(index.pages["p.md"]["sections"][0]["blocks"])
    assert "Gewone tekst." in text
    assert not any(secret in text for secret in ("xoxb-secret", "token@", "hunter2"))
    hidden = [(f, r) for f, r in warnings.items if "hidden" in r]
    assert len(hidden) == 3 and all(f.endswith("p.md") for f, _ in hidden)
    assert {r.split("'")[1] for _, r in hidden} == {".env", ".git/config", "docs/.private/notes.md"}


def test_a_symlink_to_a_hidden_file_or_folder_is_no_page(tmp_path):
    root = write_project(tmp_path / "proj", {"index.md": "# Welkom\n\nHallo.\n"})
    docs = root / "docs"
    (docs / ".env").write_text("SLACK_BOT_TOKEN=xoxb-secret\n")
    (docs / "config.md").symlink_to(".env")  # a page that is a hidden file
    (docs / ".private").mkdir()
    (docs / ".private" / "salarissen.md").write_text("# Salarissen\n\nJan verdient 9999 euro.\n")
    (docs / "team").symlink_to(".private")  # a folder that is a hidden one
    (docs / "ok").mkdir()
    (docs / "ok" / "p.md").write_text("# P\n\nGewoon.\n")
    (docs / "alias.md").symlink_to("ok/p.md")  # a symlink to what is not hidden stays a page
    from indexer.warnings import Warnings

    warnings = Warnings()
    index = build(root, warnings)
    assert sorted(index.pages) == ["alias.md", "index.md", "ok/p.md"]
    skipped = sorted(f.rsplit("/", 1)[1] for f, r in warnings.items if "hidden" in r)
    assert skipped == ["config.md", "team"]


def test_a_huge_include_is_read_no_further_than_the_limit(tmp_path):
    import subprocess
    import sys

    from indexer.files import MAX_PAGE_BYTES
    from tests.conftest import REPO

    root = write_project(tmp_path / "proj", {"p.md": '# P\n--8<-- "huge.md"\n'})
    with (root / "huge.md").open("wb") as fh:  # 1 GiB, sparse: no disk needed
        fh.write(b"tekst " * 1000)
        fh.truncate(1 << 30)
    # peak memory of this process alone: VmHWM (getrusage's maxrss keeps the parent's across exec)
    probe = ("import re; from pathlib import Path; from tests.conftest import build; "
             "from indexer.warnings import Warnings; "
             f"build(Path({str(root)!r}), Warnings.to_stderr()); "
             "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))")
    run = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout.split()[-1]) * 1024 < 200 * 1024 * 1024  # peak memory under 200 MB
    assert f"larger than {MAX_PAGE_BYTES // 1024 // 1024} MiB" in run.stderr or "binary" in run.stderr


def test_includes_are_looked_up_in_the_sites_snippet_base_paths(tmp_path):
    config = MKDOCS_YML + "  - pymdownx.snippets:\n      base_path: [includes, docs]\n      check_paths: true\n"
    root = write_project(tmp_path / "proj", {"p.md": '# P\n--8<-- "a.md"\n--8<-- "b.md"\n--8<-- "gone.md"\n'}, config)
    (root / "includes").mkdir()
    (root / "includes" / "a.md").write_text("Uit includes.\n")
    (root / "docs" / "b.md").write_text("Uit docs.\n")
    (root / "a.md").write_text("Uit de projectmap: niet in base_path.\n")
    from indexer.warnings import Warnings

    warnings = Warnings()
    index = build(root, warnings)
    text = blocks_text(index.pages["p.md"]["sections"][0]["blocks"])
    assert "Uit includes." in text and "Uit docs." in text and "projectmap" not in text
    [(page, reason)] = [(f, r) for f, r in warnings.items if "gone.md" in r]
    assert page.endswith("p.md") and "includes, docs" in reason and "check_paths" in reason


def test_breadcrumbs_are_the_sites_navigation(tmp_path):
    config = ("site_name: T\nnav:\n  - Home: index.md\n  - The pip interface:\n      - pip/index.md\n"
              "      - Locking: pip/compile.md\n  - Source: https://example.com/repo\n")
    index = build(write_project(tmp_path, {
        "index.md": "# Welkom\n",
        "pip/index.md": "# Pip\n",
        "pip/compile.md": "# Compile\n\n## Locking requirements\n\nText.\n",
        "getting-started/first_steps.md": "# First steps\n\n## Running\n\nText.\n",  # not in nav
        "Kleine bedrijven/netwerk.md": "# Netwerk\n\n## Opzet\n\nText.\n",
    }, config=config))
    crumbs = {s["location"]: s["breadcrumb"] for s in sections_of(index).values()}
    assert crumbs["pip/compile/#locking-requirements"] == ["The pip interface", "Compile"]
    assert crumbs["pip/"] == ["The pip interface"]
    assert crumbs[""] == []  # the home page
    # a page the nav does not list sits where its folders put it, titled as MkDocs titles them
    assert crumbs["getting-started/first_steps/#running"] == ["Getting started", "First steps"]
    assert crumbs["Kleine%20bedrijven/netwerk/#opzet"] == ["Kleine bedrijven", "Netwerk"]

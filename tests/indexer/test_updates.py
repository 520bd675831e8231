"""What an update reports, page by page, when snippets change and when a rebuild is forced."""

from __future__ import annotations

import os
import time

import pytest

from indexer.config import DocsProject
from indexer.index import open_index
from indexer.warnings import Warnings
from tests.conftest import build, write_project


def _age(*paths) -> None:
    then = time.time_ns() - 60_000_000_000  # written a minute ago: compared by size and time
    for path in paths:
        os.utime(path, ns=(then, then))


def _update(root, **kwargs):
    return open_index(DocsProject.load(root), root / "i.idx", Warnings(), **kwargs)


def test_a_snippet_that_appears_later_changes_the_page_that_includes_it(tmp_path):
    root = write_project(tmp_path / "kb", {"p.md": '# Pagina\n\n--8<-- "snippets/later.md"\n', "q.md": "# Ander\n"})
    _age(*(root / "docs").iterdir())
    warnings = Warnings()
    open_index(DocsProject.load(root), root / "i.idx", warnings)
    assert any("not found" in reason for _, reason in warnings.items)

    (root / "snippets").mkdir()
    (root / "snippets" / "later.md").write_text("Nu wel gedeelde tekst.\n", encoding="utf-8")
    index, report = _update(root)
    assert report.changed == ["p.md"] and report.unchanged == 1
    assert index.searcher.ask("gedeelde tekst").results[0].location == "p/"

    (root / "snippets" / "later.md").write_text("Andere inhoud over printers.\n", encoding="utf-8")
    _age(root / "snippets" / "later.md")
    index, report = _update(root)
    assert report.changed == ["p.md"]
    assert index.searcher.ask("printers").results[0].location == "p/"


def test_a_forced_rebuild_reports_against_the_previous_index(tmp_path):
    root = write_project(tmp_path / "kb", {"a.md": "# A\n", "b.md": "# B\n", "c.md": "# C\n"})
    _update(root)
    (root / "docs" / "b.md").write_text("# B\n\nNieuw.\n", encoding="utf-8")
    (root / "docs" / "c.md").unlink()
    (root / "docs" / "d.md").write_text("# D\n", encoding="utf-8")
    _, report = _update(root, full=True)
    assert report.rebuilt == "requested"
    assert (report.added, report.changed, report.removed, report.unchanged) == (["d.md"], ["b.md"], ["c.md"], 1)

    _, report = _update(root, full=True)  # nothing changed since
    assert (report.added, report.changed, report.removed, report.unchanged) == ([], [], [], 3)


def test_an_edited_synonyms_file_applies_to_an_index_held_in_memory(tmp_path):
    root = write_project(tmp_path / "kb", {"net.md": "# Netwerk\n\n## Firewall\n\nDe firewall houdt verkeer tegen.\n"})
    (root / "synonyms.yml").write_text("groups:\n  - [vpn, tunnel]\n", encoding="utf-8")
    index, _ = _update(root)
    assert not index.searcher.ask("poortwachter").answered  # the docs never say it

    (root / "synonyms.yml").write_text("groups:\n  - [vpn, tunnel]\n  - [firewall, poortwachter]\n", encoding="utf-8")
    again, report = _update(root, reuse=index)
    assert again is index and not (report.added or report.changed or report.removed)
    answer = again.searcher.ask("poortwachter")
    assert answer.answered and answer.results[0].location == "net/#firewall"


def test_the_index_command_says_why_it_rebuilt_in_the_users_language(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    root = write_project(tmp_path / "kb", {"a.md": "# A\n"})
    command = [sys.executable, "-m", "bot.cli", "index", "--docs", str(root), "--index", str(root / "i.idx"), "--full"]
    dutch = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "1 pagina's" in dutch and "Index opnieuw opgebouwd: op verzoek (--full)." in dutch
    english = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True,
                             env={**os.environ, "FAQBOT_LANGUAGE": "en"}).stdout
    assert "0 added, 0 changed, 0 removed, 1 unchanged" in english and "Index rebuilt: requested (--full)." in english


def test_a_page_added_and_removed_again_leaves_the_answers_of_a_full_build(tmp_path):
    # the removed page's words stay in the vocabulary with no occurrences: they must not weigh
    pages = {"net.md": "# Netwerk\n\n## Firewall\n\nDe firewall houdt verkeer tegen.\n\n"
                       "## Printer\n\nHulp bij printers.\n"}
    root = write_project(tmp_path / "kb", pages)
    index, _ = _update(root)
    extra = root / "docs" / "extra.md"
    extra.write_text("# Extra\n\nZeldzaamwoord en nogeenzeldzaamwoord.\n", encoding="utf-8")
    index, _ = _update(root, reuse=index)
    extra.unlink()
    index, _ = _update(root, reuse=index)
    full = build(write_project(tmp_path / "fresh", pages))
    assert index.searcher.core.max_idf() == full.searcher.core.max_idf()
    for question in ["firewall", "wie helpt met de printer", "firewall koffieautomaat"]:
        ours, theirs = index.searcher.ask(question), full.searcher.ask(question)
        assert ([h.location for h in ours.results], ours.answered) == ([h.location for h in theirs.results],
                                                                        theirs.answered)
        assert [h.confidence for h in ours.results] == [h.confidence for h in theirs.results]


def test_a_new_navigation_rebuilds_the_breadcrumbs(tmp_path):
    root = write_project(tmp_path / "kb", {"net/vpn.md": "# VPN\n\n## Instellen\n\nTekst.\n"})
    index, _ = _update(root)
    assert index.searcher.ask("vpn instellen").results[0].breadcrumb == ["Net", "VPN"]
    config = (root / "mkdocs.yml").read_text(encoding="utf-8") + "nav:\n  - Netwerk:\n      - Tunnels: net/vpn.md\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    index, report = _update(root)
    assert report.rebuilt == "settings-changed"
    assert index.searcher.ask("vpn instellen").results[0].breadcrumb == ["Netwerk", "VPN"]


def test_a_save_that_breaks_mkdocs_yml_keeps_the_index_answering_with_its_links(tmp_path, caplog):
    import logging

    from indexer.knowledge_base import KnowledgeBase, UpdateRefused, _log_failed_update

    config = "site_name: Helpdesk\nsite_url: https://docs.example.org/kb/\nuse_directory_urls: false\n"
    root = write_project(tmp_path / "kb", {"printers.md": "# Printers\n\n## Storing melden\n\nBel de monteur.\n"},
                         config=config)
    kb = KnowledgeBase(root, tmp_path / "kb.idx", Warnings())
    kb.update()
    url = "https://docs.example.org/kb/printers.html#storing-melden"
    assert kb.ask("storing melden").results[0].url == url
    (root / "mkdocs.yml").write_text(config + "nav:\n  - Home: index.md\n  - [broken\n", encoding="utf-8")
    with pytest.raises(UpdateRefused) as refused:
        kb.update()  # what the watcher runs after the save
    assert "mkdocs.yml: unreadable" in str(refused.value) and "\n" not in str(refused.value)
    assert kb.ask("storing melden").results[0].url == url and kb.state().site_url == "https://docs.example.org/kb/"
    with caplog.at_level(logging.ERROR, logger="faqbot"):
        _log_failed_update(refused.value)  # one line in the bot's log, no traceback
    [record] = caplog.records
    assert record.exc_info is None and record.getMessage().startswith("index not updated: ")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")  # mended: updates go on
    assert kb.update() is not None and kb.ask("storing melden").results[0].url == url


def test_questions_asked_during_an_update_are_answered_by_the_engine_before_it(tmp_path, monkeypatch):
    import threading

    import indexer.knowledge_base as knowledge_base
    import indexer.search.compiled as compiled
    from indexer.knowledge_base import KnowledgeBase

    root = write_project(tmp_path / "kb", {"printers.md": "# Printers\n\n## Storing\n\nBel de monteur.\n"})
    kb = KnowledgeBase(root, tmp_path / "kb.idx", Warnings())
    kb.update()
    compiles: list[str] = []
    real_compile = compiled.compile_index
    monkeypatch.setattr(compiled, "compile_index",
                        lambda *a, **k: compiles.append(threading.current_thread().name) or real_compile(*a, **k))
    # the update pauses once the index held in memory is changed in place and saved, before the swap
    changed, go_on = threading.Event(), threading.Event()
    real_map = knowledge_base.map_search

    def paused_map(*args, **kwargs):
        changed.set()
        go_on.wait(30)
        return real_map(*args, **kwargs)

    monkeypatch.setattr(knowledge_base, "map_search", paused_map)
    (root / "docs" / "printers.md").write_text("# Printers\n\n## Storing\n\nMail de helpdesk.\n", encoding="utf-8")
    updating = threading.Thread(target=kb.update)
    updating.start()
    assert changed.wait(30)
    during = kb.ask("storing printer").results[0]
    go_on.set()
    updating.join(30)
    # the engine before it, and no engine compiled on the asking thread (only the update's own, if any)
    assert "monteur" in during.answer and threading.current_thread().name not in compiles
    assert "helpdesk" in kb.ask("storing printer").results[0].answer  # and the new one after it


def test_an_update_that_fails_halfway_changes_neither_the_answers_nor_the_state(tmp_path, monkeypatch):
    import errno

    import indexer.index
    from indexer.knowledge_base import KnowledgeBase

    root = write_project(tmp_path / "kb", {"printers.md": "# Printers\n\n## Storing\n\nBel de monteur.\n"})
    kb = KnowledgeBase(root, tmp_path / "kb.idx", Warnings())
    kb.update()
    before = kb.state()
    (root / "docs" / "printers.md").write_text("# Printers\n\n## Storing\n\nMail.\n\n## Toner\n\nBestel.\n",
                                               encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(indexer.index, "save_index", full)  # the pages are parsed, the save fails
    with pytest.raises(OSError):
        kb.update()
    assert (kb.state().pages, kb.state().sections) == (before.pages, before.sections)
    assert "monteur" in kb.ask("storing printers").results[0].answer
    monkeypatch.undo()  # the disk has room again
    kb.update()
    assert kb.state().sections == before.sections + 1 and "Mail" in kb.ask("storing printers").results[0].answer

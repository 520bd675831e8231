"""Question words that are not written as in the docs still find them."""

from __future__ import annotations

import pytest

from tests.conftest import build, write_project

PAGES = {
    "net.md": """\
        # Netwerkbeveiliging
        Firewalls en toegangscontrole voor het netwerk.
        ## Abonnementsmodel
        Een vast bedrag per maand. Het model is eenvoudig.
        ## Verantwoordelijkheden
        | Gebied | Quarkpulse | Klant |
        |---|---|---|
        | Endpoint Security | ✔️ Virusscanners | - |
        | Physical Security | - | ✔️ Sloten |
        ## Printer ondersteuning
        Hulp bij printers en scanners.
        """,
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    return build(write_project(tmp_path_factory.mktemp("kb"), PAGES)).searcher


def top(searcher, question: str) -> str:
    answer = searcher.ask(question)
    assert answer.answered, question
    return answer.results[0].title


@pytest.mark.parametrize("question", ["netwerkbeveiliging", "netwerk beveiliging", "beveiliging van het netwerk"])
def test_compounds_both_ways(searcher, question):
    assert top(searcher, question) == "Netwerkbeveiliging"


def test_compound_head_finds_the_compound(searcher):
    assert top(searcher, "abonnementen") == "Abonnementsmodel"


@pytest.mark.parametrize("question", ["printre ondersteuning", "pritner", "ondresteuning printer"])
def test_typos_within_the_allowed_distance(searcher, question):
    assert top(searcher, question) == "Printer ondersteuning"


def test_typo_budget_grows_with_word_length(searcher):
    from indexer.search.lexicon import allowed_typos

    assert [allowed_typos("x" * n) for n in (3, 4, 5, 7, 8, 9)] == [0, 1, 1, 1, 2, 2]
    assert searcher.lexicon.fuzzy("vst") == ()  # `vast` is one typo away, but 3 letters get none
    assert ("printers", 1) in searcher.lexicon.fuzzy("pritners")  # a swap is one typo


def test_prefix_of_the_last_word(searcher):
    assert top(searcher, "abonnem") == "Abonnementsmodel"


def test_synonyms_from_the_bundled_file(searcher):
    answer = searcher.ask("who is responsible for physical security")
    assert answer.results[0].title == "Verantwoordelijkheden"
    assert answer.results[0].answer == "Physical Security — Quarkpulse: –; Klant: ✔️ Sloten"


@pytest.mark.parametrize("question", ["", "?!", "de het een", "wat is het"])
def test_stop_words_only_is_not_found(searcher, question):
    answer = searcher.ask(question)
    assert answer.answered is False and answer.results == []

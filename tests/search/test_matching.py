"""Question words that are not written as in the docs still find them."""

from __future__ import annotations

import pytest

from indexer.search import params, reading
from tests.conftest import CORPUS, MKDOCS_YML, build, write_project

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
        ## Sectoren
        Wij werken voor klanten in vele sectoren:
        | Sector | Omschrijving |
        |---|---|
        LONG_TABLE
        ## Teelt
        | Sector | Omschrijving |
        |---|---|
        | Sector 90 | Bedrijven die werken met product 90 en dienst 90, zoals winkels en kantoren. |
        | Sector 91 | Bedrijven die werken met product 91 en dienst 91, zoals winkels en kantoren. |
        | Sector 92 | Bedrijven die werken met product 92 en dienst 92, zoals winkels en kantoren. |
        | Bosbouw | Bossen, hout en veeteelt. |
        ## Reactietijden
        Bij een storing helpen wij snel. Een incident van een klant is soms kritiek voor het werk.
        ## Prioriteiten
        - Kritieke incidenten: binnen 1 uur.
        - Andere verzoeken: binnen 1 werkdag.
        ## Formulieren
        Een aanvraag indienen gaat via het portaal.
        ## Reservekopieën
        Elke nacht een replicatie naar het tweede datacenter, na een consolidatie van de schijven.
        Een herstel plant u in een consultatiegesprek: een kort gesprek.
        ## Gebouw
        De faciliteiten van het datacenter: koeling en stroom.
        ## Uitgaven
        | Onderwerp | Afspraak |
        |---|---|
        | Kostenbeheer | Een vast bedrag per maand, zonder verrassingen. |
        | Planning | Wij plannen het werk vooraf. |
        """.replace("LONG_TABLE", "\n        ".join(
            f"| Sector {n} | Bedrijven die werken met product {n} en dienst {n}, zoals winkels en kantoren. |"
            for n in range(40)) + "\n        | Landbouw | Boeren, tuinders en veeteelt. |"
            + "\n        | Visserij | Vissers en kwekers. |"),
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


@pytest.mark.parametrize("typed", ["metwerkbeveiliging", "etwerkbeveiliging", "snetwerkbeveiliging",
                                   "entwerkbeveiliging"])
def test_a_typo_in_the_first_letter_of_a_long_word(searcher, typed):
    # replaced, left out, one too many in front, swapped with the second: one typo, from 8 letters
    assert ("netwerkbeveiliging", 1) in searcher.lexicon.fuzzy(typed)
    assert top(searcher, typed) == "Netwerkbeveiliging"


def test_a_short_word_with_a_wrong_first_letter_is_no_typo(searcher):
    assert searcher.lexicon.fuzzy("godel") == ()  # `model` is one edit away, but at its first letter
    assert ("model", 1) in searcher.lexicon.fuzzy("mdel")


def test_a_first_letter_mistyped_is_read_as_the_docs_word_when_nothing_else_is_near(searcher):
    # the lexicon's guesses reach a first letter only from 8 letters; spelling reads a 5-7 letter
    # word as the one docs word its first letter makes it (`brinter`: `printer`), as a typo
    first = searcher.concepts("brinter werkt niet")[0]
    assert (first.text, first.typos) == ("printer", 1)
    assert searcher.lexicon.fuzzy("brinter") == ()


def test_prefix_of_the_last_word(searcher):
    assert top(searcher, "abonnem") == "Abonnementsmodel"


def test_synonyms_from_the_general_dutch_vocabulary(searcher):
    answer = searcher.ask("who is responsible for physical security")
    assert answer.results[0].title == "Verantwoordelijkheden"
    assert answer.results[0].answer == "Physical Security — Quarkpulse: –; Klant: ✔️ Sloten"


@pytest.mark.parametrize("question", ["", "?!", "de het een", "wat is het"])
def test_stop_words_only_is_not_found(searcher, question):
    answer = searcher.ask(question)
    assert answer.answered is False and answer.results == []


def test_a_row_of_a_long_table_is_found_and_shown(searcher):
    answer = searcher.ask("werken jullie voor de landbouw")
    assert answer.answered and answer.results[0].title == "Sectoren"
    assert answer.results[0].answer == "Landbouw — Omschrijving: Boeren, tuinders en veeteelt."


def test_a_long_table_does_not_dilute_its_rows(searcher):
    # A row is a passage of its own: the same row weighs the same in a table of 3 rows or of 42.
    term = searcher.term_ids[searcher.analyzer.stem("bosbouw")]
    long_table, short_table = (_section(searcher, "Sectoren"), _section(searcher, "Teelt"))
    docs, weights = searcher.core.postings(searcher.term_ids[searcher.analyzer.stem("landbouw")])
    in_long = float(weights[list(docs).index(long_table)])
    docs, weights = searcher.core.postings(term)
    in_short = float(weights[list(docs).index(short_table)])
    assert in_long == pytest.approx(in_short, rel=0.35)


def _section(searcher, title: str) -> int:
    return next(i for i, section in enumerate(searcher.sections) if section["title"] == title)


def test_words_side_by_side_as_in_the_question_rank_first(searcher):
    # Both sections hold "kritiek" and "incident"; only one has them together, as asked.
    assert top(searcher, "kritiek incident") == "Prioriteiten"


def test_a_hyphenated_word_is_one_concept(searcher):
    concepts = searcher.concepts("hyper-v en vmware")
    assert [c.text for c in concepts] == ["hyperv", "vmware"]


def test_two_expressions_of_one_synonym_group_count_once(searcher):
    # `hoe snel` and `reageren` are one group in the bundled synonyms: one concept, not two.
    assert len(searcher.concepts("hoe snel reageren jullie")) == 1


def test_a_negated_phrase_is_not_its_verb(searcher):
    # `werkt niet`, a synonym of `storing`, would be `werk` without its `niet` (the index keeps no
    # stop words): the opposite, so it finds nothing rather than every section about work
    werk = searcher.term_ids[searcher.analyzer.stem("werk")]
    assert all(a.terms != (werk,) for a in searcher.concepts("storing")[0].alternatives)
    assert top(searcher, "kritiek incident") == "Prioriteiten"


def test_an_english_negation_is_a_negation_too(tmp_path):
    # `can't` reaches a phrase as `can`, `t` and `cant`: the vocabulary's `can't log in` is no `log`,
    # which sent its group's "ik kan niet inloggen" to the section about logging
    pages = {"inloggen.md": "# Inloggen\nLog in met je gebruikersnaam en wachtwoord.\n"
                            "## Logboek\nElke log van de server staat in het logboek.\n"}
    searcher = build(write_project(tmp_path, pages)).searcher

    def phrase(text: str):
        return searcher.reader.phrase(tuple(searcher.analyzer.words(text)), "synonym")

    assert phrase("log in") is not None  # (its `in` a stop word)
    assert phrase("can't log in") is None and phrase("kan niet inloggen") is None
    assert phrase("doesn't log") is None and phrase("never log in") is None


def test_words_side_by_side_in_the_other_order_count_too(searcher):
    # English puts the words the other way round ("break and fix cost" / "tarieven voor Break en Fix").
    assert top(searcher, "incident kritiek") == "Prioriteiten"


def test_either_of_two_unknown_words_is_one_thing_asked_about(searcher):
    # Words the docs never use weigh as their rarest word: the question is about them, not answered
    # here; but `a of b` is one thing asked about, in either form.
    concepts = searcher.concepts("printer via teamviewer of anydesk")
    assert [c.text for c in concepts] == ["printer", "teamviewer of anydesk"]
    assert top(searcher, "printer via teamviewer of anydesk") == "Printer ondersteuning"
    assert searcher.ask("printer via teamviewer en anydesk").answered is False


@pytest.mark.parametrize("question", ["hoe dien ik een aanvraag in", "aanvraag indienen"])
def test_a_separable_verb_is_found_with_its_particle(searcher, question):
    # "dien" alone is no word of the docs; with the particle at the end of the question it is "indienen".
    assert top(searcher, question) == "Formulieren"
    assert searcher.ask(question).results[0].evidence["coverage"] == 1.0  # the whole question, `dien` too


def test_a_separable_verb_is_found_as_the_vocabulary_lists_it(tmp_path):
    # `komen … langs` is `langskomen`, which the general vocabulary joins to `ter plaatse`; the
    # particle is no word of its own (not a word the docs lack)
    pages = {"support.md": """\
        # Support
        ## Ondersteuning ter plaatse
        Onze technici werken ter plaatse aan uw apparatuur.
        ## Hulp op afstand
        Via een beveiligde verbinding helpen we u vanaf ons bureau met uw apparatuur.
        """}
    searcher = build(write_project(tmp_path, pages)).searcher
    question = "komen jullie ook langs voor de apparatuur?"
    assert "langs" not in [c.text for c in searcher.concepts(question)]
    assert top(searcher, question) == "Ondersteuning ter plaatse"


@pytest.fixture(scope="module")
def quarkpulse_searcher(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"real knowledge base not found at {CORPUS} (../shared is not beside the project)")
    from indexer import open_knowledge_base

    kb = open_knowledge_base(CORPUS, tmp_path_factory.mktemp("kb") / "kb.idx")
    return kb._snapshot().searcher


def test_a_follow_up_is_searched_with_the_question_it_follows(quarkpulse_searcher):
    """`context` (the conversation's first question) tells what an elliptic follow-up is about,
    without outweighing the follow-up's own words."""
    alone = quarkpulse_searcher.ask("en wie doet de firewall updates?", top=1)
    followed = quarkpulse_searcher.ask("en wie doet de firewall updates?", top=1,
                                       context="wie is verantwoordelijk voor network security?")
    assert followed.answered and followed.results[0].row is not None
    assert followed.results[0].row["cells"][0] == "Network Security"  # the row that names firewalls
    assert alone.results[0].row is None or alone.results[0].row["cells"][0] != "Network Security"
    counterpart = quarkpulse_searcher.ask("en bij break en fix?", top=1, context="wat is QMS?")
    assert counterpart.results[0].location == "Dienstverlening/Diensten/Break-en-Fix/"
    assert followed.known == 3 and followed.language == "nl"
    # the context weighs CONTEXT_SHARE of what it weighs as a question, once
    given = quarkpulse_searcher.concepts("en de klant?", context="firewall beheer")
    alone = {c.text: c.weight for c in quarkpulse_searcher.concepts("firewall beheer")}
    assert {c.text: c.weight for c in given if c.given} == pytest.approx(
        {text: params.CONTEXT_SHARE * weight for text, weight in alone.items()})


def test_the_language_of_a_question_is_told_when_it_can_be(quarkpulse_searcher):
    assert quarkpulse_searcher.ask("who is responsible for network security?").language == "en"
    assert quarkpulse_searcher.ask("hoe reset ik mijn wachtwoord").language == "nl"
    assert quarkpulse_searcher.ask("wat is QMS").language == "nl"
    assert quarkpulse_searcher.ask("QMS").language == ""  # too little to tell: the default's
    assert quarkpulse_searcher.ask("network security").language == ""  # the docs' jargon is no language
    assert quarkpulse_searcher.ask("koffieautomaat kantine?").known == 0  # no word of it is the docs'


def test_a_pasted_report_is_searched_with_its_context_at_a_share(searcher):
    # Over MAX_WORDS words, the sentence that asks says only "what can I do"; the thing it is about
    # (the printers) stands in the report before it. The report's words find the section, at a
    # share of the asking sentence's weight.
    report = ("Vanochtend probeerde ik een document af te drukken maar de printers op de tweede verdieping "
              "reageerden niet, het lampje knipperde oranje en het scherm bleef leeg, mijn collega had hetzelfde "
              "probleem met haar laptop en we hebben alles opnieuw opgestart zonder resultaat. "
              "Wat kan ik doen, wie helpt ons snel?")
    assert len(report.split()) > reading.MAX_WORDS
    concepts = searcher.concepts(report)
    printers = next(c for c in concepts if c.text == "printers")
    helps = next(c for c in concepts if c.text == "helpt")
    assert not printers.asks and helps.asks
    assert printers.specificity == pytest.approx(params.CONTEXT_SHARE * searcher.language.specificity("printers"))
    assert searcher.ask(report).results[0].title == "Printer ondersteuning"


def test_two_words_find_the_docs_compound_of_their_equivalents(searcher):
    # "cost" and "management" are `kosten` and `beheer` in the general vocabulary; the docs write
    # them as one word, in a table row's label.
    concepts = searcher.concepts("cost management")
    kostenbeheer = searcher.term_ids[searcher.analyzer.stem("kostenbeheer")]
    assert all(any(a.terms == (kostenbeheer,) for a in c.alternatives) for c in concepts)
    answer = searcher.ask("cost management")
    assert answer.results[0].title == "Uitgaven"
    assert answer.results[0].row["cells"][0] == "Kostenbeheer"


def test_an_english_word_finds_its_dutch_cognate(searcher):
    # `consolidations` is no Dutch word, too far from `consolidatie` for a typo, and in no group of
    # the vocabulary: the same word with the other language's ending.
    concept = searcher.concepts("consolidations")[0]
    assert [a.how for a in concept.alternatives] == ["cognate"]
    assert concept.alternatives[0].terms == (searcher.term_ids[searcher.analyzer.stem("consolidatie")],)
    assert searcher.ask("how often are consolidations done").results[0].title == "Reservekopieën"
    assert searcher.concepts("consolidatie")[0].alternatives[0].how == "exact"
    assert searcher.concepts("replicqzx")[0].alternatives == []  # a word of no language: perhaps a name
    # an English lemma the docs lack (`facilities` -> `facility`) does not stand in the cognate's way
    assert searcher.language.lemma("facilities") == "facility"
    assert [a.how for a in searcher.concepts("facilities")[0].alternatives] == ["cognate"]
    # ... nor does the cognate standing in the docs only at the head of a compound word lists lack
    concept = searcher.concepts("consultation")[0]
    assert [a.how for a in concept.alternatives] == ["cognate"]
    assert concept.alternatives[0].terms == (searcher.term_ids[searcher.analyzer.stem("consultatiegesprek")],)


def test_the_share_of_the_question_the_docs_never_use_is_evidence(searcher):
    # A question that is mostly words the docs lack is about something else: the share is evidence
    # beside their weight (a few of them in a long question leave it answerable).
    def share(question: str) -> float:
        return searcher.ask(question).results[0].evidence["unknown_share"]

    assert share("printer ondersteuning") == 0.0
    question = "printer koffieautomaat salarisstrook"
    concepts = searcher.concepts(question)
    lacking = sum(c.weight for c in concepts if not c.alternatives)
    assert [c.text for c in concepts if not c.alternatives] == ["koffieautomaat", "salarisstrook"]
    assert share(question) == pytest.approx(lacking / sum(c.weight for c in concepts))
    assert share(question) > 0.5


@pytest.mark.parametrize(("question", "lemma", "title"),
                         [("companies", "company", "Sectoren"), ("requests", "request", "Formulieren")])
def test_an_inflected_english_word_finds_the_equivalents_of_its_lemma(searcher, question, lemma, title):
    # The Dutch stemmer does not join `companies` with `company` (nor `requests` with `request`),
    # the forms the general vocabulary lists: the lemma finds the group.
    assert searcher.language.lemma(question) == lemma
    concept = searcher.concepts(question)[0]
    assert concept.alternatives and {a.how for a in concept.alternatives} == {"synonym"}
    assert top(searcher, question) == title


def test_a_chat_abbreviation_finds_what_it_stands_for(searcher):
    # `asap` is how a chat says `spoed` or `kritiek`; the general vocabulary knows it (and `ww`, `wachtwoord`).
    concept = searcher.concepts("asap")[0]
    kritiek = searcher.term_ids[searcher.analyzer.stem("kritiek")]
    assert any(a.how == "synonym" and a.terms == (kritiek,) for a in concept.alternatives)
    assert top(searcher, "incident asap") == top(searcher, "incident kritiek") == "Prioriteiten"


def test_a_typo_is_read_as_the_word_meant(searcher):
    # the one docs or vocabulary word within the typo budget: found as that word is, its synonyms
    # and compounds with it, at a typo's weight and no less surely (no guess: params.GUESSED)
    typed, meant = searcher.concepts("criticla incident"), searcher.concepts("critical incident")
    assert [(c.text, c.typos) for c in typed] == [("critical", 1), ("incident", 0)]
    assert [a.terms for a in typed[0].alternatives] == [a.terms for a in meant[0].alternatives]
    assert [a.weight for a in typed[0].alternatives] == [
        a.weight * params.MATCH_WEIGHT["typo1"] for a in meant[0].alternatives]
    assert typed[0].weight == pytest.approx(meant[0].weight)
    assert top(searcher, "criticla incident") == top(searcher, "critical incident") == "Prioriteiten"


def test_the_docs_own_word_is_the_likeliest_meant(tmp_path):
    # `promox` is as near the docs' `proxmox` as the vocabulary's `promo` (far more frequent in the
    # language): the docs' own word is meant
    pages = {"p.md": "# Proxmox\n\nProxmox installeren op een server.\n\n## Korting\n\nKorting voor klanten.\n"}
    searcher = build(write_project(tmp_path / "kb", pages)).searcher
    assert searcher.concepts("promox installeren")[0].text == "proxmox"
    assert top(searcher, "promox installeren") == "Proxmox"


def test_a_typo_of_the_asked_thing_is_as_new_to_the_docs_as_the_thing(searcher):
    # `opzegtermjin` is nearest the common `opzegtermijn`, a word that leads nowhere in the docs: it
    # stays as typed, and what is asked is still a thing the docs lack, so declined
    for question in ["wat is de opzegtermijn van het abonnementsmodel",
                     "wat is de opzegtermjin van het abonnementsmodel"]:
        assert not searcher.ask(question).answered, question
    typed = searcher.concepts("wat is de opzegtermjin van het abonnementsmodel")[0]
    assert (typed.text, typed.typos, typed.alternatives) == ("opzegtermjin", 0, [])


def test_a_compound_of_docs_words_or_a_name_is_no_typo(searcher):
    # `printerscanners` is the docs' `printer` and `scanners` (found as a compound), `uvicorn` no `unicorn`
    assert searcher.reader.speller.reading("printerscanners") is None
    assert searcher.reader.speller.reading("uvicorn") is None


def test_a_typo_as_near_two_words_is_left_a_guess(searcher):
    # `visserj`: `vissers` and `visserij` one typo away, of two meanings: none is chosen, each is a guess
    concept = searcher.concepts("visserj")[0]
    assert concept.text == "visserj" and concept.typos == 0
    assert {a.how for a in concept.alternatives} == {"typo1"} and len(concept.alternatives) == 2


def test_a_word_being_typed_is_not_corrected(searcher):
    # a last word that begins a docs word is still being typed: its prefix finds it
    assert "ondersteuni" in [c.text for c in searcher.concepts("printer ondersteuni")]


def test_a_word_split_by_a_space_is_one_word(searcher):
    concepts = searcher.concepts("printer onderst euning")
    assert [(c.text, c.typos) for c in concepts] == [("printer", 0), ("ondersteuning", 1)]
    assert top(searcher, "printer onderst euning") == "Printer ondersteuning"
    assert [(c.text, c.typos) for c in searcher.concepts("abonnements model")] == [("abonnementsmodel", 1)]
    # halves that are words, but rare ones (`crit`, `ical`), are fragments too: the vocabulary's `critical`
    first = searcher.concepts("crit ical incident")[0]
    assert (first.text, first.typos) == ("critical", 1)
    # two words of their own stay two, whatever they would make together
    assert [c.text for c in searcher.concepts("printer model")] == ["printer", "model"]


def test_a_misspelt_stop_word_is_a_stop_word(searcher):
    # `waht` is `what` one swap away and a thousand times rarer: no topic to guess at (as a typo
    # of some docs word); `wacht`, a word of its own, stays a word
    assert [c.text for c in searcher.concepts("waht is het abonnementsmodel")] == ["abonnementsmodel"]
    assert [c.text for c in searcher.concepts("hoeveeel helpen jullie")] == ["helpen"]
    assert "wacht" in [c.text for c in searcher.concepts("wacht op het abonnementsmodel")]
    # a word of its own one typo from a stop word (`abort`, `about`) stays a word
    assert "abort" in [c.text for c in searcher.concepts("how do I abort the abonnementsmodel")]


@pytest.mark.parametrize("typed", ["welkeprinters werken niet", "printersvan kantoor", "hoeprinters"])
def test_a_stop_word_typed_onto_a_docs_word_is_that_word(searcher, typed):
    # the space between them lost: the docs word, at a typo's weight
    first = searcher.concepts(typed)[0]
    assert (first.text, first.typos) == ("printers", 1)
    own = [(a.how, a.terms) for a in first.alternatives if a.how != "described"]  # not what `werken niet` adds
    assert own == [("exact", (searcher.term_ids["printer"],))]


def test_two_stop_words_typed_as_one_are_stop_words(searcher):
    # `voor wie`: neither a topic nor a typo of `voorzie`
    assert [c.text for c in searcher.concepts("voorwie is het abonnementsmodel")] == ["abonnementsmodel"]


@pytest.mark.parametrize("typed", ["deprinters", "onprinters", "AnyPrinters", "Welkeprinters"])
def test_a_prefix_or_a_name_is_no_stop_word_typed_onto_a_word(searcher, typed):
    # `de`, `on` also begin words of their own (`deinstall`, `onbereikbaar`); a name is what it is
    # (`AnyDesk`); a capitalised first word is no name, but is it a sentence's first word
    first = searcher.concepts(f"werkt {typed} goed")[1]
    assert first.alternatives == [] or typed == "Welkeprinters"


def test_greetings_and_signatures_change_no_answer(searcher):
    # `Goedemorgen` and `Anita` are words the docs lack, `vraagje` finds questions: none is asked
    for message in ["Goedemorgen, ik vroeg me af: criticla incident Groetjes, Anita",
                    "hoi allemaal, even een vraagje: critical incident? alvast bedankt!"]:
        assert top(searcher, message) == top(searcher, "critical incident") == "Prioriteiten"
        assert searcher.ask(message).question == message  # shown as asked


def test_two_docs_words_typed_as_one_are_two(tmp_path):
    # `uvrun`, `doesuv`: no compound of the docs (a part is under four letters), so the words apart
    config = MKDOCS_YML.replace("language: nl", "language: en")
    pages = {"x.md": "# Guide\n\n## Running commands\n\nUse uv run to run a command.\n\n"
                     "## Syncing\n\nUse uv sync to update the environment.\n"}
    searcher = build(write_project(tmp_path / "kb", pages, config)).searcher
    for typed, meant in [("uvrun a command", ["uv", "run", "command"]), ("doesuv sync", ["uv", "sync"])]:
        assert [c.text for c in searcher.concepts(typed)] == meant
        assert all(c.typos == 1 for c in searcher.concepts(typed)[:len(meant) - 1])
    assert searcher.ask("uvrun a command").results[0].title == "Running commands"
    # two docs words the docs never have side by side are a name (`devcontainer`, `pipenv`): as typed
    pages["y.md"] = "# Containers\n\nA container holds images.\n\n## Development\n\nLocal dev work.\n"
    searcher = build(write_project(tmp_path / "kb2", pages, config)).searcher
    assert [c.text for c in searcher.concepts("uv in a devcontainer")] == ["uv", "devcontainer"]


def test_a_how_long_question_prefers_the_section_that_gives_a_duration(searcher, monkeypatch):
    # "Reactietijden" shares the words, "Prioriteiten" gives `binnen 1 uur`: what a how-long question expects
    question = "hoe lang duurt het voor een incident verholpen is"
    assert searcher.ask(question).results[0].title == "Prioriteiten"
    monkeypatch.setattr(params, "BOOST_DURATION", 0.0)
    assert searcher.ask(question).results[0].title == "Reactietijden"


def test_the_rules_that_read_the_question_read_its_typos_as_meant(searcher):
    from indexer.search.spelling import as_meant
    from indexer.search.values import asks_duration

    concepts = searcher.concepts("hoesnel reageren jullie bij een criticla incident")
    spelt = as_meant("hoesnel reageren jullie bij een criticla incident", (c for x in concepts for c in x.corrections))
    assert spelt == "hoe snel reageren jullie bij een critical incident"
    assert asks_duration(spelt) and not asks_duration("hoesnel reageren jullie")


def test_a_name_one_typo_from_a_long_docs_word_is_that_word(searcher):
    # written as a name (`Printre`, capitalised mid-sentence) but one typo from the docs' `printer`
    first = next(c for c in searcher.concepts("werkt de Printre van Anita niet") if c.typos)
    assert (first.text, first.corrections) == ("printer", (("printre", "printer"),))
    assert [c.text for c in searcher.concepts("werkt de Intune app niet")][1] == "intune"  # no docs word near


OVERVIEW = """\
    # Facturatie
    Zo werk je met het facturatieprogramma.
    ## 2. Het dashboard
    Op het dashboard zie je een overzicht van je facturen, offertes en betalingen.
    - **Facturen:** bekijk en beheer je facturen.
    - **Offertes:** maak offertes voor nieuwe klanten.
    - **Betalingen:** zie welke facturen betaald zijn en welke nog openstaan.
    ## 3. Een factuur maken
    Klik op Facturen en dan op Nieuwe factuur. Vul de klant en de bedragen in.
    ## 4. Een offerte maken
    Klik op Offertes en dan op Nieuwe offerte.
    ## 7. Betalingen bijhouden
    Klik op Betalingen en dan op Nieuwe betaling. Kies de factuur en vul het bedrag in.
    """


def test_an_overview_defers_to_the_section_its_list_points_to(tmp_path, monkeypatch):
    # The dashboard names the other sections' topics, one line each, and holds the question's
    # words as written (`betaald`); the section whose heading names the payment is the answer.
    searcher = build(write_project(tmp_path, {"facturatie.md": OVERVIEW})).searcher
    question = "de klant heeft betaald, waar zet ik dat?"
    assert top(searcher, question) == "7. Betalingen bijhouden"
    # ... because the dashboard names the headings of two of them: not counting that, it wins
    monkeypatch.setattr(params, "OVERVIEW_OF", 99)
    searcher._views.clear()
    assert top(searcher, question) == "2. Het dashboard"


@pytest.mark.parametrize("pages", [
    # the dashboard's text names two headings, but not the one whose heading names the question
    {"f.md": """\
        # Facturatie
        ## 2. Het dashboard
        Op het dashboard zie je je facturen en offertes. Heeft de klant betaald, dan zie je dat hier.
        ## 3. Een factuur maken
        Klik op Nieuwe factuur en kies de klant.
        ## 4. Een offerte maken
        Klik op Nieuwe offerte en kies de klant.
        ## 7. Betalingen bijhouden
        Registreer het ontvangen bedrag.
        """},
    # a step naming numbers (`2 tot 3 werkdagen`) names no numbered heading
    {"f.md": """\
        # Levering
        Zo loopt een bestelling.
        ## 1. Bestellen
        Bestel via het portaal. De levering duurt 2 tot 3 werkdagen na de bestelling.
        ## 2. Installatie
        We installeren Windows en Office.
        ## 3. Laptop overdracht
        We brengen de laptop langs en leggen alles uit.
        """},
])
def test_a_section_that_names_no_heading_asked_is_no_overview(tmp_path, monkeypatch, pages):
    searcher = build(write_project(tmp_path, pages)).searcher
    question = ("de klant heeft betaald, waar zie ik dat?" if "dashboard" in pages["f.md"]
                else "hoe lang duurt de levering van een laptop?")
    scores = {h.title: h.score for h in searcher.ask(question, top=5).results}
    monkeypatch.setattr(params, "OVERVIEW_OF", 99)
    searcher._views.clear()
    assert scores == {h.title: h.score for h in searcher.ask(question, top=5).results}



INTRODUCED = """\
    # pfSense (Firewall)
    pfSense is een open-source firewall voor netwerkbeveiliging en -beheer.
    ## Setup van pfSense
    Start de virtuele machine en volg de setup-wizard van pfSense. Wijs de WAN- en LAN-interface van
    pfSense toe, geef pfSense een IP-adres en log in op de webinterface van pfSense.
    ## Regels
    Maak in pfSense een regel per netwerk.
    """


def test_what_a_thing_is_is_answered_by_its_introduction_not_its_steps(tmp_path, monkeypatch):
    # the setup step says `pfSense` more often; the page introduces it
    searcher = build(write_project(tmp_path, {"pfsense.md": INTRODUCED})).searcher
    assert top(searcher, "wat is pfsense?") == top(searcher, "what is pfSense") == "pfSense (Firewall)"
    # ... because the question asks what it is: another question about it finds the step
    assert top(searcher, "pfsense") == "Setup van pfSense"
    monkeypatch.setattr(params, "INTRODUCTION_FIRST", 1.0)
    assert top(searcher, "wat is pfsense?") == "Setup van pfSense"


def _scores(searcher, question: str) -> dict[str, float]:
    return {h.title: h.score for h in searcher.ask(question, top=5).results}


def test_a_step_that_names_more_of_the_question_than_its_introduction_keeps_its_score(tmp_path, monkeypatch):
    searcher = build(write_project(tmp_path, {"pfsense.md": INTRODUCED})).searcher
    deferring = _scores(searcher, "wat is pfsense setup?")
    monkeypatch.setattr(params, "INTRODUCTION_FIRST", 1.0)
    undeferred = _scores(searcher, "wat is pfsense setup?")
    assert deferring["Setup van pfSense"] == undeferred["Setup van pfSense"]
    assert deferring["Regels"] < undeferred["Regels"]  # names no more than the introduction: defers


def test_a_chapter_introduces_the_steps_below_it(tmp_path, monkeypatch):
    # the page's own section is a title alone: the chapter under it introduces pfSense
    page = """\
        # Beheer
        ## pfSense
        pfSense is een open-source firewall voor netwerkbeveiliging en -beheer.
        ### Setup van pfSense
        Start de virtuele machine en volg de setup-wizard van pfSense. Wijs de WAN- en LAN-interface
        van pfSense toe, geef pfSense een IP-adres en log in op de webinterface van pfSense.
        """
    searcher = build(write_project(tmp_path, {"beheer.md": page})).searcher
    assert top(searcher, "pfsense") == "Setup van pfSense"
    assert top(searcher, "wat is pfsense?") == "pfSense"
    deferring = _scores(searcher, "wat is pfsense?")
    monkeypatch.setattr(params, "INTRODUCTION_FIRST", 1.0)
    assert deferring["Setup van pfSense"] < _scores(searcher, "wat is pfsense?")["Setup van pfSense"]


def test_a_heading_that_asks_the_question_is_not_deferred(tmp_path):
    page = """\
        # CycloneDX SBOM format
        uv can export the dependencies of your project in the CycloneDX format, with `uv export`.
        ## What is CycloneDX?
        CycloneDX is an industry-standard format for a software bill of materials.
        """
    searcher = build(write_project(tmp_path, {"sbom.md": page},
                                   MKDOCS_YML.replace("language: nl", "language: en"))).searcher
    assert top(searcher, "what is cyclonedx?") == "What is CycloneDX?"


def test_an_introduction_that_says_nothing_takes_nothing_from_the_steps(tmp_path, monkeypatch):
    # a title over nothing of its own
    intro = "    pfSense is een open-source firewall voor netwerkbeveiliging en -beheer.\n"
    pages = {"pfsense.md": INTRODUCED.replace(intro, "")}
    searcher = build(write_project(tmp_path, pages)).searcher

    def scores():
        return {h.title: h.score for h in searcher.ask("wat is pfsense?", top=5).results}

    deferring = scores()
    monkeypatch.setattr(params, "INTRODUCTION_FIRST", 1.0)
    assert scores() == deferring

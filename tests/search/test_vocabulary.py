"""Vocabulary in two layers: the general vocabulary of the site's language ships with faqbot and
serves every knowledge base; a knowledge base's own terms live in the synonyms.yml beside its
mkdocs.yml and nowhere else."""

from __future__ import annotations

from indexer.warnings import Warnings
from tests.conftest import MKDOCS_YML, build, write_project

PAGES = {"diensten.md": "# Diensten\n\n## Maandelijkse dienstverlening\n\nVast tarief per maand.\n\n"
                        "## Beveiliging\n\nFirewalls en toegangscontrole.\n"}


def test_the_general_vocabulary_applies_to_a_knowledge_base_without_synonyms(tmp_path):
    index = build(write_project(tmp_path / "kb", PAGES))
    answer = index.searcher.ask("security")  # nl.yml: beveiliging = security
    assert answer.answered and answer.results[0].title == "Beveiliging"


def test_another_knowledge_base_does_not_get_the_bundled_ones_terms(tmp_path):
    # "qms" is Quarkpulse's name for its monthly service: in knowledge/synonyms.yml only
    index = build(write_project(tmp_path / "kb", PAGES))
    assert not index.searcher.ask("qms").answered
    (tmp_path / "kb" / "synonyms.yml").write_text("- [qms, maandelijkse dienstverlening]\n", encoding="utf-8")
    answer = build(tmp_path / "kb").searcher.ask("qms")
    assert answer.answered and answer.results[0].title == "Maandelijkse dienstverlening"


def test_an_english_site_gets_the_english_vocabulary(tmp_path):
    config = MKDOCS_YML.replace("language: nl", "language: en")
    index = build(write_project(tmp_path / "kb", {"x.md": "# Setup\n\n## Removing a package\n\nUse remove.\n"},
                                config))
    assert index.searcher.reader.synonyms.sources == ["vocabulary/en.yml"]
    assert index.searcher.ask("how do I uninstall a package").results[0].title == "Removing a package"


def test_a_broken_synonyms_file_is_a_warning_naming_it(tmp_path, capsys):
    root = write_project(tmp_path / "kb", PAGES)
    (root / "synonyms.yml").write_text("groups: [unclosed\n", encoding="utf-8")
    index = build(root, Warnings())
    assert index.searcher.ask("security").answered  # the general vocabulary still applies
    assert f"{root / 'synonyms.yml'}: synonyms ignored" in capsys.readouterr().err


def test_a_stop_word_alone_starts_no_synonym(tmp_path):
    # Dutch Snowball stems `overheid` as `over`; the stop word `over` must not find the government
    index = build(write_project(tmp_path / "kb", {"x.md": "# Sectoren\n\n## Overheid\n\nVoor de overheid.\n"}))
    assert index.searcher.concepts("over") == []
    assert index.searcher.ask("overheid").results[0].title == "Overheid"


def test_the_words_of_many_texts_at_once_are_the_words_of_each_in_turn():
    from indexer.search.analyzer import BREAK, Analyzer

    analyzer = Analyzer()
    texts = ["Wi-Fi en e-mail, e.g. 3.11", "Efficiëntie ﬁle İstanbul ΣΑΣ", "don’t -a- a--b ..x. 'quoted'", "",
             "x" * 41 + " kort " + "-".join(["ab"] * 25), "tab\tNBSP\u00a0 sep\u2028 ①² ß", "\ud800 lone"]
    for group in (texts, texts[:1], [], ["a\x00b", "c"], texts[::-1]):
        assert analyzer.unit_words(group) == [w for t in group for w in (*analyzer.words(t), BREAK)]


def test_a_dictionary_form_finds_a_group_as_the_group_writes_it():
    # `companies` is `company`, which the group lists; the stem of a dictionary form would join
    # more than it should (`korter` -> `kort`, stemmed as `korting` is).
    from indexer.search.analyzer import analyzer_for
    from indexer.search.synonyms import Synonyms

    synonyms = Synonyms(key=analyzer_for(("nl",)).stem)
    synonyms.add_group([("bedrijf",), ("company",)])
    synonyms.add_group([("korting",), ("discount",)])
    [(start, end, _, others)] = synonyms.matches(["de", "companies"], ["de", "company"])
    assert (start, end) == (1, 2) and ("bedrijf",) in others
    assert synonyms.matches(["korter"], ["kort"]) == []
    assert synonyms.matches(["companies"]) == []  # without the dictionary forms, as before


DESCRIBED_PAGES = {"netwerk.md": "# Netwerk\n\n## Connect instellen\n\nInstalleer Kwartpuls Connect op de laptop.\n\n"
                                 "## Thuiswerken\n\nTips voor een rustige werkplek thuis.\n\n"
                                 "## Wachtwoorden\n\nKies een sterk wachtwoord.\n"}
DESCRIPTIONS = """\
descriptions:
  - term: kwartpuls connect
    slots:
      - [thuis, vanuit huis, onderweg]
      - [veilig, beveiligd, versleuteld]
      - [kantoornetwerk, kantoor]
"""


def test_a_question_that_describes_a_term_finds_it_as_if_it_named_it(tmp_path):
    # a knowledge base's own descriptions (synonyms.yml), as the general vocabulary has them
    root = write_project(tmp_path / "kb", DESCRIBED_PAGES)
    question = "hoe kunnen collega's vanuit huis veilig bij de bestanden?"
    assert build(root).searcher.ask(question).results[0].title == "Thuiswerken"
    (root / "synonyms.yml").write_text(DESCRIPTIONS, encoding="utf-8")
    searcher = build(root).searcher
    assert searcher.ask(question).results[0].title == "Connect instellen"
    # the words that describe it find the term too, as a synonym spread over them would
    assert described_by(searcher, question) == {"vanuit huis", "veilig"}
    # one slot is not a description (`thuis` alone is about working from home), nor is naming the term,
    # nor a pasted report's context around the asking sentence
    assert not described_by(searcher, "tips om thuis te werken")
    assert not described_by(searcher, "hoe zet ik thuis veilig connect op")
    assert not described_by(searcher, "Ik zit vanuit huis te werken. Alles is veilig. Hoe maak ik een back-up?")
    assert described_by(searcher, "Het gaat om een laptop. Hoe kom ik vanuit huis veilig bij de bestanden?")


def test_stop_words_describe_nothing(tmp_path):
    # `wie … wij of jullie` asks who does a thing, of any thing: no description of one
    root = write_project(tmp_path / "kb", DESCRIBED_PAGES)
    (root / "synonyms.yml").write_text(DESCRIPTIONS + "  - term: wachtwoorden\n    slots:\n"
                                       "      - [wie, wij, jullie]\n      - [regelt, sterk]\n", encoding="utf-8")
    searcher = build(root).searcher
    assert not described_by(searcher, "wie regelt het, wij of jullie?")
    assert described_by(searcher, "kom ik vanuit huis veilig bij kantoor") == {"vanuit huis", "veilig", "kantoor"}


def test_a_description_is_named_by_two_slots_apart_and_finds_its_term_whole(tmp_path):
    root = write_project(tmp_path / "kb", DESCRIBED_PAGES)
    (root / "synonyms.yml").write_text("""\
descriptions:
  - term: kwartpuls connect
    slots:
      - [buiten kantoor, op afstand]
      - [kantoor, veilig]
""", encoding="utf-8")
    searcher = build(root).searcher
    # one phrase is not two slots (`buiten kantoor` holds `kantoor`); a phrase with a stop word names its slot
    assert not described_by(searcher, "zijn jullie buiten kantoor bereikbaar?")
    assert described_by(searcher, "kan ik op afstand veilig werken?") == {"afstand", "veilig"}
    # the term as a whole, both its words in one section, not either word alone
    [concept] = [c for c in searcher.concepts("kan ik op afstand veilig werken?") if c.text == "veilig"]
    [alternative] = [a for a in concept.alternatives if a.how == "described"]
    assert alternative.terms == (searcher.term_ids[searcher.analyzer.term("kwartpuls")],
                                 searcher.term_ids[searcher.analyzer.term("connect")])


def test_a_described_term_the_docs_do_not_use_adds_nothing(tmp_path):
    root = write_project(tmp_path / "kb", {"x.md": "# Thuiswerken\n\nTips voor thuis.\n"})
    (root / "synonyms.yml").write_text(DESCRIPTIONS, encoding="utf-8")
    searcher = build(root).searcher
    assert not described_by(searcher, "vanuit huis veilig bij kantoor")


def described_by(searcher, question: str) -> set[str]:
    """The words of `question` whose concepts found a term it describes."""
    return {c.text for c in searcher.concepts(question) if any(a.how == "described" for a in c.alternatives)}


def test_a_broken_description_is_a_warning_naming_it_and_the_rest_apply(tmp_path, capsys):
    root = write_project(tmp_path / "kb", DESCRIBED_PAGES)
    (root / "synonyms.yml").write_text("groups:\n  - [wachtwoord, password]\n" + DESCRIPTIONS
                                       + "  - term: raid\n    slots: [[schijven]]\n  - just words\n"
                                       + "  - term: '???'\n    slots: [[a], [b]]\n",
                                       encoding="utf-8")
    searcher = build(root, Warnings()).searcher
    err = capsys.readouterr().err
    assert f"{root / 'synonyms.yml'}: description 2 ignored" in err
    assert f"{root / 'synonyms.yml'}: description 3 ignored" in err
    assert f"{root / 'synonyms.yml'}: description 4 ignored: its term" in err
    assert searcher.ask("password").results[0].title == "Wachtwoorden"
    assert searcher.ask("vanuit huis veilig bij het kantoor").results[0].title == "Connect instellen"


def test_the_general_vocabularys_descriptions_load_and_name_no_term_twice():
    from importlib import resources

    import yaml

    for language in ("nl", "en"):
        data = yaml.safe_load((resources.files("indexer.search") / "vocabulary" / f"{language}.yml").read_bytes())
        descriptions = data.get("descriptions") or []
        terms = [str(d["term"]) for d in descriptions]
        assert len(terms) == len(set(terms))
        assert all(len(d["slots"]) >= 2 and all(isinstance(s, list) and s for s in d["slots"]) for d in descriptions)

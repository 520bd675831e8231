"""The analyzer: the same terms for pages and questions."""

from __future__ import annotations

from indexer.search.analyzer import MAX_WORD, analyzer_for, fold, names


def test_fold_lowers_and_drops_accents_and_ligatures():
    assert fold("Efficiëntie") == "efficientie"
    assert fold("ﬁle ÇA") == "file ca"


def test_words_split_on_anything_but_letters_and_digits():
    words = analyzer_for(("nl",)).words
    assert words("Wat kost QMS? (per maand)") == ["wat", "kost", "qms", "per", "maand"]
    assert words("wi-fi") == ["wi", "fi", "wifi"]
    assert words("versie 3.11") == ["versie", "3", "11"]  # a dotted token is split, never joined
    assert words("x" * (MAX_WORD + 1) + " printer") == ["printer"]  # a hash or junk is no word


def test_punctuation_never_changes_the_terms():
    terms = analyzer_for(("nl",)).terms
    assert terms("wat is QMS?") == terms("wat is QMS") == terms("Wat is qms!!")


def test_stop_words_have_no_term_and_the_rest_is_stemmed_in_the_sites_language():
    dutch, english = analyzer_for(("nl",)), analyzer_for(("en",))
    assert dutch.term("de") == "" and dutch.is_stop("de")
    assert dutch.terms("de facturen betalen") == ["factuur", "betaal"]  # plural and singular meet
    assert english.terms("installing packages") == ["instal", "packag"]
    assert dutch.is_stop("x") and not dutch.is_stop("7")  # one letter is no word, one digit is


def test_analyzers_are_shared_per_language():
    assert analyzer_for(("nl",)) is analyzer_for(("nl",))
    assert analyzer_for(("en",)).language == "english"
    assert analyzer_for(("xx",)).language == "dutch"  # a language Snowball lacks: the default


def test_a_contraction_has_no_terms_of_its_own():
    # `doesn't` is kept as `doesn`, `t` and `doesnt`: none of them is what a question is about.
    analyzer = analyzer_for(("en",))
    assert analyzer.terms("it doesn't install, we're stuck and you'll see why I can't") == \
        analyzer.terms("it install stuck see why")


def test_the_fillers_of_chat_have_no_terms_of_their_own():
    # `ff` (even), `idd`, `pls`, `thx`: common enough in chat to weigh as words the docs lack.
    analyzer = analyzer_for(("nl",))
    assert analyzer.terms("hee, ff vragen: werkt de printer idd niet meer? thx") == \
        analyzer.terms("vragen: werkt de printer niet meer?")
    assert analyzer_for(("en",)).terms("yo, pls fix the printer asap lol") == \
        analyzer_for(("en",)).terms("fix the printer asap")
    # ... but not `zeg` (`hoe zeg ik het op`: opzeggen) nor `hoor` (`ik hoor niks`): words of a topic too
    assert not analyzer.is_stop("zeg") and not analyzer.is_stop("hoor")


def test_modal_particles_and_discourse_adverbs_have_no_terms_of_their_own():
    # How sure or casual the asker is (`nou`, `misschien`, `actually`) is no topic of a question.
    assert analyzer_for(("nl",)).terms("wat is dat QMS nou misschien precies") == \
        analyzer_for(("nl",)).terms("wat is dat QMS")
    assert analyzer_for(("en",)).terms("what exactly is IT for hire, actually") == \
        analyzer_for(("en",)).terms("what is IT for hire")
    # ... nor a lexicalised diminutive (`een beetje`, `netjes`), which Snowball would stem as `beet`, `net`
    assert analyzer_for(("nl",)).terms("kunnen jullie ons een beetje netjes helpen") == \
        analyzer_for(("nl",)).terms("kunnen jullie ons helpen")


def test_names_are_told_by_how_they_are_written():
    # capitalised inside a sentence, mixed case, letters with digits; not a sentence's first word
    # nor a quoted sentence's
    text = "Ondersteunen jullie ook Microsoft Intune?  Wij gebruiken OPNsense, een DS224+ en 3CX. vraag: 'Wij hebben'"
    assert names(text) == {"microsoft", "intune", "opnsense", "ds224", "3cx"}
    assert names("hoe koppel ik invoice ninja aan stripe") == frozenset()
    assert names("Ondersteunen jullie TeamViewer of Splashtop, of AnyDesk?") == {"teamviewer", "splashtop", "anydesk"}
    # capitals throughout say nothing; units and ordinals are no names; what follows a colon, a
    # quote or a bullet starts something
    assert names("DHCP SCOPE INSTELLEN WINDOWS SERVER") == frozenset()
    assert names("How Many Workstations Does The Small Business Network Design Assume?") == frozenset()
    assert names("Zijn jullie 24u bereikbaar, ook op de 2e dag? fails on win11") == frozenset()
    assert names('Mijn collega vroeg: "Waarmee kunnen jullie helpen?" • Hoe werkt het') == frozenset()
    assert names("HOW DO I SET UP 2 OR 3 VPN'S, OUTLOOK AND TEAMS 🙂 🙂") == frozenset()  # digits, emoji
    # a lowercase word in brackets or markup still stands before a name
    assert names("wat is het uurtarief (voor Intune)?") == names("*dat* Intune") == {"intune"}

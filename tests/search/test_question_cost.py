"""A question costs what it touches: the sections its alternatives hold, a bounded number of
alternatives per concept, and one synonym group however many pages define an abbreviation."""

from __future__ import annotations

import numpy as np

from indexer.search import params
from indexer.search.reading import Alternative, _strongest
from tests.conftest import build, write_project

ABBREVIATED = """\
    # Dienst {n}

    De dienst heet officieel <abbr title="Quarkpulse Managed Services">QMS</abbr>.

    ## Tarieven {n}

    Quarkpulse Managed Services: een vast bedrag per maand voor kantoor {n}.
    """


def test_pages_defining_the_same_abbreviation_add_one_group(tmp_path):
    one = build(write_project(tmp_path / "one", {"p0.md": ABBREVIATED.format(n=0)})).searcher
    many = build(write_project(tmp_path / "many", {f"p{n}.md": ABBREVIATED.format(n=n) for n in range(30)})).searcher
    assert len(many.reader.synonyms.groups) == len(one.reader.synonyms.groups)
    assert len(many.reader.synonyms.by_phrase[("qms",)]) == 1
    alternatives = {a.how for a in many.concepts("wat is QMS")[0].alternatives}
    assert alternatives == {a.how for a in one.concepts("wat is QMS")[0].alternatives} >= {"exact", "synonym"}
    assert many.ask("wat kost QMS").results[0].title.startswith("Tarieven")


def test_a_concept_keeps_a_bounded_number_of_alternatives(tmp_path):
    # 40 pages define XQ each as something else: 40 synonym groups for one word of the question
    pages = {f"p{n}.md": f"# Onderwerp {n}\n\n*[XQ]: betekenis{n} woord{n}\n\nHier staat XQ en betekenis{n} woord{n}.\n"
             for n in range(40)}
    searcher = build(write_project(tmp_path, pages)).searcher
    concept = searcher.concepts("wat is XQ")[0]
    assert len(concept.alternatives) == params.MAX_ALTERNATIVES
    assert concept.alternatives[0].how == "exact"  # the strongest stay
    assert searcher.ask("wat is XQ").results


def test_strongest_keeps_the_heaviest_in_their_order():
    alts = [Alternative((n,), w, "x") for n, w in enumerate([0.5, 1.0, 0.5, 0.8, 0.5])]
    assert [a.terms[0] for a in _strongest(alts, 3)] == [0, 1, 3]  # ties to the first found
    assert _strongest(alts, 5) == alts


def test_the_question_arrays_are_the_touched_sections(tmp_path):
    pages = {f"p{n}.md": f"# Pagina {n}\n\n{'Alleen hier staat een zeppelin.' if n == 3 else 'Niets.'}\n\n"
                         f"## Printers {n}\n\nHulp bij printers.\n" for n in range(20)}
    searcher = build(write_project(tmp_path, pages)).searcher
    concepts = searcher.concepts("zeppelin printers")
    touched, at = searcher._touched(concepts)
    expected = np.unique(np.concatenate([searcher.core.postings(t)[0] for c in concepts for a in c.alternatives
                                         for t in a.terms]))
    assert touched.tolist() == expected.tolist() and touched.size < searcher.core.n_docs
    assert at[touched].tolist() == list(range(touched.size))
    best = searcher._concept_scores(concepts[0], at, touched.size)
    assert np.count_nonzero(best) == 1  # `zeppelin`: one section of the touched ones
    assert searcher.ask("zeppelin printers").results[0].title in ("Pagina 3", "Printers 3")


def test_decoded_sections_kept_are_bounded_by_their_stored_size(tmp_path, monkeypatch):
    from indexer.search import engine

    pages = {f"p{n}.md": f"# Onderwerp {n}\n\n## Printers {n}\n\nPrinter {n} en scanner {n}. " + "Woord. " * 40 * n
             for n in range(12)}
    searcher = build(write_project(tmp_path, pages)).searcher
    expected = [[h.location for h in searcher.ask(q).results] for q in ("printer scanner", "onderwerp 3")]
    sizes = [searcher._stored_size(d) for d in range(len(searcher.sections))]
    assert min(sizes) > 0  # read from the search file
    monkeypatch.setattr(engine, "SECTION_CACHE", 4 * sorted(sizes)[len(sizes) // 2])
    fresh = build(tmp_path).searcher
    for _ in range(3):
        got = [[h.location for h in fresh.ask(q).results] for q in ("printer scanner", "onderwerp 3")]
        assert got == expected  # the same answers, kept or read again
        assert 0 < fresh._sections_size <= engine.SECTION_CACHE
        assert all(fresh._stored_size(d) <= engine.SECTION_CACHE // 4 for d in fresh._sections)

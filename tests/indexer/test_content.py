"""The content model's plain-text forms: a table row as an answer, text cut at a word."""

from __future__ import annotations

from indexer.content import cut_at_word, row_values, table_row_text


def test_a_row_reads_as_its_label_and_each_column_with_its_value():
    header = ["Gebied", "Quarkpulse", "Klant"]
    row = ["Network Security", "✔️ Implementatie van firewalls, IDS en toegangscontroles.", "-"]
    assert table_row_text(header, row) == (
        "Network Security — Quarkpulse: ✔️ Implementatie van firewalls, IDS en toegangscontroles; Klant: –")
    assert row_values(header, ["Back-up", "", "✔️ Dagelijks."]) == [("Quarkpulse", "–"), ("Klant", "✔️ Dagelijks.")]
    assert table_row_text(header, ["Back-up", "Ja...", "Nee."]) == "Back-up — Quarkpulse: Ja...; Klant: Nee."
    assert table_row_text([], ["Alleen een label"]) == "Alleen een label"


def test_text_is_cut_at_a_word():
    assert cut_at_word("een twee drie vier", 12) == "een twee"
    assert cut_at_word("kort", 12) == "kort"
    assert cut_at_word("x" * 30, 10) == "x" * 10

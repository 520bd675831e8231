"""Heading ids as Python-Markdown's toc makes them (the differential test checks them against a
real MkDocs build; these pin the rules one by one)."""

from __future__ import annotations

from indexer.slugs import HeadingIds, slugify


def test_accents_fold_to_ascii_and_punctuation_goes():
    assert slugify("Efficiëntie & Kosten: wat levert het op?") == "efficientie-kosten-wat-levert-het-op"
    assert slugify("Café   --  Crème") == "cafe-creme"


def test_characters_without_an_ascii_decomposition_are_dropped():
    assert slugify("Straße") == "strae"  # toc drops ß: NFKD has no ASCII form for it
    assert slugify("数据 backup") == "backup"
    assert slugify("🚀 Launch") == "launch"


def test_underscores_and_digits_are_word_characters():
    assert slugify("1. Desktop_en_laptop") == "1-desktop_en_laptop"


def test_the_separator_is_configurable():
    assert slugify("Break en Fix", separator="_") == "break_en_fix"


def test_repeated_ids_are_numbered_and_custom_ids_reserved_first():
    ids = HeadingIds({"voordelen"})
    assert ids.unique("voordelen") == "voordelen_1"
    assert ids.unique("voordelen") == "voordelen_2"
    assert ids.unique("kosten") == "kosten"
    assert ids.unique("kosten_1") == "kosten_1"
    assert ids.unique("kosten") == "kosten_2"  # kosten_1 is taken by a heading of that name


def test_an_empty_slug_becomes_an_id_of_its_own():
    ids = HeadingIds()
    assert ids.unique("") == "_1"
    assert ids.unique("") == "_2"

"""Answers as Block Kit: Markdown's formatting in mrkdwn, long answers cut with a link, limits."""

from __future__ import annotations

from bot import blocks, mrkdwn
from bot.texts import texts
from indexer.search.engine import Answer, Hit
from tests.bot.block_kit import problems


def _hit(section_blocks: list[dict], title: str = "Titel", row: dict | None = None) -> Hit:
    return Hit(location="P/#t", url="https://example.org/docs/P/#t", title=title, breadcrumb=["P", "Q"], score=1.0,
               answer="", blocks=section_blocks, row=row)


def test_markdown_formatting_becomes_mrkdwn():
    para = {"kind": "paragraph", "spans": [["text", "Zie "], ["strong", "vet "], ["em", "schuin"], ["text", " en "],
                                            ["code", "a<b"], ["text", " "], ["link", "de site", "https://x.org/a"],
                                            ["text", " of "], ["link", "lokaal", "../rel/"]]}
    assert mrkdwn.block(para) == "Zie *vet* _schuin_ en `a&lt;b` <https://x.org/a|de site> of lokaal"
    assert mrkdwn.block({"kind": "item", "spans": [["text", "punt"]], "marker": "-", "indent": 1}) == "    • punt"
    assert mrkdwn.block({"kind": "code", "text": "x = 1\n", "lang": "py"}) == "```\nx = 1\n```"
    admonition = {"kind": "paragraph", "spans": [["text", "Let op"]], "quote": 1}
    assert mrkdwn.block(admonition) == "> Let op"
    table = {"kind": "table", "header": ["Gebied", "Quarkpulse", "Klant"], "rows": [["Backup", "✔️ Ja", "-"]]}
    assert mrkdwn.block(table) == "• Backup — Quarkpulse: ✔️ Ja; Klant: –"
    assert mrkdwn.row(["Gebied", "Quarkpulse", "Klant"], ["Backup", "✔️ Ja", "-"]) == \
        "*Backup*\nQuarkpulse: ✔️ Ja\nKlant: –"


def test_a_long_answer_is_cut_at_a_word_with_a_read_more_link():
    long_blocks = [{"kind": "paragraph", "spans": [["text", f"Alinea {n} " + "woord " * 60]]} for n in range(40)]
    message = blocks.answer_message(Answer("v", True, [_hit(long_blocks, title="T" * 400)]), texts("nl"), 7)
    body = message["blocks"][2]["text"]["text"]
    assert len(body) < 1700 and body.endswith("… <https://example.org/docs/P/#t|lees verder>")
    assert not problems(message) and len(message["blocks"][0]["text"]["text"]) <= 150
    one_huge = [{"kind": "paragraph", "spans": [["text", "woord " * 2000]]}]
    message = blocks.answer_message(Answer("v", True, [_hit(one_huge)]), texts("en"), 7)
    assert message["blocks"][2]["text"]["text"].endswith("|read more>") and not problems(message)


def test_not_found_offers_the_closest_titles_and_the_contact():
    answer = Answer("v", False, [_hit([], title="Dichtbij"), _hit([], title="Ook <dichtbij>")])
    message = blocks.answer_message(answer, texts("nl"), 3, contact="Bel <!here> 123")
    text = message["blocks"][0]["text"]["text"]
    assert "geen antwoord" in text and "|Dichtbij>" in text and "Ook &lt;dichtbij&gt;" in text
    assert "Bel &lt;!here&gt; 123" in text


def test_not_found_says_what_the_docs_lack_when_they_hold_the_topic():
    # a price the docs do not give, a page still to be written: said as such, with the sections that come closest
    for missing, said in [("amount", "geen bedrag of aantal"), ("number", "geen nummer"),
                          ("address", "geen adres of link"), ("placeholder", "nog in aanbouw")]:
        answer = Answer("wat is het uurtarief?", False, [_hit([], title="Tarieven")], missing=missing)
        message = blocks.answer_message(answer, texts("nl"), 3)
        text = message["blocks"][0]["text"]["text"]
        assert said in text and said in message["text"] and "geen antwoord" not in text and "|Tarieven>" in text
    english = blocks.answer_message(Answer("hourly rate?", False, [], missing="amount"), texts("en"), 3)
    assert "no figure" in english["text"]

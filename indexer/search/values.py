"""Questions that ask for a value: an amount (a price, a number of something, a phone number)
or an address (a URL, an e-mail address). A section that holds no value of that kind does not
answer them, however well its words match: "wat is het uurtarief van Break en Fix?" is not
answered by a section saying the rates depend on the work, nor "via welke URL log ik in op het
portaal?" by one that names the portal. The cues are the interrogative and the noun of what is
asked, as question classifiers read the expected answer type; they are the languages', not a
knowledge base's."""

from __future__ import annotations

import re

from indexer.content import Block, spans_text

# What a clause asks is told by its first interrogative, as question classifiers read the
# expected answer type: "hoe zie ik hoeveel we verdiend hebben" asks how, not how much.
_INTERROGATIVE = re.compile(r"\b(?:hoeveel|hoe|waar|waarom|wanneer|wat|welke?|wie|via welke?|op welke?"
                            r"|how|where|why|when|what|which|who)\b")
# ... and it asks a figure with `hoeveel`, `how much`; by the figure's name (`wat is het uurtarief`);
# or as a cost per unit (`wat kost QMS per werkplek`, `wat kost een uur`). Not "wat kost break en
# fix": what a service costs is answered by how it is priced, a figure or not.
_FIGURES = (r"(?:uur|maand|jaar)(?:prijs|tarief|bedrag)|maandbedrag|telefoonnummer|percentage|procent"
            r"|hourly rate|phone number")
_UNIT = r"(?:per|een|an|a|one) (?:uur|hour|dag|day|week|maand|month|jaar|year)|per \w+"
_WHAT = r"wat (?:is|zijn|was)|welke?|what(?:'s| is| are)|which"
AMOUNT = re.compile(rf"hoeveel\b|how (?:much|many)\b|(?:{_WHAT})(?: \w+)? (?:{_FIGURES})\b"
                    rf"|(?:wat kost(?:en)?|what (?:does|do|will|would)\b.{{0,60}}?\bcosts?)\b.{{0,60}}?\b(?:{_UNIT})\b")
_ADDRESS_NOUNS = r"url|webadres|website|link|e-?mailadres|mailadres|e-?mail address|address|web address"
ADDRESS = re.compile(rf"(?:(?:via|op) )?(?:welke?|which|wat is (?:het|de)|what(?:'s| is) (?:the|your)"
                     rf"|waar vind ik (?:het|de)|where (?:is|do i find|can i find) (?:the|your))"
                     rf" (?:\w+ )?(?:{_ADDRESS_NOUNS})\b")
_CLAUSE = re.compile(r"[.!?;:,]| (?:en|and|maar|but|of|or) ")  # "hoe migreren jullie … en wat kost dat per maand"
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset([
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "twintig", "dertig",
    "veertig", "vijftig", "honderd", "duizend", "miljoen", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million"])
# `een` and `a` are amounts before a unit: "binnen een werkdag", "within an hour"
_ONE_UNIT = re.compile(r"\b(?:een|één|a|an|one) (?:uur|minuut|dag|werkdag|week|maand|jaar|hour|minute|day|"
                       r"business day|working day|week|month|year)\b")
_ADDRESS_TEXT = re.compile(r"https?://|www\.|\S@\S")


def asked_value(folded_question: str) -> str | None:
    """The kind of value the question asks for ("amount", "address"), None for any other question:
    in any of its clauses, what the first interrogative asks."""
    for sentence in _CLAUSE.split(folded_question):
        first = _INTERROGATIVE.search(sentence)
        if first is None:
            continue
        if ADDRESS.match(sentence, first.start()):
            return "address"
        if AMOUNT.match(sentence, first.start()):
            return "amount"
    return None


def holds_value(kind: str, blocks: list[Block]) -> bool:
    """Whether a section body holds a value of `kind`: a number (in digits or words) for an amount,
    a link or a written address for an address. List markers and heading numbers do not count."""
    for block in blocks:
        if kind == "address" and any(span[0] == "link" for span in block.get("spans", [])):
            return True
        text = _text(block)
        if kind == "address" and _ADDRESS_TEXT.search(text):
            return True
        if kind == "amount" and (_DIGIT.search(text) or _ONE_UNIT.search(text.lower())
                                 or not _NUMBER_WORDS.isdisjoint(text.lower().split())):
            return True
    return False


def _text(block: Block) -> str:
    if block["kind"] == "code":
        return str(block["text"])
    if block["kind"] == "table":
        return " ".join(" ".join(row) for row in [block["header"], *block["rows"]])
    return spans_text(block["spans"])

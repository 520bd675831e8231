"""Questions that ask for a value: an amount (a price, a rate, how many), a phone number, or an
address on the web (a URL, an e-mail address). A section that holds no value of that kind does
not answer them, however well its words match: "wat is het uurtarief van Break en Fix?" is not
answered by a section saying the rates depend on the work, nor "via welke URL log ik in op het
portaal?" by one that names the portal. What a question asks is read as question classifiers
read the expected answer type, from the interrogative and the noun of what is asked; the cues are
the languages', not a knowledge base's."""

from __future__ import annotations

import re

from indexer.content import Block, spans_text

AMOUNT, NUMBER, ADDRESS = "amount", "number", "address"  # the kinds of value (Answer.missing)
DURATION = "duration"  # ... and one that ranks, never declines (`asks_duration`)

# What a clause asks is told by its first interrogative: "hoe zie ik hoeveel we verdiend hebben"
# asks how, not how much.
_INTERROGATIVE = re.compile(r"\b(?:hoeveel|hoe|waar|waarom|wanneer|wat|welke?|wie|via welke?|op welke?"
                            r"|how|where|why|when|what|which|who)\b")
_CLAUSE = re.compile(r"[.!?;:,]| (?:en|and|maar|but|or) ")  # "hoe migreren jullie … en wat kost dat per maand"
_WHAT = r"(?:wat (?:is|zijn|was)|welke?|what(?:['’]s| is| are| was)|which)(?: \w+){0,3}"
# A figure: `hoeveel`, `how much`, `how many` (not `how much of`, a share: "how much of the cache");
# a figure asked by its name (`wat is het uurtarief`); a cost per unit (`wat kost QMS per werkplek`,
# `wat kost een uur`). Not "wat kost break en fix": what a service costs is answered by how it is
# priced, a figure or not.
_FIGURES = (r"(?:uur|maand|jaar)(?:prijs|prijzen|tarief|tarieven|bedrag|bedragen)|maandbedrag|percentage|procent"
            r"|hourly rates?")
_UNIT = r"(?:per|een|an|a|one) (?:uur|hour|dag|day|week|maand|month|jaar|year)|per \w+"
_COST = r"wat kost(?:en)?|what (?:does|do|will|would)\b.{0,60}?\bcosts?"
_AMOUNT = re.compile(rf"hoeveel\b|how (?:much|many)\b(?! of\b)|{_WHAT} (?:{_FIGURES})\b"
                     rf"|what percentage\b|(?:{_COST})\b.{{0,60}}?\b(?:{_UNIT})\b")
_NUMBER = re.compile(rf"{_WHAT} (?:telefoonnummer|nummer|phone number|number)\b")
# An address on the web by its name; not a bare `link` (`wat is de link tussen QMS en …`) nor `address`
# (a street's, which no link gives).
_ADDRESSES = (r"url|webadres|websiteadres|website|e-?mailadres|mailadres|e-?mail address|web address"
              r"|link (?:naar|to|for|of|van)")
_ADDRESS = re.compile(rf"(?:(?:via|op) )?(?:{_WHAT}|waar vind ik (?:het|de)|where (?:is|do i find|can i find) "
                      rf"(?:the|your)) (?:{_ADDRESSES})\b")

_DIGIT = re.compile(r"\d")
_PHONE = re.compile(r"\+?\d[\d \-().]{5,}\d")
_WORD = re.compile(r"[a-zà-ÿ]+")
_NUMBER_WORDS = frozenset([
    "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "twintig", "dertig",
    "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig", "honderd", "duizend", "miljoen", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million"])
_NUMBER_ENDS = ("honderd", "duizend", "miljoen")  # vierhonderd, tweeduizend
# `een` and `a` are amounts before a unit: "binnen een werkdag", "within an hour"
_ONE_UNIT = re.compile(r"\b(?:een|één|a|an|one) (?:uur|minuut|dag|werkdag|week|maand|jaar|hour|minute|day|"
                       r"business day|working day|week|month|year)\b")
_ADDRESS_TEXT = re.compile(r"https?://|www\.|\S@\S")


def asked_value(folded_question: str) -> str | None:
    """The kind of value the question asks for (AMOUNT, NUMBER, ADDRESS), None for any other
    question: in any of its clauses, what the first interrogative asks."""
    for clause in _CLAUSE.split(folded_question.replace("’", "'")):
        first = _INTERROGATIVE.search(clause)
        if first is None:
            continue
        for kind, cue in ((ADDRESS, _ADDRESS), (NUMBER, _NUMBER), (AMOUNT, _AMOUNT)):
            if cue.match(clause, first.start()):
                return kind
    return None


# The thing a question asks about: the first word after a what/which and its article (`wat is de
# opzegtermijn van …`, `welke antivirussoftware …`, `what is the template …`); else the object of a
# how-to's verb when the how-to starts a clause (`hoe maak ik een snapshot …`, `hoe kan ik een
# snapshot maken`, `how do I set up recurring invoices`; not `advies over hoe we …`); else what a
# price question prices (`wat kost een VMware-licentie`).
_FOCUS = re.compile(r"\b(?:wat (?:is|zijn|was|waren)(?: (?:de|het|een|jullie|uw|onze))?|welke?"
                    r"|what(?:'s| is| are| was)(?: (?:the|a|an|your|our))?|which)\s+([\w-]+)")
_ARTICLE = r"(?:(?:een|de|het|mijn|onze|ons|m'n|mn|a|an|the|my|our|your)\s+)?"
_HOW_TO = re.compile(r"(?:^|[,.;:?!\n]\s*)\W*(?:hoe\s+(?:\w+\s+)?(?:ik|je|we|wij|u|men|jullie)"
                     r"|how\s+(?:do|can|should|could|would|to)(?:\s+(?:i|we|you))?\s+\w+"
                     r"(?:\s+(?:up|out|in|off|on))?)\s+" + _ARTICLE + r"([\w-]+)")
_PRICED = re.compile(r"\b(?:(?:wat|hoeveel)\s+kost(?:en)?|how\s+much\s+(?:is|are|does|do|costs?))\s+"
                     + _ARTICLE + r"([\w-]+)")


# A question that asks what a thing is (`wat is pfSense`, `what are workspaces`, `wat betekent SLO`),
# not what a thing's attribute is (`wat zijn de minimale specificaties voor een VM`, `what is the
# default password of pfSense`).
_WHAT_IT_IS = re.compile(r"^\W*(?:wat\s+(?:is|zijn|betekent|betekenen)|what\s+(?:is|are|does)|what's)\b"
                         r"(?!\s+(?:de|het|je|jullie|uw|the|your|my|mijn)\s+(?:[\w-]+\s+){1,3}"
                         r"(?:van|voor|bij|na|op|of|for|after|in|on)\b)")


def asks_what_it_is(folded_question: str) -> bool:
    """Whether the question asks what a thing is: the page or chapter that introduces it answers."""
    return bool(_WHAT_IT_IS.match(folded_question.replace("’", "'")))


def asked_thing(folded_question: str) -> str:
    """The question from the thing it asks about (`wat is de opzegtermijn van het contract` ->
    `opzegtermijn van het contract`, `hoe maak ik een snapshot` -> `snapshot`): the thing is the
    first word of it that names one. Empty for a question that asks none of these ways."""
    text = folded_question.replace("’", "'")
    found = _FOCUS.search(text) or _HOW_TO.search(text) or _PRICED.search(text)
    return folded_question[found.start(1):] if found else ""


def holds_value(kind: str, blocks: list[Block]) -> bool:
    """Whether a section body holds a value of `kind`: a number (in digits or words) for an amount,
    a run of digits for a phone number, a link or a written address for an address, a number with
    a unit of time (or one: `een werkdag`) for a duration. List markers and heading numbers do not
    count."""
    for block in blocks:
        if kind == ADDRESS and any(span[0] == "link" for span in block.get("spans", [])):
            return True
        text = _text(block)
        if kind == ADDRESS and _ADDRESS_TEXT.search(text):
            return True
        if kind == NUMBER and _PHONE.search(text):
            return True
        if kind == AMOUNT and (_DIGIT.search(text) or _ONE_UNIT.search(text.lower()) or any(
                word in _NUMBER_WORDS or word.endswith(_NUMBER_ENDS) for word in _WORD.findall(text.lower()))):
            return True
        if kind == DURATION and _DURATION.search(text.lower()):
            return True
    return False


def _text(block: Block) -> str:
    """A block's own text for `holds_value`: content.block_text would add a list item's marker (`1.`),
    which is no amount."""
    if block["kind"] == "code":
        return str(block["text"])
    if block["kind"] == "table":
        return " ".join(" ".join(row) for row in [block["header"], *block["rows"]])
    return spans_text(block["spans"])


# A question that asks how long (`hoe lang`, `binnen hoeveel tijd`, `how fast`, `response time`) is
# answered by a section that gives a duration (`binnen 1 uur`, `1 werkdag`, `within an hour`): the
# expected answer type, as question answering reads it, of questions whose words the answer need not
# share ("hoe lang duurt het voor jullie reageren" and "Kritieke incidenten: binnen 1 uur").
_ASKS_DURATION = re.compile(r"\b(?:hoe lang|hoe snel|hoe vlug|binnen hoeveel|hoeveel tijd|how long|how fast|"
                            r"how quickly|how soon|within how|reactietijd|responstijd|wachttijd|response times?)\b")
_DURATION = re.compile(r"\b(?:\d+(?:[.,]\d+)?\s*(?:uur|u|minuten|minuut|min|seconden|dagen|dag|werkdagen|werkdag|"
                       r"weken|week|maanden|maand|jaar|jaren|hours?|hrs?|minutes?|mins?|seconds?|days?|"
                       r"business days?|working days?|weeks?|months?|years?)|(?:een|één|an|one) (?:werkdag|uur|"
                       r"dag|week|hour|day|business day|working day))\b")


# ... not how long a thing is, nor how fast it runs: `how long can a package name be`, `hoe lang moet
# een wachtwoord zijn`, `hoe snel is de wifi`
_NOT_DURATION = re.compile(r"\b(?:hoe lang|how long)\b(?:\W+\w+){0,5}?\W+(?:naam|name|namen|names|wachtwoord|"
                           r"password|kabel|cable|pad|path|tekst|text|string|regel|line|sleutel|key|bestandsnaam|"
                           r"filename|url|veld|field)\b|\b(?:hoe snel|how fast) (?:is|zijn|are|was)(?: \w+)? (?:wifi|"
                           r"internet|verbinding|connection|netwerk|network|server|computer|laptop|pc|schijf|disk|"
                           r"drive|processor|cpu)\b")


def asks_duration(folded_question: str) -> bool:
    """Whether the question asks how long something takes or how soon it happens."""
    return bool(_ASKS_DURATION.search(folded_question)) and not _NOT_DURATION.search(folded_question)


# what a number counts: money, time, people, places, sizes (`50 euro`, `30 dagen`, `12 medewerkers`)
UNITS = frozenset({
    "euro", "euros", "eur", "srd", "usd", "dollar", "dollars", "procent", "percent", "seconde", "seconden",
    "minuut", "minuten", "uur", "uren", "dag", "dagen", "werkdag", "werkdagen", "week", "weken", "maand",
    "maanden", "jaar", "jaren", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "weeks",
    "month", "months", "year", "years", "gebruiker", "gebruikers", "medewerker", "medewerkers", "werknemers",
    "man", "mensen", "personen", "werkplek", "werkplekken", "werkstations", "pc", "pcs", "laptops", "user",
    "users", "employee", "employees", "people", "person", "seats", "staff", "gb", "tb", "mb", "gig", "gigs", "kb",
    "mbps", "cores", "core", "keer", "times", "x"})

"""What a Slack message is, before it is searched: a question for the docs, or conversation —
thanks, a greeting, an acknowledgement — or a message to someone else (it mentions a person).

Where nobody addressed the bot (a thread it follows, a channel it answers in) only questions get
a reply; a mention, a DM or `/faq` always gets one, a short friendly one for conversation."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Kind(StrEnum):
    QUESTION = "question"
    THANKS = "thanks"
    GREETING = "greeting"
    ACKNOWLEDGEMENT = "acknowledgement"
    TO_SOMEONE_ELSE = "to-someone-else"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make up conversation in Dutch and English (folded, no accents). A message made of
# these and nothing else is no question for the docs, whatever its punctuation.
_THANKS = _words("""
    bedankt dank dankje dankjewel dankuwel bedank merci thanks thank thx ty tnx cheers
""")
_GREETINGS = _words("""
    hallo hoi hey hi hello heey hee goedemorgen goedemiddag goedenavond morgen middag avond allemaal
    iedereen team all everyone everybody good morning afternoon evening dag daag yo welkom welcome there
""")
# Of those, the ones that greet by themselves; the others are times of day and people, which
# asked alone are a question (`morgen?`: tomorrow?, `en de middag?`)
_SALUTES = _words("""
    hallo hoi hey hi hello heey hee goedemorgen goedemiddag goedenavond good yo welkom welcome
""")
_ACKNOWLEDGEMENTS = _words("""
    ok oke okay okey top super mooi prima perfect great cool nice fijn helder duidelijk begrepen
    gelukt werkt works worked got it ja yes yep nee no nope klopt correct thx lol haha gezien
    understood fine awesome geweldig toppie mooizo echt really indeed inderdaad
""")
# Words that go with them without making a question (`bedankt voor de hulp`, `thanks a lot`)
_FILLER = _words("""
    voor de het een je jij jullie u uw wel hoor zeer heel erg veel hulp snel snelle goede fijne info antwoord alvast
    weer nogmaals nog even ik we wij is dat was dit en of
    for the a an you your very much so lot lots help quick info answer again and or it that this is was
    i we all
""")

# Asking after someone is greeting them (`hi there, how are you?`), not asking the docs
_SMALL_TALK = re.compile(r"\b(?:how are (?:you|u)(?: doing)?|how is it going|how s it going|what s up|whats up"
                         r"|hoe gaat (?:het|ie)(?: met (?:je|jou|u|jullie))?|hoe is het|alles goed)\b")
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_GROUP = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|[^>]*)?>")
_SLACK_MARKUP = re.compile(r"<[^>]*>|:[a-z0-9_+\-]+:")  # links, mentions, emoji codes
_WORD = re.compile(r"[^\W_]+")  # of any script: a question in Cyrillic is no acknowledgement


def kind_of(text: str, bot_user_id: str | None = None) -> Kind:
    """What `text` (a Slack message, markup included) is to the bot."""
    others = [user for user in _MENTION.findall(text) if user != bot_user_id]
    if others or _GROUP.search(text):
        return Kind.TO_SOMEONE_ELSE
    folded = _fold(_SLACK_MARKUP.sub(" ", text))
    words = _WORD.findall(_SMALL_TALK.sub(" hallo ", re.sub(r"[’'`]", " ", folded)))
    meaningful = [w for w in words if w not in _FILLER]
    if not words or not meaningful:
        return Kind.ACKNOWLEDGEMENT  # only emoji, or only filler (`ok, dat is het`)
    if not all(w in _THANKS or w in _GREETINGS or w in _ACKNOWLEDGEMENTS for w in meaningful):
        return Kind.QUESTION
    if any(w in _THANKS for w in meaningful):
        return Kind.THANKS
    if any(w in _GREETINGS for w in meaningful):
        if "?" in text and not any(w in _SALUTES for w in meaningful):
            return Kind.QUESTION
        return Kind.GREETING
    # `klopt dat?`, `is that correct?`: asked, not acknowledged (a 👍 would read as "yes")
    return Kind.QUESTION if "?" in text else Kind.ACKNOWLEDGEMENT


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))

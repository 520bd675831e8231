"""The parts of a chat message that are not its question: a greeting before it (`Hoi Anita,`,
`Goedemorgen allemaal!`), a lead-in that announces it (`even een vraagje:`, `I was wondering`,
`Klant Bakkerij Janssen vraagt:`), a closing after it (`Groetjes, Anita`, `Thanks in advance!`),
and Slack's emoji (`:pray:`). They are how people write in Slack, in any company; read as the
question's words, a greeting the docs never use and a signature's name count as a topic the docs
lack, and `vraagje` finds the FAQ's questions."""

from __future__ import annotations

import re

# The closing's and the greeting's name: up to three words, no sentence of their own.
_NAME = r"(?:[\s,]+[^\s,.!?:;]+){0,3}"
_END = r"\s*[,.!?:;]*[\s\W]*"  # punctuation, emoji
# Slack writes an emoji as its name between colons (`:pray:`, `:thumbsup::skin-tone-2:`): no words
# of the question (`fork`, `knife` of `:fork_and_knife:`).
EMOJI = re.compile(r"(?<![\w/]):[a-z0-9_+'-]*[a-z][a-z0-9_+'-]*:(?![\w/])")
ADDRESSED = re.compile(r"^\s*(?:@[\w.-]+[\s,:]*)+")  # `@faqbot`, `@Anita`: who it is written to
_HELLO = (r"hoi|hallo|hey|hee|heey|hi|hello|hiya|yo|hola|goedemorgen|goedemiddag|goedenavond|"
          r"good\s+(?:morning|afternoon|evening)")
GREETING = re.compile(
    r"^\W*(?:(?:" + _HELLO + r"|ha|beste|geachte|dear)(?:\s+(?:allemaal|iedereen|team|all|everyone|everybody|"
    r"folks|guys|y'all|collega's|mensen|daar|there)|" + _NAME + r")?\s*[,!:.]+|(?:" + _HELLO + r")(?=\s))\s*",
    re.IGNORECASE)
LEAD_IN = re.compile(
    r"^\W*(?:(?:(?:even\s+)?(?:een\s+)?(?:snel(?:le)?\s+)?vraag(?:je)?|(?:a\s+)?quick\s+question|question)"
    r"\s*[:,!.]+|(?:ik\s+vroeg\s+me\s+af|ik\s+vraag\s+me\s+af|i\s+was\s+wondering|i'm\s+wondering|i\s+wonder|"
    r"weet\s+iemand|does\s+anyone\s+know|anyone\s+know|"
    r"(?:kan|kun|kunnen)\s+(?:iemand|jij|je|jullie|u)\s+(?:me|mij)\s+(?:even\s+)?(?:vertellen|uitleggen)|"
    r"(?:can|could|would)\s+(?:someone|anyone|somebody|you)\s+(?:please\s+)?(?:tell|explain\s+to)\s+me)"
    r"(?:\s*[:,]|\s+(?:of|if|whether)(?=\s)|(?=\s)))\s*",
    re.IGNORECASE)
# Someone else's question passed on: `Klant Bakkerij Janssen vraagt:`, `Vraag van de klant:`,
# `Our client asks:`; who asks (a name the docs lack) is not what is asked.
REPORTED = re.compile(
    r"^\W*(?:(?:[^\s:?]+\s+){0,6}(?:vraagt|vroeg|vragen|wil(?:\s+graag)?\s+weten|asks|asked|is\s+asking|"
    r"wants\s+to\s+know|would\s+like\s+to\s+know)|(?:vraag|question)\s+(?:van|from)(?:\s+[^\s:?]+){1,6})\s*:\s*",
    re.IGNORECASE)
CLOSING = re.compile(
    r"(?P<end>[.!?]*)(?P<sep>[\s,;:]+)(?P<closing>(?:met\s+)?(?:vriendelijke\s+)?groet(?:en|jes)?|gr|grt|mvg|m\.v\.g\.|"
    r"(?:alvast\s+|bij\s+voorbaat\s+)?(?:bedankt|dank(?:\s+je|\s+u)?(?:\s+wel)?|dankjewel|dankuwel)|bvd|"
    r"thanks?(?:\s+you)?(?:\s+in\s+advance)?|thx|tnx|ty|tia|cheers|(?:best|kind|warm)\s+regards|regards)\b"
    + _NAME + _END + r"$", re.IGNORECASE)
CLOSING_CHARS = 120
# never a question's words: nor is `alvast bedankt`, `thanks in advance`
CHAT_CLOSINGS = frozenset({"thx", "tnx", "tia", "mvg", "m.v.g.", "bvd", "cheers", "grt", "alvast"})


def question_of(message: str) -> str:
    """`message` without its greeting, lead-in and closing; the message as it is when that would
    leave nothing (`Bedankt!` alone is all there is to read)."""
    text = message.strip()
    if ":" in text:  # (the common message has no emoji: no need to look)
        text = re.sub(r"[ \t]{2,}", " ", EMOJI.sub(" ", text)).strip()
    if text.startswith("@"):
        text = ADDRESSED.sub("", text, count=1)
    text = GREETING.sub("", text, count=1)
    text = LEAD_IN.sub("", text, count=1)
    text = REPORTED.sub("", text, count=1)
    cut = max(0, len(text) - CLOSING_CHARS)  # a closing is short: only the message's end is searched
    text = text[:cut] + CLOSING.sub(_closed, text[cut:], count=1)
    return text if re.search(r"\w", text) else message


def _closed(match: re.Match[str]) -> str:
    """A closing ends the message after its own sentence, or starts one with a capital (`… fix
    Groetjes, Anita`), or is chat's own (`thx`); else it is the question's (`wat zijn de groeten
    van de klant`). The question's own `?` stays."""
    own_sentence = (match["end"] or set(match["sep"]) & set(",;:\n") or match["closing"][0].isupper()
                    or match["closing"].split()[0].lower() in CHAT_CLOSINGS or "advance" in match["closing"].lower())
    return match["end"] if own_sentence else match[0]

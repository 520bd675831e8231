"""The parts of a chat message that are not its question: a greeting before it (`Hoi Anita,`,
`Goedemorgen allemaal!`), a lead-in that announces it (`even een vraagje:`, `I was wondering`,
`Klant Bakkerij Janssen vraagt:`), a closing after it (`Groetjes, Anita`, `Thanks in advance!`),
and Slack's emoji (`:pray:`). They are how people write in Slack, in any company; read as the
question's words, a greeting the docs never use and a signature's name count as a topic the docs
lack, and `vraagje` finds the FAQ's questions."""

from __future__ import annotations

import re

# A person's name after a greeting or a closing: up to three capitalised words (`Anita`, `Jan de
# Vries` has a lowercase `de`, hence the closing's looser name below).
_NAMED = r"(?:\s+(?-i:[A-ZÀ-Þ][\w'’-]*)){1,3}"
# Slack writes an emoji as its name between colons (`:pray:`, `:thumbsup::skin-tone-2:`): no words
# of the question (`fork`, `knife` of `:fork_and_knife:`).
EMOJI = re.compile(r"(?<![\w/]):[a-z0-9_+'-]*[a-z][a-z0-9_+'-]*:(?![\w/])")
ADDRESSED = re.compile(r"^\s*(?:@[\w.-]+[\s,:]*)+")  # `@faqbot`, `@Anita`: who it is written to
_HELLO = (r"hoi|hallo|hey|hee|heey|hi|hello|hiya|yo|hola|goedemorgen|goedemiddag|goedenavond|"
          r"good\s+(?:morning|afternoon|evening)")
# `Hoi Anita,`, `Goedemorgen allemaal!`, `hey team!`, or a greeting word and a space (`hi wat is …`);
# never up to a `.` or `:` (`Hallo, Proxmox installeren. Hoe begin ik?` asks about Proxmox).
GREETING = re.compile(
    r"^\W*(?:(?:" + _HELLO + r"|ha|beste|geachte|dear)(?:\s+(?:allemaal|iedereen|team|all|everyone|everybody|"
    r"folks|guys|y'all|collega's|mensen|daar|there)|" + _NAMED + r")?\s*[,!]+|(?:" + _HELLO + r")(?=\s))\s*",
    re.IGNORECASE)
LEAD_IN = re.compile(
    r"^\W*(?:(?:(?:(?:even|ff|effe|eventjes)\s+)?(?:een\s+)?(?:(?:snel(?:le)?|klein(?:e)?|kort(?:e)?|dom(?:me)?|"
    r"simpel(?:e)?)\s+)?vraag(?:je)?|(?:even|ff|effe|eventjes)\s+(?:vragen|checken|snel|kijken)|"
    r"(?:a\s+)?(?:quick|small|dumb|stupid|silly|simple|random)\s+(?:question|q)|quick\s+check|question)"
    r"\s*[:,!.]+|(?:(?:(?:ff|even|een)\s+)*(?:dom(?:me)?|simpel(?:e)?)\s+vraag(?:je)?|(?:a\s+)?(?:dumb|stupid|silly)\s+"
    r"question),?\s+(?:maar|but)(?=\s)|(?:ik\s+vroeg\s+me\s+af|ik\s+vraag\s+me\s+af|i\s+was\s+wondering|i'm\s+wondering|i\s+wonder|"
    r"weet\s+iemand|does\s+anyone\s+know|anyone\s+know|"
    r"(?:kan|kun|kunnen)\s+(?:iemand|jij|je|jullie|u)\s+(?:me|mij)\s+(?:even\s+)?(?:vertellen|uitleggen)|"
    r"(?:can|could|would)\s+(?:someone|anyone|somebody|you)\s+(?:please\s+)?(?:tell|explain\s+to)\s+me)"
    r"(?:\s*[:,]|\s+(?:of|if|whether)(?=\s)|(?=\s)))\s*",
    re.IGNORECASE)
# Someone else's question passed on: `Klant Bakkerij Janssen vraagt:`, `Vraag van de klant:`,
# `Our client asks:`; who asks (a name the docs lack) is not what is asked. Only a person asks:
# `Proxmox vraagt: root wachtwoord` and `Windows asks: allow this app?` are about what asks.
_PERSON = (r"klant(?:en)?|client|clients|customer|customers|collega(?:'s)?|colleague|colleagues|gebruiker|"
           r"gebruikers|user|users|iemand|someone|manager|directeur|baas|boss|eigenaar|owner|medewerker|"
           r"medewerkers|employee|employees|personeel|staff")
REPORTED = re.compile(
    r"^\W*(?:(?:\w[^\s:?]*\s+){0,3}(?:" + _PERSON + r")(?:\s+\w[^\s:?]*){0,4}\s+(?:vraagt|vroeg|vragen|"
    r"wil(?:\s+graag)?\s+weten|asks|asked|is\s+asking|wants\s+to\s+know|would\s+like\s+to\s+know)"
    r"|(?:vraag|question)\s+(?:van|from)(?:\s+\w[^\s:?]*){1,6})\s*:\s*",
    re.IGNORECASE)
CLOSING = re.compile(
    r"(?P<end>[.!?]*)(?P<sep>[\s,;:]+)(?P<closing>(?:met\s+)?(?:vriendelijke\s+)?groet(?:en|jes)?|gr|grt|mvg|m\.v\.g\.|"
    r"(?:alvast\s+|bij\s+voorbaat\s+)?(?:bedankt|dank(?:\s+je|\s+u)?(?:\s+wel)?|dankjewel|dankuwel)|bvd|"
    r"thanks?(?:\s+you)?(?:\s+in\s+advance)?|thx|tnx|ty|tia|cheers|(?:best|kind|warm)\s+regards|regards(?!\s+to\b))\b"
    r"(?P<name>(?:[\s,]+[^\s,.!?:;]+){0,3})(?P<rest>\s*[,.!?:;]*[\s\W]*)$", re.IGNORECASE)
CLOSING_CHARS = 120
# never a question's words: nor is `alvast bedankt`, `thanks in advance`
CHAT_CLOSINGS = frozenset({"thx", "tnx", "tia", "mvg", "m.v.g.", "bvd", "cheers", "grt", "alvast"})


def question_of(message: str) -> str:
    """`message` without its greeting, lead-in, closing and emoji; the message as it is, without
    emoji, when that would leave nothing (`Bedankt!` alone is all there is to read)."""
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
    if re.search(r"\w", text):
        return text
    bare = EMOJI.sub(" ", message).strip()  # `Bedankt!` alone; nothing at all for emoji alone
    return bare if re.search(r"\w", bare) else ""


def _closed(match: re.Match[str]) -> str:
    """A closing ends the message after its own sentence, or is chat's own (`thx`), or starts one
    with a capital and a name if any (`… fix Groetjes, Anita`); else it is the question's (`wat
    zijn de groeten van de klant`, `How do I edit the Thank You page?`: a closing ends no
    question). The question's own `?`, before the closing, stays."""
    if "?" in match["name"] + match["rest"]:
        return match[0]
    closing, name = match["closing"], match["name"].replace(",", " ").split()
    own_sentence = (match["end"] or set(match["sep"]) & set(",;:\n")
                    or closing.split()[0].lower() in CHAT_CLOSINGS or "advance" in closing.lower()
                    or (closing[0].isupper() and all(word[0].isupper() for word in name)))
    return match["end"] if own_sentence else match[0]

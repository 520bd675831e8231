"""Everything faqbot says to people, in Dutch (default) and English (`FAQBOT_LANGUAGE=en`)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    not_found: str
    suggestions: str
    index_summary: str
    index_rebuilt: str


DUTCH = Texts(
    not_found="Daar heb ik geen antwoord op gevonden in de documentatie.",
    suggestions="Misschien bedoelt u:",
    index_summary="{pages} pagina's, {sections} secties in {docs} "
                  "({added} nieuw, {changed} gewijzigd, {removed} verwijderd, {unchanged} ongewijzigd; {seconds} s)",
    index_rebuilt="Index opnieuw opgebouwd: {reason}.",
)

ENGLISH = Texts(
    not_found="I found no answer to that in the documentation.",
    suggestions="Did you mean:",
    index_summary="{pages} pages, {sections} sections in {docs} "
                  "({added} added, {changed} changed, {removed} removed, {unchanged} unchanged; {seconds} s)",
    index_rebuilt="Index rebuilt: {reason}.",
)

LANGUAGES = {"nl": DUTCH, "en": ENGLISH}


def texts(language: str | None = None) -> Texts:
    """The texts for `language`, else `$FAQBOT_LANGUAGE`, else Dutch."""
    code = (language or os.environ.get("FAQBOT_LANGUAGE") or "nl").lower()[:2]
    return LANGUAGES.get(code, DUTCH)

"""Everything faqbot says to people, in Dutch (default) and English (`FAQBOT_LANGUAGE=en`)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from indexer import Rebuild


@dataclass(frozen=True)
class Texts:
    not_found: str
    suggestions: str
    index_summary: str
    index_rebuilt: str
    indexing: str  # the progress bar's label
    rebuilt_because: dict[Rebuild, str]  # UpdateReport.rebuilt -> why, in words
    # Slack
    open_docs: str
    see_also: str
    read_more: str
    helpful: str
    not_helpful: str
    share: str
    shared_by: str
    thanks_up: str
    thanks_down: str
    contact_default: str
    empty_question: str
    help_title: str
    help_body: str
    examples: tuple[str, ...]
    home_title: str
    home_state: str
    home_never: str
    home_admin: str
    reindex_refused: str
    reindex_started: str
    reindex_done: str
    reindex_failed: str
    share_failed: str
    failed: str


DUTCH = Texts(
    not_found="Daar heb ik geen antwoord op gevonden in de documentatie.",
    suggestions="Misschien bedoelt u:",
    index_summary="{pages} pagina's, {sections} secties in {docs} "
                  "({added} nieuw, {changed} gewijzigd, {removed} verwijderd, {unchanged} ongewijzigd; {seconds} s)",
    index_rebuilt="Index opnieuw opgebouwd: {reason}.",
    indexing="indexeren",
    rebuilt_because={Rebuild.REQUESTED: "op verzoek (--full)",
                     Rebuild.SETTINGS_CHANGED: "instellingen gewijzigd (mkdocs.yml of een nieuwere faqbot)"},
    open_docs="Openen in de documentatie",
    see_also="Zie ook:",
    read_more="lees verder",
    helpful="👍 Nuttig",
    not_helpful="👎 Niet nuttig",
    share="Deel in kanaal",
    shared_by="Gedeeld door <@{user}>",
    thanks_up="Bedankt! Fijn dat het antwoord hielp.",
    thanks_down="Bedankt voor het laten weten. De beheerders van de documentatie zien welke antwoorden niet helpen.",
    contact_default="Kom je er niet uit? Neem contact op met de helpdesk.",
    empty_question="Stel je vraag na `/faq`, bijvoorbeeld `/faq {example}`.",
    help_title="Zo vraag je het aan de FAQ-bot",
    help_body="• Noem mij in een kanaal: `@faqbot {example}` — ik antwoord in de thread.\n"
              "• Stuur mij een direct bericht: elk bericht is een vraag.\n"
              "• `/faq {example}` — alleen jij ziet het antwoord; met één klik deel je het.\n"
              "• Op een bericht: *Meer acties* (⋮) → *Vraag de FAQ-bot*.\n"
              "In een thread waar ik antwoordde, hoef je mij niet opnieuw te noemen.",
    examples=("wie is verantwoordelijk voor network security?", "wat is het verschil tussen QMS en break en fix?",
              "hoe snel reageren jullie op een kritiek incident?"),
    home_title="FAQ-bot: antwoorden uit de documentatie",
    home_state="*Kennisbank:* {pages} pagina's, {sections} secties\n*Laatst bijgewerkt:* {updated}\n*Bron:* {source}",
    home_never="nog nooit",
    home_admin="Beheerders: `/faq reindex` werkt de index direct bij (dat gebeurt ook vanzelf na elke wijziging).",
    reindex_refused="Sorry, alleen beheerders van de FAQ-bot mogen de index bijwerken.",
    reindex_started="Index wordt bijgewerkt…",
    reindex_done="Index bijgewerkt: {added} nieuw, {changed} gewijzigd, {removed} verwijderd, "
                 "{unchanged} ongewijzigd ({pages} pagina's, {sections} secties) in {seconds} s.",
    reindex_failed="Bijwerken van de index is mislukt; ik antwoord met de vorige index. ({error})",
    share_failed="Delen lukte niet in dit kanaal.",
    failed="Er ging iets mis bij het beantwoorden. Probeer het zo nog eens.",
)

ENGLISH = Texts(
    not_found="I found no answer to that in the documentation.",
    suggestions="Did you mean:",
    index_summary="{pages} pages, {sections} sections in {docs} "
                  "({added} added, {changed} changed, {removed} removed, {unchanged} unchanged; {seconds} s)",
    index_rebuilt="Index rebuilt: {reason}.",
    indexing="indexing",
    rebuilt_because={Rebuild.REQUESTED: "requested (--full)",
                     Rebuild.SETTINGS_CHANGED: "settings changed (mkdocs.yml or a newer faqbot)"},
    open_docs="Open in the documentation",
    see_also="See also:",
    read_more="read more",
    helpful="👍 Helpful",
    not_helpful="👎 Not helpful",
    share="Share in channel",
    shared_by="Shared by <@{user}>",
    thanks_up="Thanks! Glad the answer helped.",
    thanks_down="Thanks for letting us know. The documentation's maintainers see which answers do not help.",
    contact_default="Still stuck? Contact the helpdesk.",
    empty_question="Type your question after `/faq`, for example `/faq {example}`.",
    help_title="How to ask the FAQ bot",
    help_body="• Mention me in a channel: `@faqbot {example}` — I answer in the thread.\n"
              "• Send me a direct message: every message is a question.\n"
              "• `/faq {example}` — only you see the answer; one click shares it.\n"
              "• On a message: *More actions* (⋮) → *Vraag de FAQ-bot*.\n"
              "In a thread where I answered, no need to mention me again.",
    examples=("who is responsible for network security?", "what is the difference between QMS and break fix?",
              "how fast do you respond to a critical incident?"),
    home_title="FAQ bot: answers from the documentation",
    home_state="*Knowledge base:* {pages} pages, {sections} sections\n*Last updated:* {updated}\n*Source:* {source}",
    home_never="never",
    home_admin="Admins: `/faq reindex` updates the index now (it also happens by itself after every edit).",
    reindex_refused="Sorry, only the FAQ bot's admins may update the index.",
    reindex_started="Updating the index…",
    reindex_done="Index updated: {added} added, {changed} changed, {removed} removed, "
                 "{unchanged} unchanged ({pages} pages, {sections} sections) in {seconds} s.",
    reindex_failed="Updating the index failed; I keep answering from the previous index. ({error})",
    share_failed="Sharing did not work in this channel.",
    failed="Something went wrong while answering. Please try again shortly.",
)

LANGUAGES = {"nl": DUTCH, "en": ENGLISH}


def texts(language: str | None = None) -> Texts:
    """The texts for `language`, else `$FAQBOT_LANGUAGE`, else Dutch."""
    code = (language or os.environ.get("FAQBOT_LANGUAGE") or "nl").lower()[:2]
    return LANGUAGES.get(code, DUTCH)

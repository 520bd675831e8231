"""Everything faqbot says to people, in Dutch (default) and English (`FAQBOT_LANGUAGE=en`)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from indexer import Rebuild


@dataclass(frozen=True)
class Texts:
    not_found: str
    # instead of not_found when the docs hold the topic but not what was asked (Answer.missing)
    not_given: dict[str, str]
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
    # a conversation, not a question (bot.conversation), when the bot was addressed
    chat_thanks: str
    chat_greeting: str
    chat_acknowledged: str
    you_asked: str  # the question restated above a private answer and a shared one
    escalate: str  # the button "I want to talk to a person"
    escalated: str
    escalated_nobody: str
    resolve: str  # the button "Resolved"
    resolved: str
    voted_up: str  # the feedback buttons replaced by the choice made
    voted_down: str
    which_one: str  # after 👎: the other matches as buttons
    none_of_these: str
    chosen: str
    channel_off: str
    report_title: str  # the report in an admin's App Home
    report_periods: tuple[str, ...]
    report_unanswered: str
    report_missing: dict[str, str]  # after such a question: what the docs lack (Answer.missing)
    report_disliked: str
    report_people: str
    report_person: str
    report_not_found: str
    report_none: str
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
    reindex_fetch_failed: str
    share_failed: str
    failed: str

    def not_found_for(self, missing: str) -> str:
        """The "not found" for an answer's `missing`: what the docs lack, when they hold its topic."""
        return self.not_given.get(missing, self.not_found)

    def lacking(self, missing: str) -> str:
        """After a question in the report, what the docs lacked ("" for a plain "not found")."""
        return self.report_missing.get(missing, "")


DUTCH = Texts(
    not_found="Daar heb ik geen antwoord op gevonden in de documentatie.",
    not_given={"placeholder": "Daarover staat nog niets in de documentatie: de pagina is nog in aanbouw.",
               "amount": "De documentatie noemt daar geen bedrag of aantal voor.",
               "number": "De documentatie geeft daar geen nummer voor.",
               "address": "De documentatie geeft daar geen adres of link voor."},
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
    chat_thanks="Graag gedaan! 🙂",
    chat_greeting="Hallo! Stel me gerust een vraag over de documentatie, bijvoorbeeld: _{example}_",
    chat_acknowledged="👍",
    you_asked="*Vraag:* _{question}_",
    escalate="🙋 Ik wil een mens spreken",
    escalated="{who} <@{user}> wil hierover graag een mens spreken.",
    escalated_nobody="<@{user}> wil hierover graag een mens spreken. (Er is nog niemand ingesteld om te waarschuwen: "
                     "`FAQBOT_ESCALATE`.)",
    resolve="✅ Opgelost",
    resolved="✅ Opgelost, gemeld door <@{user}>.",
    voted_up="👍 Je vond dit nuttig — bedankt!",
    voted_down="👎 Je vond dit niet nuttig.",
    which_one="Welke was het?",
    none_of_these="Geen van deze",
    chosen="Bedankt! De beheerders van de documentatie zien welke sectie je zocht.",
    channel_off="In dit kanaal beantwoord ik geen vragen. Stuur me een direct bericht, of gebruik `/faq`.",
    report_title="Voor beheerders: wat de documentatie mist",
    report_periods=("Afgelopen 7 dagen", "De 30 dagen daarvoor"),
    report_unanswered="Gevraagd zonder antwoord",
    report_missing={"amount": "de docs noemen geen bedrag of aantal", "number": "de docs geven geen nummer",
                    "address": "de docs geven geen adres of link", "placeholder": "de pagina is nog in aanbouw"},
    report_disliked="👎 op deze antwoorden (en wat men in plaats daarvan koos)",
    report_people="Om een mens gevraagd",
    report_person="• {section}: {escalated}× om een mens gevraagd, {resolved}× opgelost",
    report_not_found="(niet gevonden)",
    report_none="(geen)",
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
    reindex_fetch_failed="Ophalen van de documentatie uit git is mislukt ({error}); de index is bijgewerkt "
                         "vanuit de laatst opgehaalde versie.",
    share_failed="Delen lukte niet in dit kanaal.",
    failed="Er ging iets mis bij het beantwoorden. Probeer het zo nog eens.",
)

ENGLISH = Texts(
    not_found="I found no answer to that in the documentation.",
    not_given={"placeholder": "The documentation has nothing on this yet: its page is still being written.",
               "amount": "The documentation gives no figure for that.",
               "number": "The documentation gives no number for that.",
               "address": "The documentation gives no address or link for that."},
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
    chat_thanks="You're welcome! 🙂",
    chat_greeting="Hi! Ask me anything the documentation covers, for example: _{example}_",
    chat_acknowledged="👍",
    you_asked="*Question:* _{question}_",
    escalate="🙋 Talk to a person",
    escalated="{who} <@{user}> would like a person to help with this.",
    escalated_nobody="<@{user}> would like a person to help with this. (Nobody is set up to be told yet: "
                     "`FAQBOT_ESCALATE`.)",
    resolve="✅ Resolved",
    resolved="✅ Resolved, marked by <@{user}>.",
    voted_up="👍 You found this helpful — thanks!",
    voted_down="👎 You found this not helpful.",
    which_one="Which one was it?",
    none_of_these="None of these",
    chosen="Thanks! The documentation's maintainers see which section you were looking for.",
    channel_off="I don't answer questions in this channel. Send me a direct message, or use `/faq`.",
    report_title="For admins: what the documentation lacks",
    report_periods=("Last 7 days", "The 30 days before"),
    report_unanswered="Asked without an answer",
    report_missing={"amount": "the docs give no figure", "number": "the docs give no number",
                    "address": "the docs give no address or link", "placeholder": "its page is still being written"},
    report_disliked="👎 on these answers (and what people chose instead)",
    report_people="Asked for a person",
    report_person="• {section}: {escalated}× asked for a person, {resolved}× resolved",
    report_not_found="(not found)",
    report_none="(none)",
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
    reindex_fetch_failed="Fetching the docs from git failed ({error}); the index was updated from the last "
                         "version fetched.",
    share_failed="Sharing did not work in this channel.",
    failed="Something went wrong while answering. Please try again shortly.",
)

LANGUAGES = {"nl": DUTCH, "en": ENGLISH}


def texts(language: str | None = None) -> Texts:
    """The texts for `language`, else `$FAQBOT_LANGUAGE`, else Dutch."""
    code = (language or os.environ.get("FAQBOT_LANGUAGE") or "nl").lower()[:2]
    return LANGUAGES.get(code, DUTCH)

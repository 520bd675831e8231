"""A chat message's greeting, lead-in and closing are not its question."""

from __future__ import annotations

import pytest

from indexer.search.message import question_of


@pytest.mark.parametrize(("message", "question"), [
    ("Goedemorgen, ik vroeg me af: wat kost break en fix Groetjes, Anita", "wat kost break en fix"),
    ("Hoi Anita, hoe snel reageren jullie?", "hoe snel reageren jullie?"),
    ("hey team! wat is QMS thx", "wat is QMS"),
    ("hoi, even een vraagje: wie regelt de firewall? mvg Jan de Vries", "wie regelt de firewall?"),
    ("weet iemand of de printers onder QMS vallen?", "de printers onder QMS vallen?"),
    ("weet iemand hoe lang het duurt?", "hoe lang het duurt?"),
    ("Hi all, how do I reset my password? Thanks in advance!", "how do I reset my password?"),
    ("Good morning, I was wondering: what is QMS Cheers, Anita", "what is QMS"),
    ("quick question: what is QMS", "what is QMS"),
    # Dutch chat writes `even` as `ff`, and checks as often as it asks
    ("hey, ff vraagje: hoe log ik in op proxmox?", "hoe log ik in op proxmox?"),
    ("ff checken, binnen hoeveel tijd reageren jullie?", "binnen hoeveel tijd reageren jullie?"),
    ("ff snel: waar vul ik de vervaldatum in", "waar vul ik de vervaldatum in"),
    ("ff dom vraagje maar wat is QMS", "wat is QMS"),
    ("dumb question but how do I pin python?", "how do I pin python?"),
    ("kan ik bellen? alvast bedankt 🙏", "kan ik bellen?"),
    ("wat is QMS\nGroeten", "wat is QMS"),
    ("is QMS duur, thanks", "is QMS duur"),
    ("Klant Bakkerij Janssen vraagt: wat kost break en fix", "wat kost break en fix"),
    ("Vraag van klant De Vries BV: hoe snel reageren jullie?", "hoe snel reageren jullie?"),
    ("Our client Bakery Johnson asks: what is QMS", "what is QMS"),
    ("@faqbot hoi, wat is QMS", "wat is QMS"),
    ("Could you please tell me: does uv support python 3.7?", "does uv support python 3.7?"),
    ("kunnen jullie me vertellen hoe ik een ticket indien?", "hoe ik een ticket indien?"),
    ("hoe meld ik me ziek? :face_with_thermometer:", "hoe meld ik me ziek?"),
    (":wave: wat kost QMS :thumbsup::skin-tone-2:", "wat kost QMS"),
    # a greeting ends at its comma: the sentence after it is the question's
    ("Hallo, Proxmox installeren. Hoe begin ik?", "Proxmox installeren. Hoe begin ik?"),
    ("Hoi, printer werkt niet. Wat nu?", "printer werkt niet. Wat nu?"),
    ("wat zijn de voordelen van QMS? Groeten, Jan de Vries", "wat zijn de voordelen van QMS?"),
    (":white_check_mark:", ""),  # emoji alone ask nothing
])
def test_the_question_is_what_the_message_asks(message, question):
    assert question_of(message) == question


@pytest.mark.parametrize("message", [
    "wat zijn de groeten van de klant",  # a closing's word inside the question is the question's
    "hoe bedank ik een klant",
    "Beste manier om backups te maken?",  # `Beste` greets only before a name and a comma
    "welke backup is het best",
    "Hyper-V of VMware?",
    "Bedankt!",  # nothing else to read: the message as it is
    "hi",
    "hoe vraagt een klant: support aan",  # asking is what is asked about here
    "uv sync fails with: error: no such file",
    "backup om 10:30:00 of https://example.org:8080/x",  # times and addresses are no emoji
    "Beste backup software: welke raden jullie aan?",
    "Proxmox vraagt: root wachtwoord. Welke moet ik invullen?",  # only a person passes a question on
    "Windows asks: allow this app? what to do",
    "How do I edit the Thank You page?",  # a closing ends no question
    "What does uv sync do, regards to the lockfile?",
    "hoe zet ik de Groet in outlook",
    "even checken of de backup gelukt is",  # checking is what is asked: no `:` or `,` ends a lead-in
    "ff snel een vraag stellen aan support",
])
def test_a_message_that_is_all_question_stays_whole(message):
    assert question_of(message) == message

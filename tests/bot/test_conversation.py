"""Which messages are questions for the docs, and which are conversation or meant for someone else."""

from __future__ import annotations

import pytest

from bot.conversation import Kind, kind_of


@pytest.mark.parametrize(("text", "kind"), [
    ("top, bedankt!", Kind.THANKS),
    ("Dankjewel voor de snelle hulp 🙏", Kind.THANKS),
    ("thanks a lot :pray:", Kind.THANKS),
    ("goedemorgen allemaal!", Kind.GREETING),
    ("hallo", Kind.GREETING),
    ("Hi everyone", Kind.GREETING),
    ("ok", Kind.ACKNOWLEDGEMENT),
    ("Oké, helder 👍", Kind.ACKNOWLEDGEMENT),
    (":+1:", Kind.ACKNOWLEDGEMENT),
    ("", Kind.ACKNOWLEDGEMENT),
    ("<@U0JAN> kun jij hier even naar kijken?", Kind.TO_SOMEONE_ELSE),
    ("<!subteam^S0HELP|helpdesk> wie weet dit?", Kind.TO_SOMEONE_ELSE),
    ("wie is verantwoordelijk voor network security?", Kind.QUESTION),
    ("hoi, hoe reset ik mijn wachtwoord?", Kind.QUESTION),
    ("bedankt! en wie doet de firewall updates?", Kind.QUESTION),
    ("werkt de VPN niet?", Kind.QUESTION),
    ("QMS", Kind.QUESTION),
    ("klopt dat?", Kind.QUESTION),
    ("Is that correct?", Kind.QUESTION),
    ("morgen?", Kind.QUESTION),  # tomorrow?, a follow-up: no greeting without a word that greets
    ("en in de middag?", Kind.QUESTION),
    ("hallo?", Kind.GREETING),
    ("goedemorgen iedereen?", Kind.GREETING),
    ("hi there, how are you", Kind.GREETING),
    ("Hoi! Hoe gaat het?", Kind.GREETING),
    ("what's up?", Kind.GREETING),
    ("hoe gaat het met de backup?", Kind.QUESTION),
    ("how are you handling backups?", Kind.QUESTION),
    ("как настроить vpn?", Kind.QUESTION),  # another script: a question, not an acknowledgement
    ("如何重置密码", Kind.QUESTION),
])
def test_the_kind_of_a_message(text, kind):
    assert kind_of(text, bot_user_id="UBOT") == kind


def test_a_mention_of_the_bot_itself_is_no_mention_of_someone_else():
    assert kind_of("<@UBOT> wat is QMS?", bot_user_id="UBOT") == Kind.QUESTION
    assert kind_of("<@UBOT> bedankt!", bot_user_id="UBOT") == Kind.THANKS

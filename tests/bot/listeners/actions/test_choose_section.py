from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.actions.choose_section import record_choice


def test_the_section_chosen_after_a_thumbs_down_is_stored_for_the_report(faqbot, context):
    reply = faqbot.reply("wie doet de firewall?", "U1", "C1", source="mention")
    ack, respond = MagicMock(), MagicMock()
    record_choice(ack, {"value": f"{reply.question_id}|FAQs/Diensten/#details-van-verantwoordelijkheden"},
                  {"user": {"id": "U1"}}, respond, context)
    ack.assert_called_once()
    assert respond.call_args.kwargs == {"replace_original": True, "text": faqbot.texts.chosen}
    [line] = faqbot.store.chosen_instead()
    assert (line.question, line.chosen) == ("wie doet de firewall?", "FAQs/Diensten/#details-van-verantwoordelijkheden")


def test_none_of_these_is_a_choice_too_and_strange_values_are_ignored(faqbot, context):
    reply = faqbot.reply("wie doet de firewall?", "U1", "C1", source="mention")
    for value in (f"{reply.question_id}|", "x|y", "999999|z"):
        record_choice(MagicMock(), {"value": value}, {"user": {"id": "U1"}}, MagicMock(), context)
    assert [line.chosen for line in faqbot.store.chosen_instead()] == [""]

from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.actions.feedback import record_feedback


def click(action_id: str, value: str, user: str, context, message: dict | None = None,
          client: MagicMock | None = None) -> MagicMock:
    ack, respond = MagicMock(), MagicMock()
    body = {"user": {"id": user}, "channel": {"id": "C1"}, **({"message": message} if message else {})}
    record_feedback(ack, {"action_id": action_id, "value": value}, body, respond, client or MagicMock(), context)
    ack.assert_called_once()
    return respond


def buttons(blocks: list[dict]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_a_vote_updates_the_answer_to_show_it_and_is_stored_once_per_person(faqbot, context):
    reply = faqbot.reply("wat kost break en fix", "U1", "C1", source="mention")
    respond = click("feedback_up", str(reply.question_id), "U2", context, message=reply.message)
    updated = respond.call_args.kwargs
    assert updated["replace_original"] is True
    assert "feedback_up" not in buttons(updated["blocks"]) and "open_docs" in buttons(updated["blocks"])
    assert faqbot.texts.voted_up in str(updated["blocks"])
    assert respond.call_count == 1  # no second thank-you
    click("feedback_down", str(reply.question_id), "U2", context, message=reply.message)  # changed their mind
    click("feedback_up", str(reply.question_id), "U3", context, message=reply.message)
    assert (faqbot.store.totals()["down"], faqbot.store.totals()["up"]) == (1, 1)


def test_a_thumbs_down_asks_which_of_the_other_matches_it_was(faqbot, context):
    reply = faqbot.reply("wie is verantwoordelijk voor network security?", "U1", "C1", source="mention")
    respond = click("feedback_down", str(reply.question_id), "U2", context, message=reply.message)
    which = respond.call_args_list[-1].kwargs
    assert which["response_type"] == "ephemeral" and which["text"] == faqbot.texts.which_one
    values = [e["value"] for b in which["blocks"] if b["type"] == "actions" for e in b["elements"]]
    top = reply.answer.results[0].location
    assert values[-1] == f"{reply.question_id}|"  # "none of these"
    assert all(v.startswith(f"{reply.question_id}|") and v != f"{reply.question_id}|{top}" for v in values)
    assert len(values) >= 2


def test_a_vote_on_a_private_answer_is_said_privately(faqbot, context):
    reply = faqbot.reply("wat is QMS", "U1", "C1", source="command", private=True)
    respond = click("feedback_up", str(reply.question_id), "U1", context)
    assert respond.call_args.kwargs == {"response_type": "ephemeral", "replace_original": False,
                                        "text": faqbot.texts.voted_up}


def test_a_button_with_a_strange_value_is_acknowledged_and_ignored(faqbot, context):
    respond = click("feedback_up", "not-a-number", "U2", context)
    respond.assert_not_called()
    assert faqbot.store.totals()["up"] == 0


def test_an_answer_in_a_conversation_is_updated_with_its_metadata_kept(faqbot, context, client):
    reply = faqbot.reply("wat kost break en fix", "U1", "C1", source="mention")
    metadata = {"event_type": "faqbot_answer", "event_payload": {"key": "Ev1", "question": "wat kost break en fix"}}
    message = {**reply.message, "ts": "1700000012.000100", "metadata": metadata}
    respond = click("feedback_up", str(reply.question_id), "U2", context, message=message, client=client)
    update = client.chat_update.call_args.kwargs
    assert (update["channel"], update["ts"], update["metadata"]) == ("C1", "1700000012.000100", metadata)
    assert "feedback_up" not in buttons(update["blocks"])
    respond.assert_not_called()  # nothing to say privately: the answer shows the vote


def test_the_vote_is_acknowledged_in_the_language_of_the_question(faqbot, context):
    from bot.texts import ENGLISH

    reply = faqbot.reply("who is responsible for network security?", "U1", "C1", source="command", private=True)
    respond = click("feedback_down", str(reply.question_id), "U1", context)
    said, which = (call.kwargs for call in respond.call_args_list)
    assert said["text"] == ENGLISH.voted_down and which["text"] == ENGLISH.which_one


def test_a_button_value_that_is_no_question_number_is_ignored(faqbot, context):
    # never written by the bot, but a request can carry anything: no traceback, nothing stored
    for value in ("9" * 40, "²", "-1", "", "12|x"):
        respond = click("feedback_up", value, "U2", context)
        respond.assert_not_called()
    assert faqbot.store.totals()["up"] == 0

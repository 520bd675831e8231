from __future__ import annotations

from unittest.mock import MagicMock

from bot.listeners.actions.open_docs import open_docs


def test_the_link_button_click_is_acknowledged():
    ack = MagicMock()
    open_docs(ack)
    ack.assert_called_once_with()

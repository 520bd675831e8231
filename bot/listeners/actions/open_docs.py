"""The link button to the site opens in the browser; Slack still sends the click, which is acknowledged."""

from __future__ import annotations

from slack_bolt import Ack


def open_docs(ack: Ack) -> None:
    ack()

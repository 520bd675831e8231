"""The log holds back repeats of the same message instead of flooding."""

from __future__ import annotations

import logging

from bot.logs import RepeatFilter


def test_repeats_are_held_back_and_counted():
    logger = logging.getLogger("faqbot.test-repeats")
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect()
    handler.addFilter(RepeatFilter(every=3600))
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for n in range(1000):
            logger.error("post to %s failed", f"C{n}")
        logger.error("another kind of failure")
        assert records == ["post to C0 failed", "another kind of failure"]
        held = RepeatFilter(every=0)  # a filter whose interval has passed lets the next one through
        held._last[("faqbot.test-repeats", logging.ERROR, "post to %s failed")] = (-1.0, 999)
        handler.filters = [held]
        logger.error("post to %s failed", "C1000")
        assert records[-1] == "post to C1000 failed (999 more like it held back)"
    finally:
        logger.removeHandler(handler)

"""The bot's log: one line per thing that happened, and not a flood when the same thing happens
again and again (Slack or the database down, a client hammering the server): a message of the same
kind from the same place is written once per REPEAT_EVERY seconds, with a count of those left out."""

from __future__ import annotations

import logging
import sys
import threading
import time

REPEAT_EVERY = 10.0


class RepeatFilter(logging.Filter):
    """Lets a record through unless one of the same logger, level and message template passed in
    the last `every` seconds; the next one through says how many were held back."""

    def __init__(self, every: float = REPEAT_EVERY) -> None:
        super().__init__()
        self.every = every
        self._last: dict[tuple[str, int, str], tuple[float, int]] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg))
        now = time.monotonic()
        with self._lock:
            last, held = self._last.get(key, (-self.every, 0))
            if now - last < self.every:
                self._last[key] = (last, held + 1)
                return False
            if len(self._last) > 10_000:
                self._last.clear()
            self._last[key] = (now, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like it held back)"
        return True


def configure() -> None:
    """Log to stderr, "faqbot: LEVEL message", repeats held back."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("faqbot: %(levelname)s %(message)s"))
    handler.addFilter(RepeatFilter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])

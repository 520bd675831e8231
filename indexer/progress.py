"""Progress of long index work, for the front ends to show: a callable given (pages done, pages in
all) as pages are parsed, for updates of LARGE pages or more only (`large_only`). `LoggedProgress`
writes it to the log at intervals (the running bot)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

Progress = Callable[[int, int], None]  # (pages parsed, pages to parse)
LARGE = 200  # pages: an update this large is worth showing (a few seconds of work or more)


def large_only(progress: Progress) -> Progress:
    """`progress`, told only of updates worth showing (a few pages are done before it would show)."""
    def told(done: int, total: int) -> None:
        if total >= LARGE:
            progress(done, total)
    return told


class LoggedProgress:
    """Logs a large update's progress every `every` seconds: pages parsed, rate, time left."""

    def __init__(self, log: logging.Logger, every: float = 10.0) -> None:
        self.log, self.every = log, every
        self.started = self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done <= 1:
            self.started = self.last = now
            return
        if now - self.last >= self.every or done == total:
            self.last = now
            rate = done / max(now - self.started, 1e-9)
            self.log.info("indexing: %d of %d pages, %.0f pages/s, %.0f s left", done, total, rate,
                          (total - done) / rate)

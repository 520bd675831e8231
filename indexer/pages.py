"""An index's pages by path, read from the base one record at a time.

Every page's summary (what an update compares: its size, time, includes and digest; and its
section count) is held for every page; a page's record (its sections and term counts) is read
from the base file when asked for. So an update that finds one page changed reads one record,
and a process holding a large index holds its summaries, not its content.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, MutableMapping
from typing import cast

from indexer.records import PageRecord, PageSummary
from indexer.store import BaseBlobs


def summary_of(record: PageRecord) -> PageSummary:
    return {"stat": record["stat"], "checked_ns": record["checked_ns"], "includes": record["includes"],
            "digest": record["digest"], "sections": len(record["sections"])}


class PageTable(MutableMapping[str, PageRecord]):
    """Pages by path: the summaries of all, the records of the base read on demand (a fresh dict
    each time: to change one, set it again), the records set since held in memory."""

    def __init__(self, records: dict[str, PageRecord] | None = None,
                 base: tuple[list[str], list[PageSummary], BaseBlobs] | None = None) -> None:
        self._summaries: dict[str, PageSummary] = {}
        self._in_base: dict[str, int] = {}
        self._blobs: BaseBlobs | None = None
        self._held: dict[str, PageRecord] = {}
        if base is not None:
            paths, summaries, self._blobs = base
            self._summaries = dict(zip(paths, summaries, strict=True))
            self._in_base = {path: i for i, path in enumerate(paths)}
        for path, record in (records or {}).items():
            self[path] = record

    def base_paths(self) -> list[str]:
        """The pages of the base file, in its order (by path)."""
        return sorted(self._in_base, key=self._in_base.__getitem__)

    def base_record(self, path: str) -> PageRecord:
        """The page's record as the base file holds it (changed since, or not)."""
        if self._blobs is None:
            raise KeyError(path)
        return cast(PageRecord, self._blobs[self._in_base[path]])

    def summary(self, path: str) -> PageSummary | None:
        return self._summaries.get(path)

    def summaries(self) -> dict[str, PageSummary]:
        return self._summaries

    @property
    def section_count(self) -> int:
        return sum(s["sections"] for s in self._summaries.values())

    def __getitem__(self, path: str) -> PageRecord:
        held = self._held.get(path)
        if held is not None:
            return held
        if path not in self._summaries or self._blobs is None:
            raise KeyError(path)
        return cast(PageRecord, self._blobs[self._in_base[path]])

    def raw(self, path: str) -> bytes:
        """The record as the base stores it (copied from the old base without decoding)."""
        held = self._held.get(path)
        if held is None and self._blobs is not None and path in self._summaries:
            return self._blobs.raw(self._in_base[path])
        return marshal.dumps(cast(dict[str, object], self[path]))

    def __setitem__(self, path: str, record: PageRecord) -> None:
        self._held[path] = record
        self._summaries[path] = summary_of(record)

    def __delitem__(self, path: str) -> None:
        del self._summaries[path]
        self._held.pop(path, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._summaries)

    def __len__(self) -> int:
        return len(self._summaries)

    def __contains__(self, path: object) -> bool:
        return path in self._summaries

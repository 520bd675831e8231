"""An index's pages by path, read from the base one record at a time.

Every page's summary (what an update compares: its size, time, includes and digest; and its
section count) is held for every page, the base's in columns (numbers in arrays, digests in one
bytes string: a hundred thousand pages load in milliseconds and hold a few megabytes); a page's
record (its sections and term counts) is read from the base file when asked for. So an update that
finds one page changed reads one record, and a process holding a large index holds its summaries,
not its content.
"""

from __future__ import annotations

import marshal
from array import array
from bisect import bisect_left
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any, cast

from indexer.records import IncludeState, PageRecord, PageState, PageSummary
from indexer.store import BaseBlobs

_NONE: dict[str, IncludeState] = {}
PageStateTuple = tuple[int, int, int, dict[str, IncludeState]]  # size, mtime_ns, checked_ns, includes


def state_of(state: PageState) -> PageStateTuple:
    """A page's state as `PageTable.table` gives it: (size, mtime_ns, checked_ns, includes)."""
    return state["stat"][0], state["stat"][1], state["checked_ns"], state["includes"]


def position_in(paths: Sequence[str], path: str) -> int | None:
    """`path`'s place in the sorted `paths`, None when it is not there (by bisection)."""
    i = bisect_left(paths, path)
    return i if i < len(paths) and paths[i] == path else None


def summary_of(record: PageRecord) -> PageSummary:
    return {"stat": record["stat"], "checked_ns": record["checked_ns"], "includes": record["includes"],
            "digest": record["digest"], "sections": len(record["sections"])}


def columns_of(summaries: list[PageSummary]) -> dict[str, Any]:
    """The summaries of a base's pages (in its order) as the base stores them: in columns."""
    numbers = array("q")
    for s in summaries:
        numbers.extend((s["stat"][0], s["stat"][1], s["checked_ns"], s["sections"]))
    return {"numbers": numbers.tobytes(), "digests": b"".join(bytes.fromhex(s["digest"]) for s in summaries),
            "includes": {i: s["includes"] for i, s in enumerate(summaries) if s["includes"]}}


class PageTable(MutableMapping[str, PageRecord]):
    """Pages by path: the summaries of all, the records of the base read on demand (a fresh dict
    each time: to change one, set it again), the records set since held in memory."""

    def __init__(self, records: dict[str, PageRecord] | None = None,
                 base: tuple[list[str], dict[str, Any], BaseBlobs] | None = None) -> None:
        self._paths: list[str] = []
        self._positions: dict[str, int] | None = None  # made after a few look-ups (`_position`)
        self._lookups = 0
        self._numbers = array("q")  # per base page: size, mtime_ns, checked_ns, sections
        self._digests = b""
        self._includes: dict[int, dict[str, IncludeState]] = {}
        self._blobs: BaseBlobs | None = None
        self._changed: dict[str, PageSummary] = {}  # pages set since the base (held), by path
        self._held: dict[str, PageRecord] = {}
        self._removed: set[str] = set()  # pages of the base no longer here
        self._base_sections = 0
        if base is not None:
            self._paths, columns, self._blobs = base
            self._numbers.frombytes(columns["numbers"])
            self._digests = columns["digests"]
            self._includes = columns["includes"]
            self._base_sections = sum(self._numbers[3::4])
        for path, record in (records or {}).items():
            self[path] = record

    # -- summaries ---------------------------------------------------------------------------

    def table(self) -> dict[str, PageStateTuple]:
        """Every page's state (`state_of`), by path, made at once (for a walk's worth of look-ups)."""
        numbers = self._numbers
        includes: list[dict[str, IncludeState]] = [_NONE] * len(self._paths)  # shared, never changed
        for i, held in self._includes.items():
            includes[i] = held
        table = dict(zip(self._paths, zip(numbers[0::4], numbers[1::4], numbers[2::4], includes, strict=True),
                         strict=True))
        for path in self._removed:
            del table[path]
        for path, s in self._changed.items():
            table[path] = state_of(s)
        return table

    def page_state(self, path: str) -> PageStateTuple | None:
        """One page's state (`state_of`), None when it is not here."""
        summary = self.summary(path)
        return state_of(summary) if summary is not None else None

    def summary(self, path: str) -> PageSummary | None:
        changed = self._changed.get(path)
        if changed is not None:
            return changed
        i = self._position(path)
        if i is None or path in self._removed:
            return None
        size, mtime, checked, sections = self._numbers[4 * i:4 * i + 4]
        return {"stat": [size, mtime], "checked_ns": checked, "includes": self._includes.get(i, {}),
                "digest": self._digests[32 * i:32 * i + 32].hex(), "sections": sections}

    def summaries(self) -> dict[str, PageSummary]:
        """Every page's summary, by path (made for all: for a new base or a rebuild)."""
        return {path: s for path in self if (s := self.summary(path)) is not None}

    @property
    def section_count(self) -> int:
        positions = [self._position(p) for p in self._removed | set(self._changed)]
        gone = sum(self._numbers[4 * i + 3] for i in positions if i is not None)
        return self._base_sections - gone + sum(s["sections"] for s in self._changed.values())

    def _position(self, path: str) -> int | None:
        """The page's place in the base, None when the base has none: found by bisection in the
        sorted paths for the first few look-ups (an update of a few pages makes no map of all),
        then from a map made once."""
        if self._positions is not None:
            return self._positions.get(path)
        self._lookups += 1
        if self._lookups > 64:
            self._positions = dict(zip(self._paths, range(len(self._paths)), strict=True))
            return self._positions.get(path)
        return position_in(self._paths, path)

    # -- records -----------------------------------------------------------------------------

    def base_paths(self) -> list[str]:
        """The pages of the base file, in its order (by path)."""
        return list(self._paths)

    def base_record(self, path: str) -> PageRecord:
        """The page's record as the base file holds it (changed since, or not)."""
        if self._blobs is None:
            raise KeyError(path)
        i = self._position(path)
        if i is None:
            raise KeyError(path)
        return cast(PageRecord, self._blobs[i])

    def __getitem__(self, path: str) -> PageRecord:
        held = self._held.get(path)
        if held is not None:
            return held
        i = self._position(path)
        if i is None or path in self._removed or self._blobs is None:
            raise KeyError(path)
        return cast(PageRecord, self._blobs[i])

    def raw(self, path: str) -> bytes:
        """The record as the base stores it (copied from the old base without decoding)."""
        i = self._position(path) if path not in self._held else None
        if i is not None and path not in self._removed and self._blobs is not None:
            return self._blobs.raw(i)
        return marshal.dumps(cast(dict[str, object], self[path]))

    def __setitem__(self, path: str, record: PageRecord) -> None:
        self._held[path] = record
        self._changed[path] = summary_of(record)
        self._removed.discard(path)

    def __delitem__(self, path: str) -> None:
        if path not in self:
            raise KeyError(path)
        self._held.pop(path, None)
        self._changed.pop(path, None)
        if self._position(path) is not None:
            self._removed.add(path)

    def __iter__(self) -> Iterator[str]:
        for path in self._paths:
            if path not in self._removed and path not in self._changed:
                yield path
        yield from self._changed

    def __len__(self) -> int:
        in_base = len(self._paths) - len(self._removed)
        return in_base + sum(1 for p in self._changed if self._position(p) is None or p in self._removed)

    def __contains__(self, path: object) -> bool:
        if path in self._changed:
            return True
        return isinstance(path, str) and self._position(path) is not None and path not in self._removed

"""The index's stored records, typed: what `faqbot index` writes for every page and section.

TypedDicts describe plain dicts, so the stored format (marshal of lists, dicts, strings, numbers
and bytes: indexer.store) is exactly what these types say, with no conversion on load.
"""

from __future__ import annotations

from typing import TypedDict

from indexer.content import Block

IncludeState = list[int | str]  # [size, mtime_ns, sha256 of what is indexed]; [-1, -1, ""] when unreadable


class SectionRecord(TypedDict):
    """One section: its location as the site writes it (page URL + `#` + heading id, none for the
    page's own entry), heading, level (0: untitled top entry), heading path and content."""

    location: str
    title: str
    level: int
    breadcrumb: list[str]
    blocks: list[Block]


class PackedCounts(TypedDict):
    """A page's term counts packed as bytes (indexer.search.postings.pack_page): `sec` int32
    section numbers, `term` int32 term ids, `tf` float32 counts per field, `len` float32 field
    lengths per section, `pairs` int64 keys of neighbouring terms sorted per section, `pair_ends`
    int32 where each section's pairs end."""

    sec: bytes
    term: bytes
    tf: bytes
    len: bytes
    pairs: bytes
    pair_ends: bytes


class PagePostings(PackedCounts):
    """A page's packed term counts and `words`, its surface words (typo targets)."""

    words: list[str]


class PageState(TypedDict):
    """What tells whether a page changed since it was indexed without reading it: the size and
    time seen before reading it, when it was read, and the state of every include."""

    stat: list[int]  # [size, mtime_ns] before reading
    checked_ns: int  # when it was read: a file written within two seconds of it is compared by content
    includes: dict[str, IncludeState]  # path from the project root -> its state when read


class SpecialPage(PageState, total=False):
    """A page the manifest keeps whole (its size and time alone do not tell it unchanged: it has
    includes, or is racily clean), with the digest that tells a racily clean one by content."""

    digest: str


class PageSummary(PageState):
    """What an index holds of every page without reading its record: its state, the digest of
    its text and its section count."""

    digest: str
    sections: int


class PageRecord(PagePostings, PageState):
    """One page: where it is, its search settings, its sections, and what it was made from (the
    digest of its text, the size and time seen before reading it, the state of every include)."""

    src_path: str
    url: str
    title: str
    boost: float
    digest: str
    status: str
    tags: list[str]
    abbreviations: dict[str, str]
    excluded: bool
    oversized: bool  # over a size or heading limit: cut, kept out of the statistics
    sections: list[SectionRecord]

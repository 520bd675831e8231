"""Heading ids exactly as Python-Markdown's `toc` extension makes them (the site's anchors)."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")
_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")


def slugify(text: str, separator: str = "-") -> str:
    """NFKD to ASCII, drop what is not a word character, space or hyphen, lower case,
    runs of spaces and hyphens to one separator."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_WORD.sub("", value).strip().lower()
    return _SEPARATORS.sub(separator, value)


class HeadingIds:
    """The ids used on one page: custom ids (`{#id}`) are reserved first, as toc does, and a
    repeated slug gets `_1`, `_2`, …"""

    def __init__(self, reserved: set[str] | None = None) -> None:
        self.used: set[str] = set(reserved or ())

    def unique(self, slug: str) -> str:
        while slug in self.used or not slug:
            m = _NUMBERED.match(slug)
            slug = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{slug}_1"
        self.used.add(slug)
        return slug

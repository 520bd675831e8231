"""Warnings about the knowledge base: each names the file and the reason, none stops the run."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO


@dataclass
class Warnings:
    """Collects `(file, reason)` warnings; `echo` streams them as they come (to stderr). A warning
    already given is not given again: a process that loads the docs twice (the knowledge base, then
    its update) says each thing once."""

    echo: TextIO | None = None
    items: list[tuple[str, str]] = field(default_factory=list)
    _given: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def add(self, file: str | Path, reason: str) -> None:
        if (str(file), reason) in self._given:
            return
        self._given.add((str(file), reason))
        self.items.append((str(file), reason))
        if self.echo is not None:
            print(f"warning: {file}: {reason}", file=self.echo)

    @classmethod
    def to_stderr(cls) -> Warnings:
        return cls(echo=sys.stderr)

    def __len__(self) -> int:
        return len(self.items)

"""The bundled default knowledge base: a small MkDocs Material project (two Quarkpulse pages at
the paths they have on the live site, and Quarkpulse's own synonyms), shipped as package data so
that an installed faqbot answers from it without a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def location() -> Path:
    """The folder holding the bundled project's mkdocs.yml, wherever faqbot is installed."""
    folder = resources.files(__name__)
    if not isinstance(folder, Path) or not (folder / "mkdocs.yml").is_file():
        raise FileNotFoundError(f"the bundled knowledge base is missing from this installation ({folder})")
    return folder

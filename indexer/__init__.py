"""faqbot's indexer as a library: an MkDocs Material knowledge base, searched section by section.

    from indexer import open_knowledge_base

    kb = open_knowledge_base("path/to/mkdocs-project")   # or a bare docs folder
    answer = kb.ask("wie is verantwoordelijk voor network security?", top=3)
    for hit in answer.results:
        print(hit.title, hit.url, hit.answer)
    report = kb.update()                                  # after the docs changed

`answer.answered` is false when the docs have no answer (`results` are then suggestions). The
names below are the whole public API, with `indexer.content` (the typed document model of a hit's
`blocks`, and helpers to render it); the other modules behind them are internal.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = [
    "Answer",
    "Evaluation",
    "GitDocs",
    "GitError",
    "Hit",
    "KnowledgeBase",
    "KnowledgeBaseState",
    "ListedSection",
    "Progress",
    "Rebuild",
    "UpdateReport",
    "Warnings",
    "evaluate",
    "load_questions",
    "open_knowledge_base",
]

# Imported on first use: worker processes of a build import `indexer.build` without the search engine.
_WHERE = {
    "Answer": "indexer.search.engine", "Hit": "indexer.search.engine",
    "KnowledgeBase": "indexer.knowledge_base", "KnowledgeBaseState": "indexer.knowledge_base",
    "ListedSection": "indexer.knowledge_base", "open_knowledge_base": "indexer.knowledge_base",
    "Rebuild": "indexer.index", "UpdateReport": "indexer.index", "Warnings": "indexer.warnings",
    "GitDocs": "indexer.gitdocs", "GitError": "indexer.gitdocs", "Progress": "indexer.progress",
    "Evaluation": "indexer.evaluation", "evaluate": "indexer.evaluation", "load_questions": "indexer.evaluation",
}

if TYPE_CHECKING:
    from indexer.evaluation import Evaluation, evaluate, load_questions
    from indexer.gitdocs import GitDocs, GitError
    from indexer.index import Rebuild, UpdateReport
    from indexer.knowledge_base import KnowledgeBase, KnowledgeBaseState, ListedSection, open_knowledge_base
    from indexer.progress import Progress
    from indexer.search.engine import Answer, Hit
    from indexer.warnings import Warnings


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'indexer' has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""The library API as the README shows it: the example runs as written, and `indexer.__all__` is
all it takes to ask a question."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import REPO


def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Use it as a library"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_library_example_answers_with_the_table_row(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", readme_example()], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    title, url, answer = result.stdout.splitlines()[:3]
    assert title and url.startswith("https://quarkpulse.github.io/docs/FAQs/Diensten/#")
    assert answer.startswith(("Network Security", "Quarkpulse › Network Security"))  # the row, not the table


def test_the_public_api_is_its_all_and_nothing_else_is_needed_to_ask(tmp_path):
    import indexer

    assert set(indexer.__all__) == {"Answer", "Evaluation", "GitDocs", "GitError", "Hit", "KnowledgeBase",
                                    "KnowledgeBaseState", "ListedSection", "Progress", "Rebuild", "UpdateReport",
                                    "Warnings", "evaluate", "load_questions", "open_knowledge_base"}
    assert sorted(dir(indexer)) == sorted(indexer.__all__)
    for name in indexer.__all__:
        if name != "Progress":  # a type alias
            assert getattr(indexer, name).__module__.startswith("indexer.")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Koffie\n\n## Waar staat de koffie?\n\nIn de keuken, naast de printer.\n")
    kb = indexer.open_knowledge_base(docs, tmp_path / "kb.idx")
    assert kb.last_report is not None and kb.last_report.added == ["index.md"]
    answer = kb.ask("waar staat de koffie", top=1)
    assert isinstance(answer, indexer.Answer) and answer.answered
    assert answer.results[0].location == "#waar-staat-de-koffie"
    assert kb.state().sections == 2
    assert not kb.ask("hoe laat vertrekt de trein naar Paramaribo").answered

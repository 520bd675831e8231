"""faqbot installed the way a server installs it (README "Run in production"): the wheel installed
with pipx, run from a folder outside the checkout. It must carry the bundled knowledge base, its
licence and the general vocabularies, and answer exactly as the editable install does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, QUESTIONS


def run(command: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAQBOT_", "PYTHON"))}
    env["HOME"] = str(home)  # the default index and database paths go under it
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_wheel_answers_from_its_bundled_knowledge_base(installed, tmp_path):
    question = "wie is verantwoordelijk voor network security?"
    answer = run([str(installed), "ask", "--json", question], tmp_path, tmp_path)
    assert answer.returncode == 0, answer.stderr
    top = json.loads(answer.stdout)["results"][0]
    assert "Network Security" in top["answer"]
    assert top["url"].startswith("https://quarkpulse.github.io/docs/FAQs/Diensten/#")
    assert "warning" not in answer.stderr  # the general vocabulary and the KB's own synonyms were found


def test_the_wheel_scores_exactly_as_the_checkout(installed, tmp_path):
    if not (CORPUS.is_dir() and QUESTIONS.is_file()):
        pytest.skip(f"the real knowledge base or its questions are not at {CORPUS.parent.parent}")
    figures = []
    for faqbot in (str(installed), str(Path(sys.executable).parent / "faqbot")):
        result = run([faqbot, "eval", str(QUESTIONS), "--docs", str(CORPUS), "--json", "--index",
                      str(tmp_path / f"{len(figures)}.idx")], tmp_path, tmp_path)
        assert result.returncode == 0, result.stderr
        metrics = json.loads(result.stdout)["metrics"]
        metrics.pop("seconds")
        figures.append(metrics)
    assert figures[0] == figures[1]
    assert figures[0]["hit@1"] >= 0.9


def test_the_wheel_states_its_version_and_carries_the_licences(installed, tmp_path):
    from importlib.metadata import version

    result = run([str(installed), "--version"], tmp_path, tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"faqbot {version('faqbot')}"
    python = installed.resolve().parent / "python"  # pipx's venv of faqbot
    where = run([str(python), "-c", "import knowledge, importlib.metadata as m; print(knowledge.location()); "
                 "print(*(f for f in m.files('faqbot') if 'licenses' in str(f)), sep='\\n')"], tmp_path, tmp_path)
    assert where.returncode == 0, where.stderr
    bundled, *licence_files = where.stdout.splitlines()
    assert "GNU GENERAL PUBLIC LICENSE" in (Path(bundled) / "LICENSE").read_text(encoding="utf-8")
    assert "Quarkpulse/docs" in (Path(bundled) / "NOTICE").read_text(encoding="utf-8")
    assert {Path(f).name for f in licence_files} == {"LICENSE", "NOTICE"} and len(licence_files) == 3

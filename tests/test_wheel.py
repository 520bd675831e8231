"""faqbot installed the way a server installs it: the wheel in a fresh virtual environment, run
from a folder outside the checkout. It must carry the bundled knowledge base and the general
vocabularies, and answer exactly as the editable install does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import CORPUS, QUESTIONS, REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `faqbot` command of a wheel built from this checkout and installed into a new venv."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(REPO)],
                   check=True, capture_output=True, text=True, timeout=600)
    wheel = next((work / "dist").glob("faqbot-*.whl"))
    venv.EnvBuilder(with_pip=True).create(work / "venv")
    subprocess.run([str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
                   check=True, capture_output=True, text=True, timeout=900)
    return work / "venv" / "bin" / "faqbot"


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

"""`faqbot eval`: figures per file and per kind of question, the summary last (scripts read the tail)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

QUESTIONS = """\
- q: wie is verantwoordelijk voor network security
  kind: row
  expect:
    - FAQs/Diensten/#details-van-verantwoordelijkheden
    - FAQs/Diensten/#shared-responsibility-model-voor-systeem-en-netwerkdiensten
  shows: Network Security
- q: wat kost break en fix
  kind: keyword
  expect: [Dienstverlening/Diensten/Break-en-Fix/#4-flexibele-tarieven, Dienstverlening/Diensten/Break-en-Fix/]
- q: waar kan ik parkeren bij het kantoor
  kind: oos-office
  expect: []
"""


def test_eval_reports_each_file_by_kind(tmp_path):
    train, validation = tmp_path / "train.yml", tmp_path / "validation.yml"
    train.write_text(QUESTIONS, encoding="utf-8")
    validation.write_text(QUESTIONS.split("- q: wat kost")[0], encoding="utf-8")
    command = [sys.executable, "-m", "bot.cli", "eval", str(train), str(validation), "--docs", str(REPO / "knowledge"),
               "--index", str(tmp_path / "i.idx")]
    run = subprocess.run([*command, "--quiet"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[-3].startswith("questions: 1 (1 answerable, 0 not)")  # the last file's summary ends the output
    assert lines[-1].startswith("hit@1 1.000")
    assert any(line.split()[:2] == ["oos-office", "1"] and "declined    1/1" in line for line in lines), lines
    as_json = subprocess.run([*command, "--json"], capture_output=True, text=True, timeout=120)
    reports = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [r["file"] for r in reports] == [str(train), str(validation)]
    assert set(reports[0]["by_kind"]) == {"row", "keyword", "oos-office"}
    assert reports[0]["by_kind"]["row"]["rows_shown"] == "1/1"


def test_a_question_file_that_is_not_yaml_is_one_line_naming_the_file_and_where(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("- q: wat is QMS\n  expect: []\n- q: [unclosed\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bot.cli", "eval", str(bad), "--docs", str(REPO / "knowledge"),
                          "--index", str(tmp_path / "i.idx")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith(f"faqbot: {bad}: not valid YAML: ") and "line 4, column 1" in line, line
    assert "line 3, column 6" in line  # where the bracket left open began


def test_a_question_file_that_is_not_a_list_names_the_file_once(tmp_path):
    other = tmp_path / "other.yml"
    other.write_text("q: wat is QMS\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bot.cli", "eval", str(other), "--docs", str(REPO / "knowledge"),
                          "--index", str(tmp_path / "i.idx")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stderr == f"faqbot: {other}: expected a list of questions\n"

"""A large update shows its progress: a bar on a terminal (pages, rate, time left), nothing when
stderr is not a terminal or with --json; the running bot logs it at intervals."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import pty
import struct
import subprocess
import sys
import termios

from indexer.progress import LARGE, LoggedProgress, large_only
from tests.conftest import REPO, write_project

PAGES = {f"p{n:03d}.md": f"# Pagina {n}\n\nTekst over onderwerp {n}.\n" for n in range(LARGE + 50)}


def _index_on_terminal(root, *extra: str) -> tuple[str, str]:
    """`faqbot index --full` with stderr on a terminal of 24 x 100: (stdout, what the terminal got)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    run = subprocess.Popen([sys.executable, "-m", "bot.cli", "index", "--full", "--docs", str(root), "--index",
                            str(root / "i.idx"), *extra], cwd=REPO, stdout=subprocess.PIPE, stderr=slave,
                           env={**os.environ, "FAQBOT_LANGUAGE": "en"})
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = run.communicate()
    os.close(master)
    assert run.returncode == 0
    return stdout.decode(), shown.decode(errors="replace")


def test_a_large_build_shows_a_bar_on_a_terminal(tmp_path):
    root = write_project(tmp_path / "kb", PAGES)
    stdout, shown = _index_on_terminal(root)
    assert f"/{len(PAGES)} [" in shown and "page/s" in shown and "indexing" in shown
    assert f"{len(PAGES)} pages" in stdout


def test_no_bar_with_json_or_without_a_terminal(tmp_path):
    root = write_project(tmp_path / "kb", PAGES)
    stdout, shown = _index_on_terminal(root, "--json")
    assert "page/s" not in shown and json.loads(stdout)["pages"] == len(PAGES)
    run = subprocess.run([sys.executable, "-m", "bot.cli", "index", "--full", "--docs", str(root), "--index",
                          str(root / "i.idx")], cwd=REPO, capture_output=True, text=True, check=True)
    assert "page/s" not in run.stderr and "indexing" not in run.stderr


def test_the_bot_logs_a_large_updates_progress(caplog):
    progress = large_only(LoggedProgress(logging.getLogger("faqbot.test"), every=0.0))
    with caplog.at_level(logging.INFO, logger="faqbot.test"):
        for done in range(1, 401):
            progress(done, 400)
        small = large_only(LoggedProgress(logging.getLogger("faqbot.test"), every=0.0))
        for done in range(1, 11):
            small(done, 10)  # never told
    lines = [r.getMessage() for r in caplog.records]
    assert lines[-1].startswith("indexing: 400 of 400 pages") and "0 s left" in lines[-1]
    assert "of 10 pages" not in " ".join(lines)

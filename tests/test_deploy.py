"""deploy/: the systemd units, the example environment file and settings file. The examples name
every setting the code reads (so they cannot drift from it), load without error, and the units'
own command lines run the installed faqbot (README "Run in production")."""

from __future__ import annotations

import ast
import configparser
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from bot.cli import DRAIN_SECONDS
from bot.settings import load_settings
from tests.conftest import REPO

DEPLOY = REPO / "deploy"
UNITS = ("faqbot.service", "faqbot-http@.service")
SETTING = re.compile(r"^(FAQBOT|SLACK)_[A-Z0-9_]+$")


def read_by_the_code() -> set[str]:
    """Every environment variable faqbot's code reads: each FAQBOT_/SLACK_ name it spells out, and
    whatever it looks up in os.environ (PORT, XDG_CACHE_HOME)."""
    names: set[str] = set()
    for path in [*REPO.glob("bot/**/*.py"), *REPO.glob("indexer/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SETTING.match(node.value):
                names.add(node.value)
            lookup = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                    and ast.unparse(node.func.value) == "os.environ" and node.args:
                lookup = node.args[0]
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
                lookup = node.slice
            if isinstance(lookup, ast.Constant) and isinstance(lookup.value, str):
                names.add(lookup.value)
    return names


def settings_file_keys() -> set[str]:
    """The settings file's keys: the second argument of each get(ENV, key) in bot/settings.py."""
    tree = ast.parse((REPO / "bot" / "settings.py").read_text(encoding="utf-8"))
    return {node.args[1].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "get"
            and len(node.args) == 2 and isinstance(node.args[1], ast.Constant)}


def env_file(text: str) -> tuple[dict[str, str], set[str]]:
    """(the variables an EnvironmentFile sets, every variable named, commented ones included)."""
    values, named = {}, set()
    for line in text.splitlines():
        match = re.match(r"^(#)?([A-Z][A-Z0-9_]*)=(.*)$", line.strip())
        if match:
            named.add(match[2])
            if not match[1]:
                values[match[2]] = match[3]
    return values, named


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(DEPLOY / name)
    return parser


def test_the_environment_file_names_every_setting_the_code_reads():
    read = read_by_the_code()
    assert {"SLACK_BOT_TOKEN", "FAQBOT_DB", "FAQBOT_DOCS_GIT", "PORT", "XDG_CACHE_HOME"} <= read  # the scan works
    _, named = env_file((DEPLOY / "faqbot.env").read_text(encoding="utf-8"))
    assert read - named == set(), "deploy/faqbot.env does not list these"
    assert named - read == set(), "deploy/faqbot.env lists settings nothing reads"


def test_the_settings_file_names_every_key_and_both_examples_load(tmp_path):
    keys = settings_file_keys()
    assert {"language", "database", "docs_git", "docs_poll"} <= keys
    text = (DEPLOY / "faqbot.toml").read_text(encoding="utf-8")
    named = set(re.findall(r"^#?([a-z_]+) =", text, re.MULTILINE))
    assert named == keys
    # with every commented line switched on, the settings file and the environment file load as they are
    config = tmp_path / "faqbot.toml"
    config.write_text(re.sub(r"^#([a-z_]+ =)", r"\1", text, flags=re.MULTILINE), encoding="utf-8")
    values, _ = env_file((DEPLOY / "faqbot.env").read_text(encoding="utf-8"))
    settings = load_settings(str(config), values)
    settings.require(http=True)
    settings.require(http=False)
    assert settings.docs_git == "https://git.example.org/team/docs.git" and settings.docs_poll == 60
    switched_on = re.sub(r"^#([A-Z][A-Z0-9_]*=)", r"\1", (DEPLOY / "faqbot.env").read_text(encoding="utf-8"),
                         flags=re.MULTILINE)
    every_variable = env_file(switched_on)[0] | {"FAQBOT_CONFIG": str(config)}
    assert load_settings(None, every_variable).admins == frozenset({"U0123ABCD"})


@pytest.mark.parametrize("name", UNITS)
def test_the_units_restart_on_failure_as_a_dedicated_user_and_wait_for_the_drain(name):
    service = unit(name)["Service"]
    assert service["Restart"] == "on-failure" and service["RestartPreventExitStatus"] == "2"  # a bad setting
    assert service["User"] == service["Group"] == "faqbot"
    assert service["KillSignal"] == "SIGTERM"
    # systemd kills after TimeoutStopSec: a little longer than faqbot gives the answers in flight
    assert DRAIN_SECONDS < float(service["TimeoutStopSec"]) <= DRAIN_SECONDS + 15
    assert service["EnvironmentFile"] == "/etc/faqbot/faqbot.env"
    assert "--config /etc/faqbot/faqbot.toml" in service["ExecStart"]


@pytest.mark.parametrize("name", UNITS)
def test_systemd_analyze_verifies_the_units(name, installed, tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed here: the units are not verified")
    # verify checks that ExecStart's program exists: the units point at the test's pipx install
    text = (DEPLOY / name).read_text(encoding="utf-8").replace("/usr/local/bin/faqbot", str(installed))
    copy = tmp_path / name
    copy.write_text(text, encoding="utf-8")
    target = tmp_path / (name.replace("@.", "@3001.") if "@." in name else name)
    if target != copy:
        target.symlink_to(copy)  # an instance of the template, as systemctl starts it
    result = subprocess.run(["systemd-analyze", "verify", str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path) not in result.stderr, result.stderr  # no complaint about the unit


def unit_command(name: str, installed: Path, instance: str, config: Path) -> list[str]:
    exec_start = unit(name)["Service"]["ExecStart"].replace("%i", instance)
    return [str(installed) if word == "/usr/local/bin/faqbot" else str(config) if word.endswith(".toml") else word
            for word in shlex.split(exec_start)]


def deployed_settings(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The example settings and environment files as an admin fills them in, with the test's paths."""
    config = tmp_path / "faqbot.toml"
    config.write_text((DEPLOY / "faqbot.toml").read_text(encoding="utf-8")
                      .replace("/var/lib/faqbot", str(tmp_path / "state")), encoding="utf-8")
    values, _ = env_file((DEPLOY / "faqbot.env").read_text(encoding="utf-8"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FAQBOT_", "PYTHON"))}
    env.update(values, HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))  # the units' Environment=
    return config, env


def start_http_unit(installed: Path, api, tmp_path: Path) -> tuple[object, int]:
    """The HTTP unit's ExecStart, with the example settings filled in for the local Slack API."""
    from tests.bot.conftest import SECRET, BotProcess, free_port

    config, env = deployed_settings(tmp_path)
    env.update(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=api.url + "/api/")
    port = free_port()
    proc = subprocess.Popen(unit_command("faqbot-http@.service", installed, str(port), config), env=env,
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    bot = BotProcess(proc, api, tmp_path, tmp_path / "state" / "faqbot.sqlite3", url=f"http://127.0.0.1:{port}")
    threading.Thread(target=bot.read_output, daemon=True).start()
    bot.wait_line(r"faqbot: ready")
    return bot, port


STOP_TIMEOUT = float(unit("faqbot-http@.service")["Service"]["TimeoutStopSec"])


def test_the_http_units_command_serves_and_stops_within_the_units_stop_timeout(installed, tmp_path):
    from tests.bot.slack_api import SlackApi

    api = SlackApi().start()
    try:
        bot, port = start_http_unit(installed, api, tmp_path)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30) as response:
                assert response.status == 200 and json.loads(response.read())["ok"]
            assert (tmp_path / "state" / "faqbot.sqlite3").is_file()  # the settings file's database
            started = time.monotonic()
            bot.proc.send_signal(signal.SIGTERM)  # what `systemctl stop` sends
            assert bot.proc.wait(timeout=STOP_TIMEOUT) == 0
            assert time.monotonic() - started < DRAIN_SECONDS
        finally:
            if bot.proc.poll() is None:
                bot.proc.kill()
    finally:
        api.stop()


def test_an_upgrade_as_the_readme_does_it_loses_no_question_and_answers_none_twice(installed, tmp_path):

    from tests.bot.conftest import each_answered_once, unique
    from tests.bot.slack_api import SlackApi

    wheel = next((installed.parent.parent / "dist").glob("faqbot-*.whl"))
    pipx = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin"),
            "PIPX_MAN_DIR": str(tmp_path / "man")}
    faqbot = tmp_path / "bin" / "faqbot"
    subprocess.run([sys.executable, "-m", "pipx", "install", "--python", sys.executable, str(wheel)], env=pipx,
                   check=True, capture_output=True, timeout=900)
    api = SlackApi().start()
    api.slow["chat.postMessage"] = 1.0  # answers are still being posted and queued when the restart comes
    try:
        bot, _ = start_http_unit(faqbot, api, tmp_path)
        channels = [unique("C") for _ in range(100)]
        try:
            for channel in channels:  # each acknowledged: Slack never sends it again
                assert bot.event({"type": "app_mention", "user": "U1", "text": "<@UBOT> wat kost break en fix?",
                                  "ts": f"17000009{unique('')}.000100", "channel": channel}) == 200
            api.wait_for("chat.postMessage", count=2)
            bot.proc.send_signal(signal.SIGTERM)  # `systemctl restart` stops it first
            assert bot.proc.wait(timeout=STOP_TIMEOUT) == 0
        finally:
            if bot.proc.poll() is None:
                bot.proc.kill()
        assert len(api.of("chat.postMessage")) < len(channels)  # some were left in the inbox
        upgrade = subprocess.run([sys.executable, "-m", "pipx", "install", "--force", "--python", sys.executable,
                                  str(wheel)], env=pipx, capture_output=True, text=True, timeout=900)
        assert upgrade.returncode == 0, upgrade.stderr
        bot, _ = start_http_unit(faqbot, api, tmp_path)
        try:
            each_answered_once(api, channels)
        finally:
            bot.proc.terminate()
            bot.proc.wait(timeout=STOP_TIMEOUT)
    finally:
        api.stop()


def test_the_socket_mode_units_command_is_understood(installed, tmp_path):
    config, env = deployed_settings(tmp_path)
    env["SLACK_API_URL"] = "http://127.0.0.1:9/api/"  # nothing listens: refused by name, not by argparse
    result = subprocess.run(unit_command("faqbot.service", installed, "", config), env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "usage:" not in result.stderr
    assert "SLACK_API_URL: cannot reach http://127.0.0.1:9/api/" in result.stderr, result.stderr


def test_faqbot_version_is_the_installed_packages():
    from importlib.metadata import version

    result = subprocess.run([sys.executable, "-m", "bot.cli", "--version"], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == f"faqbot {version('faqbot')}\n"

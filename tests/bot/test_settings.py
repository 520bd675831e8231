"""Settings from the environment and a TOML file: the environment wins, every bad value is a
SettingsError naming the setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import DEFAULT_API_URL, SettingsError, load_settings


def test_defaults_without_any_setting():
    settings = load_settings(environ={})
    assert settings.language == "nl" and settings.api_url == DEFAULT_API_URL
    assert settings.answer_channels == frozenset() and settings.admins == frozenset()
    assert (settings.workers, settings.retention_days, settings.pending_max_age) == (16, 90.0, 600.0)
    assert settings.lease == 60.0 and settings.database.endswith("faqbot.sqlite3")


def test_the_environment_wins_over_the_file(tmp_path):
    config = tmp_path / "faqbot.toml"
    config.write_text('language = "en"\nadmins = ["U0ADMIN"]\nanswer_channels = ["C0HELP"]\n'
                      'retention_days = 30\ndatabase = "~/faqbot.db"\n')
    settings = load_settings(str(config), environ={"FAQBOT_LANGUAGE": "nl", "FAQBOT_ADMINS": "U1,U2"})
    assert settings.language == "nl" and settings.admins == frozenset({"U1", "U2"})
    assert settings.answer_channels == frozenset({"C0HELP"}) and settings.retention_days == 30
    assert Path(settings.database).name == "faqbot.db" and "~" not in settings.database


def test_the_api_url_always_ends_with_a_slash():
    assert load_settings(environ={"SLACK_API_URL": "http://127.0.0.1:9/api"}).api_url == "http://127.0.0.1:9/api/"


@pytest.mark.parametrize(("environ", "named"), [
    ({"FAQBOT_LANGUAGE": "de"}, "FAQBOT_LANGUAGE"),
    ({"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL"),
    ({"FAQBOT_WORKERS": "0"}, "FAQBOT_WORKERS"),
    ({"FAQBOT_WORKERS": "2.5"}, "FAQBOT_WORKERS"),
    ({"FAQBOT_RETENTION_DAYS": "soon"}, "FAQBOT_RETENTION_DAYS"),
    ({"FAQBOT_ADMINS": "jan"}, "FAQBOT_ADMINS"),
    ({"FAQBOT_LEASE": "0"}, "FAQBOT_LEASE"),
    ({"FAQBOT_DB": "mysql://db/faqbot"}, "FAQBOT_DB"),
])
def test_a_bad_value_names_its_setting(environ, named):
    with pytest.raises(SettingsError, match=named):
        load_settings(environ=environ)


def test_a_file_that_is_missing_or_not_toml_is_named(tmp_path):
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(str(tmp_path / "missing.toml"), environ={})
    broken = tmp_path / "broken.toml"
    broken.write_text("language = \n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(str(broken), environ={})


def test_the_tokens_a_mode_needs_are_required():
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN is not set"):
        load_settings(environ={}).require(http=True)
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        load_settings(environ={"SLACK_BOT_TOKEN": "xoxb-1"}).require(http=True)
    with pytest.raises(SettingsError, match="SLACK_APP_TOKEN"):
        load_settings(environ={"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}).require(http=False)
    ready = load_settings(environ={"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}).require(http=False)
    assert ready.app_token == "xapp-1"


def test_a_postgresql_database_is_a_url_and_needs_a_shared_pseudonym_key():
    url = "postgresql://faqbot:secret@db.internal:5432/faqbot?sslmode=require"
    tokens = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "FAQBOT_DB": url}
    assert load_settings(environ=tokens).database == url  # as it is: not a path
    with pytest.raises(SettingsError, match="FAQBOT_PSEUDONYM_KEY is not set"):
        load_settings(environ=tokens).require(http=True)
    with pytest.raises(SettingsError, match="FAQBOT_PSEUDONYM_KEY: shorter"):
        load_settings(environ={**tokens, "FAQBOT_PSEUDONYM_KEY": "short"}).require(http=True)
    settings = load_settings(environ={**tokens, "FAQBOT_PSEUDONYM_KEY": "k" * 32, "FAQBOT_LEASE": "5"})
    assert settings.require(http=True).lease == 5.0


def test_who_is_told_of_an_escalation_are_people_or_user_groups():
    assert load_settings(environ={"FAQBOT_ESCALATE": "S0HELP,U0JAN"}).escalate == ("S0HELP", "U0JAN")
    with pytest.raises(SettingsError, match="FAQBOT_ESCALATE"):
        load_settings(environ={"FAQBOT_ESCALATE": "C0HELP"})
    assert load_settings(environ={"FAQBOT_LANGUAGE": " en "}).language == "en"


def test_the_escalation_channel_is_a_channel_id():
    assert load_settings(environ={"FAQBOT_ESCALATE_CHANNEL": "C0HELP"}).escalate_channel == "C0HELP"
    with pytest.raises(SettingsError, match="FAQBOT_ESCALATE_CHANNEL"):
        load_settings(environ={"FAQBOT_ESCALATE_CHANNEL": "#helpdesk"})


@pytest.mark.parametrize(("toml", "named", "got"), [
    ('[database]\nurl = "x"\n', "FAQBOT_DB / database", "a table"),
    ('contact = ["x"]\n', "FAQBOT_CONTACT / contact", "a list"),
    ('docs_git = ["a"]\n', "FAQBOT_DOCS_GIT / docs_git", "a list"),
    ('docs_branch = true\n', "FAQBOT_DOCS_BRANCH / docs_branch", "true"),
    ('docs_subdir = 1979-05-27\n', "FAQBOT_DOCS_SUBDIR / docs_subdir", "the date 1979-05-27"),
    ('language = ["nl"]\n', "FAQBOT_LANGUAGE / language", "a list"),
    ('site_url = 5\n', "FAQBOT_SITE_URL / site_url", "the number 5"),
    ('escalate_channel = 5\n', "FAQBOT_ESCALATE_CHANNEL / escalate_channel", "the number 5"),
])
def test_a_setting_that_must_be_a_string_refuses_another_type(tmp_path, toml, named, got):
    # not made a string of: a database file named "{'url': 'x'}", a contact shown as "['x']"
    config = tmp_path / "faqbot.toml"
    config.write_text(toml)
    with pytest.raises(SettingsError, match=rf"^{re.escape(named)}: expected a string\b.*, got {re.escape(got)}$"):
        load_settings(str(config), environ={})


def test_a_string_setting_of_the_file_is_taken_as_it_is_and_the_environment_still_wins(tmp_path):
    config = tmp_path / "faqbot.toml"
    config.write_text('contact = "Vraag het in <#C0HELP|helpdesk>"\ndocs_git = ["a"]\n')
    settings = load_settings(str(config), environ={"FAQBOT_DOCS_GIT": "https://git.example.org/docs.git"})
    assert settings.contact == "Vraag het in <#C0HELP|helpdesk>"
    assert settings.docs_git == "https://git.example.org/docs.git"  # the file's list is never used

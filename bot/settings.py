"""The bot's settings: the environment, optionally a TOML settings file (`--config` or
`$FAQBOT_CONFIG`); the environment wins. Every problem names the setting it is about.

    SLACK_BOT_TOKEN       xoxb-…, both modes
    SLACK_APP_TOKEN       xapp-…, Socket Mode (serve without --http)
    SLACK_SIGNING_SECRET  HTTP mode (serve --http)
    SLACK_API_URL         Web API base URL (GovSlack, a proxy, a local test server)
    FAQBOT_LANGUAGE       nl (default) or en             settings file: language
    FAQBOT_ANSWER_CHANNELS channel ids, comma-separated  answer_channels = ["C…"]
    FAQBOT_CHANNEL_MODES  per channel: questions, mentions or off ("C1=questions,C2=off")
                                                          [channels] C1 = "questions"
    FAQBOT_CONTACT        who to ask when nothing found; may hold <#C…|name>, <@U…>, <!subteam^S…>
                                                          contact = "…"
    FAQBOT_ESCALATE       people (U…) or user groups (S…) told when someone asks for a person
                                                          escalate = ["S…"]
    FAQBOT_ESCALATE_CHANNEL where they are told of questions asked in DMs and private answers
                                                          escalate_channel = "C…"
    FAQBOT_SITE_URL       the docs site's address, for links (default: mkdocs.yml's site_url)
                                                          site_url = "https://…"
    FAQBOT_ADMINS         user ids allowed /faq reindex  admins = ["U…"]
    FAQBOT_DB             SQLite file, or a postgresql:// URL shared by replicas   database = "…"
    FAQBOT_PENDING_MAX_AGE seconds an unanswered event is still answered after a restart (600)
                                                          pending_max_age = 600
    FAQBOT_WORKERS        answers worked on at once (16)  workers = 16
    FAQBOT_RETENTION_DAYS questions and votes kept (90)   retention_days = 90
    FAQBOT_LEASE          seconds a claim on an event lasts unless its process renews it (60)
                                                          lease = 60
    FAQBOT_SOCKET_GRACE   Socket Mode: seconds Slack's connection may be down before /healthz says so (30)
                                                          socket_grace = 30
    FAQBOT_PSEUDONYM_KEY  key of the users' pseudonyms (SQLite: default a key file beside the database;
                          PostgreSQL: required, the same for every replica)
    FAQBOT_DOCS_GIT       follow the docs from this git repository   docs_git = "https://…"
    FAQBOT_DOCS_BRANCH    its branch (default: the remote's default)  docs_branch = "main"
    FAQBOT_DOCS_SUBDIR    the MkDocs project's folder in it (default: found)  docs_subdir = "…"
    FAQBOT_DOCS_POLL      seconds between fetches (60)    docs_poll = 60
"""

from __future__ import annotations

import datetime
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.store import is_postgres

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DB = Path("~/.local/share/faqbot/faqbot.sqlite3")
MIN_KEY = 16  # characters of a pseudonym key: shorter ones can be guessed
_ID = re.compile(r"^[A-Z0-9]{2,}$")


class SettingsError(Exception):
    """A missing or malformed setting; the message names it."""


@dataclass(frozen=True)
class Settings:
    bot_token: str = ""
    app_token: str = ""
    signing_secret: str = ""
    api_url: str = DEFAULT_API_URL
    language: str = "nl"
    answer_channels: frozenset[str] = frozenset()
    channel_modes: dict[str, str] = field(default_factory=dict)  # channel id -> one of CHANNEL_MODES
    contact: str = ""
    escalate: tuple[str, ...] = ()  # user (U…) and user-group (S…) ids told when someone asks for a person
    escalate_channel: str = ""  # where they are told of questions asked in DMs and private answers
    site_url: str = ""  # overrides mkdocs.yml's: links must be absolute
    admins: frozenset[str] = frozenset()
    database: str = field(default_factory=lambda: str(DEFAULT_DB.expanduser()))  # a file, or a postgresql:// URL
    pending_max_age: float = 600.0  # an event older than this when found unanswered is logged as missed
    workers: int = 16  # answers worked on at once: one slow Slack call holds up one of them, not all
    lease: float = 60.0  # a claim on an event not renewed this long is a dead process's: another takes it over
    # Socket Mode: seconds Slack's WebSocket may be down before /healthz says so. Slack closes every
    # connection now and then (a refresh every few hours, a deploy), and the client has a new one
    # within seconds (it looks every 5 s); past this it is not coming back by itself (the app token
    # revoked, Slack unreachable).
    socket_grace: float = 30.0
    retention_days: float = 90.0
    pseudonym_key: str = ""  # empty: a key file beside the database
    docs_git: str = ""  # a repository URL: the docs are followed from it (indexer.gitdocs)
    docs_branch: str = ""  # empty: the remote's default branch
    docs_subdir: str = ""  # empty: the folder holding mkdocs.yml is found
    docs_poll: float = 60.0  # seconds between fetches of docs_git

    def channel_mode(self, channel: str) -> str:
        """How the bot takes part in a channel: "questions" (answers every question, mentioned or
        not), "mentions" (only when mentioned, and in the threads it answered in) or "off"."""
        if channel in self.channel_modes:
            return self.channel_modes[channel]
        return "questions" if channel in self.answer_channels else "mentions"

    def require(self, http: bool) -> Settings:
        """Check the tokens a mode needs; raises SettingsError naming the first one that is wrong."""
        _token("SLACK_BOT_TOKEN", self.bot_token, "xoxb-")
        if http:
            if not self.signing_secret:
                raise SettingsError("SLACK_SIGNING_SECRET is not set (needed by serve --http)")
        else:
            if not self.app_token:
                raise SettingsError("SLACK_APP_TOKEN is not set (Socket Mode); or run serve --http")
            _token("SLACK_APP_TOKEN", self.app_token, "xapp-")
        if self.pseudonym_key and len(self.pseudonym_key) < MIN_KEY:
            raise SettingsError(f"FAQBOT_PSEUDONYM_KEY: shorter than {MIN_KEY} characters (try `openssl rand -hex 32`)")
        if is_postgres(self.database) and not self.pseudonym_key:
            raise SettingsError("FAQBOT_PSEUDONYM_KEY is not set: with PostgreSQL every replica needs the same key"
                                " (try `openssl rand -hex 32`)")
        return self


def load_settings(config: str | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    path = config or env.get("FAQBOT_CONFIG")
    file: dict = {}
    if path:
        try:
            file = tomllib.loads(Path(path).expanduser().read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"--config: cannot read {path} ({exc.strerror})") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"--config: {path} is not valid TOML ({exc})") from exc

    def get(env_name: str, key: str) -> object:
        return env[env_name] if env.get(env_name) else file.get(key)

    language = (_text("FAQBOT_LANGUAGE / language", get("FAQBOT_LANGUAGE", "language"), "nl or en")
                or "nl").strip().lower()
    if language not in ("nl", "en"):
        raise SettingsError(f"FAQBOT_LANGUAGE / language: {language!r} is not one of nl, en")
    api_url = str(env.get("SLACK_API_URL") or DEFAULT_API_URL)
    if not re.match(r"^https?://[^/\s]+", api_url):
        raise SettingsError(f"SLACK_API_URL: {api_url!r} is not an http(s) URL")
    database = _text("FAQBOT_DB / database", get("FAQBOT_DB", "database"), "a file path or a postgresql:// URL")
    pending_max_age = _number("FAQBOT_PENDING_MAX_AGE / pending_max_age", get("FAQBOT_PENDING_MAX_AGE",
                              "pending_max_age"), 600.0, 1, 86400, "seconds")
    workers = int(_number("FAQBOT_WORKERS / workers", get("FAQBOT_WORKERS", "workers"), 16, 1, 256, "workers",
                          whole=True))
    lease = _number("FAQBOT_LEASE / lease", get("FAQBOT_LEASE", "lease"), 60.0, 1, 3600, "seconds")
    socket_grace = _number("FAQBOT_SOCKET_GRACE / socket_grace", get("FAQBOT_SOCKET_GRACE", "socket_grace"), 30.0, 1,
                           3600, "seconds")
    retention_days = _number("FAQBOT_RETENTION_DAYS / retention_days", get("FAQBOT_RETENTION_DAYS", "retention_days"),
                             90.0, 1, 36500, "days")
    docs_poll = _number("FAQBOT_DOCS_POLL / docs_poll", get("FAQBOT_DOCS_POLL", "docs_poll"), 60.0, 1, 86400,
                        "seconds")
    return Settings(
        bot_token=env.get("SLACK_BOT_TOKEN", "").strip(),
        app_token=env.get("SLACK_APP_TOKEN", "").strip(),
        signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
        api_url=api_url if api_url.endswith("/") else api_url + "/",
        language=language,
        answer_channels=_ids("FAQBOT_ANSWER_CHANNELS / answer_channels",
                             get("FAQBOT_ANSWER_CHANNELS", "answer_channels")),
        channel_modes=_channel_modes(env.get("FAQBOT_CHANNEL_MODES") or file.get("channels")),
        contact=_text("FAQBOT_CONTACT / contact", get("FAQBOT_CONTACT", "contact"), "who to ask when nothing is found"),
        escalate=_people("FAQBOT_ESCALATE / escalate", get("FAQBOT_ESCALATE", "escalate")),
        escalate_channel=_channel("FAQBOT_ESCALATE_CHANNEL / escalate_channel",
                                  get("FAQBOT_ESCALATE_CHANNEL", "escalate_channel")),
        site_url=_site_url(get("FAQBOT_SITE_URL", "site_url")),
        admins=_ids("FAQBOT_ADMINS / admins", get("FAQBOT_ADMINS", "admins")),
        database=_database(database) if database else str(DEFAULT_DB.expanduser()),
        pending_max_age=pending_max_age,
        workers=workers,
        lease=lease,
        socket_grace=socket_grace,
        retention_days=retention_days,
        pseudonym_key=str(env.get("FAQBOT_PSEUDONYM_KEY") or ""),
        docs_git=_text("FAQBOT_DOCS_GIT / docs_git", get("FAQBOT_DOCS_GIT", "docs_git"),
                       "a git repository's URL").strip(),
        docs_branch=_text("FAQBOT_DOCS_BRANCH / docs_branch", get("FAQBOT_DOCS_BRANCH", "docs_branch"),
                          "a branch").strip(),
        docs_subdir=_text("FAQBOT_DOCS_SUBDIR / docs_subdir", get("FAQBOT_DOCS_SUBDIR", "docs_subdir"),
                          "a folder in the repository").strip(),
        docs_poll=docs_poll,
    )


def _text(name: str, value: object, what: str) -> str:
    """A setting that is a string ("" when unset): a value of another type in the settings file (a
    list, a table, a number) is refused, not turned into one (a database file named "{'url': 'x'}")."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SettingsError(f"{name}: expected a string ({what}), got {_kind(value)}")
    return value


def _kind(value: object) -> str:
    """A TOML value's type, for a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date):  # a datetime too
        return f"the date {value.isoformat()}"
    if isinstance(value, datetime.time):
        return f"the time {value.isoformat()}"
    return type(value).__name__


def _database(value: str) -> str:
    """FAQBOT_DB: a postgresql:// URL as it is, a SQLite file's path with `~` expanded."""
    if is_postgres(value):
        return value
    if "://" in value:
        raise SettingsError(f"FAQBOT_DB / database: {value.split('://')[0]}:// is not a database faqbot knows"
                            " (a postgresql:// URL, or a SQLite file's path)")
    return str(Path(value).expanduser())


def _number(name: str, value: object, default: float, low: float, high: float, unit: str,
            whole: bool = False) -> float:
    """A number setting within [low, high] (`whole`: an integer), the default when unset."""
    if value is None or value == "":
        return default
    try:
        number = int(str(value)) if whole else float(str(value))
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        raise SettingsError(f"{name}: {value!r} is not a number of {unit} ({low:g} to {high:g})")
    return number


def _ids(name: str, value: object) -> frozenset[str]:
    if value is None or value == "":
        return frozenset()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise SettingsError(f"{name}: expected a list of Slack ids")
    ids = [str(i).strip() for i in items if str(i).strip()]
    bad = [i for i in ids if not _ID.match(i)]
    if bad:
        raise SettingsError(f"{name}: {bad[0]!r} is not a Slack id (like C0123ABC or U0123ABC)")
    return frozenset(ids)


CHANNEL_MODES = ("questions", "mentions", "off")


def _channel(name: str, value: object) -> str:
    channel = _text(name, value, "a channel id like C0123ABC").strip()
    if channel and not re.match(r"^[CG][A-Z0-9]{2,}$", channel):
        raise SettingsError(f"{name}: {channel!r} is not a channel id (like C0123ABC)")
    return channel


def _people(name: str, value: object) -> tuple[str, ...]:
    """People (U…, W…) and user groups (S…): who can be tagged."""
    ids = _ids(name, value)
    if bad := sorted(i for i in ids if i[0] not in "UWS"):
        raise SettingsError(f"{name}: {bad[0]!r} is not a person (U…) or a user group (S…)")
    return tuple(sorted(ids))


def _channel_modes(value: object) -> dict[str, str]:
    """`C1=questions,C2=off` (environment) or a `[channels]` table (settings file)."""
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        pairs = [item.partition("=")[::2] for item in value.split(",") if item.strip()]
    elif isinstance(value, dict):
        pairs = list(value.items())
    else:
        raise SettingsError("FAQBOT_CHANNEL_MODES / [channels]: expected channel = mode pairs")
    modes = {}
    for channel, mode in pairs:
        channel, mode = str(channel).strip(), str(mode).strip().lower()
        if not _ID.match(channel) or mode not in CHANNEL_MODES:
            raise SettingsError(f"FAQBOT_CHANNEL_MODES / [channels]: {channel}={mode} is not a channel id and one "
                                f"of {', '.join(CHANNEL_MODES)}")
        modes[channel] = mode
    return modes


def _site_url(value: object) -> str:
    url = _text("FAQBOT_SITE_URL / site_url", value, "an http(s) URL").strip()
    if url and not re.match(r"^https?://[^/\s]+", url):
        raise SettingsError(f"FAQBOT_SITE_URL / site_url: {url!r} is not an http(s) URL")
    return url if not url or url.endswith("/") else url + "/"


def _token(name: str, value: str, prefix: str) -> None:
    if not value:
        raise SettingsError(f"{name} is not set")
    if not value.startswith(prefix) or any(c.isspace() for c in value):
        raise SettingsError(f"{name} does not look like a {prefix}… token")

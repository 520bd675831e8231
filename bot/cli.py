"""`faqbot`: index the knowledge base, ask it questions, evaluate answer quality."""

from __future__ import annotations

import argparse
import errno
import json
import math
import os
import sys
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.texts import texts
from indexer import KnowledgeBase, Warnings

if TYPE_CHECKING:  # imported where used: `faqbot ask` and `faqbot index` start without what they do not need
    from bot.settings import Settings
    from indexer import Answer, GitDocs, UpdateReport


class UsageError(Exception):
    """A setting or argument that cannot work: reported in one line, exit code 2."""


class StartError(Exception):
    """Something needed to start is not there (the docs' repository cannot be fetched): one line,
    exit code 1, so that a service manager tries again later."""


class ListenError(Exception):
    """A port to serve on cannot be listened on (in use, not allowed): one line, exit code 3, as
    uvicorn's own start-up failure for `--port` in HTTP mode."""


LISTEN_FAILED = 3  # uvicorn's exit code when it cannot listen (uvicorn.config.STARTUP_FAILURE)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except UsageError as exc:
        print(f"faqbot: {exc}", file=sys.stderr)
        return 2
    except StartError as exc:
        print(f"faqbot: {exc}", file=sys.stderr)
        return 1
    except ListenError as exc:
        print(f"faqbot: {exc}", file=sys.stderr)
        return LISTEN_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="faqbot", description=__doc__)
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, git: bool = False) -> None:
        where = p.add_mutually_exclusive_group() if git else p
        where.add_argument("--docs", help="MkDocs project folder (with mkdocs.yml) or a bare docs folder "
                           "(default: $FAQBOT_DOCS, else the bundled knowledge/)")
        p.add_argument("--index", help="index file (default: $FAQBOT_INDEX, else in ~/.cache/faqbot/)")
        if not git:
            return
        where.add_argument("--docs-git", metavar="URL", help="follow the docs from this git repository, cloned "
                           "into ~/.cache/faqbot/git/ (default: $FAQBOT_DOCS_GIT)")
        p.add_argument("--branch", help="with --docs-git: the branch (default: $FAQBOT_DOCS_BRANCH, else the "
                       "remote's default branch)")
        p.add_argument("--docs-subdir", metavar="PATH", help="with --docs-git: the MkDocs project's folder in the "
                       "repository (default: $FAQBOT_DOCS_SUBDIR, else the root or the one folder with mkdocs.yml)")

    p = sub.add_parser("index", help="build or update the search index")
    common(p, git=True)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object with the counts")
    out.add_argument("--list", action="store_true", help="every section as one JSON object per line")
    p.add_argument("--full", action="store_true", help="rebuild from scratch")
    p.set_defaults(run=cmd_index)

    p = sub.add_parser("ask", help="answer a question (or one per line from stdin)")
    common(p)
    p.add_argument("question", nargs="?", help="the question; without it, read one per line from stdin")
    p.add_argument("--top", type=int, default=3, help="results per question (default 3)")
    p.add_argument("--json", action="store_true", help="one JSON object per question per line")
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("serve", help="run the Slack bot: Socket Mode (SLACK_APP_TOKEN) or --http")
    common(p, git=True)
    p.add_argument("--http", action="store_true", help="serve the Events API over HTTP instead of Socket Mode")
    p.add_argument("--port", type=int, help="HTTP port (default: $PORT, else 3000)")
    p.add_argument("--host", default="0.0.0.0", help="HTTP address to listen on (0.0.0.0)")
    p.add_argument("--health-port", type=int, help="Socket Mode: also answer GET /healthz on this port (503 "
                   "once Slack's connection has been down for over FAQBOT_SOCKET_GRACE, 30 s)")
    p.add_argument("--config", help="settings file (TOML); default $FAQBOT_CONFIG")
    p.add_argument("--no-watch", action="store_true", help="do not follow edits to the docs")
    p.add_argument("--poll", type=float, metavar="SECONDS", help="with --docs-git: seconds between fetches "
                   "(default: $FAQBOT_DOCS_POLL, else 60)")
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("report", help="questions without an answer and answers with the most 👎")
    p.add_argument("--config", help="settings file (TOML); default $FAQBOT_CONFIG")
    p.add_argument("--db", help="the bot's database: a SQLite file or a postgresql:// URL (default: the settings')")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("eval", help="answer quality on question files (questions-dev.yml format), each reported "
                                     "on its own and by kind: e.g. a training and a validation split")
    common(p)
    p.add_argument("files", nargs="+", metavar="file", help="YAML question file")
    p.add_argument("--json", action="store_true", help="metrics, metrics by kind and misses as JSON, a line per file")
    p.add_argument("--quiet", action="store_true", help="no list of misses")
    p.set_defaults(run=cmd_eval)
    return parser


class _VersionAction(argparse._VersionAction):
    """`--version`, the installed version looked up only when asked for (importlib.metadata
    costs every other command some 20 ms)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any,
                 option_string: str | None = None) -> None:
        self.version = f"faqbot {installed_version()}"
        super().__call__(parser, namespace, values, option_string)


def installed_version() -> str:
    """faqbot's version as the installed package's metadata states it (what pip or pipx installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("faqbot")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


# -- shared set-up ----------------------------------------------------------------------------

def docs_location(docs: str | None) -> str | Path:
    """`--docs`, else `$FAQBOT_DOCS`, else the bundled knowledge base."""
    if docs or os.environ.get("FAQBOT_DOCS"):
        return docs or os.environ["FAQBOT_DOCS"]
    import knowledge  # the bundled knowledge base (importlib.resources): only when no other is given

    return knowledge.location()


def index_location(index: str | None) -> str | None:
    """`--index`, else `$FAQBOT_INDEX`; None: the library's default, in the user's cache folder."""
    return index or os.environ.get("FAQBOT_INDEX") or None


def open_kb(args: argparse.Namespace, full: bool = False, to_log: bool = False, compile_search: bool = True,
            load: bool = True, git: GitDocs | None = None, site_url: str = "",
            pages_needed: bool = False) -> KnowledgeBase:
    """The knowledge base of `--docs` (or of the checkout of `git`), its index brought up to date;
    warnings about the docs on stderr as they come, or in the log (`to_log`: the bot's, which also
    logs a large update's progress); on a terminal, a large update shows a progress bar.

    Docs that hold no Markdown page are an error when `pages_needed` (`faqbot ask`: every answer
    would be "not found"), else a warning on stderr (the bot starts: its pages may come later)."""
    warnings = None if to_log else Warnings.to_stderr()
    try:
        if git is not None and git.current is not None:
            kb = KnowledgeBase(git.current.project, git_index_path(args, git), warnings, git=git, site_url=site_url)
        else:
            kb = KnowledgeBase(docs_location(args.docs), index_location(args.index), warnings, site_url=site_url)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise UsageError(f"--docs: {exc}") from exc
    if kb.index_path.is_dir():  # refused before the docs are indexed for nothing
        raise UsageError(f"--index: {kb.index_path} is a folder, not an index file (such as "
                         f"{kb.index_path / 'kb.idx'})")
    bar = None if to_log or getattr(args, "json", False) or getattr(args, "list", False) else ProgressBar.on_terminal()
    try:
        report = kb.update(full=full, compile_search=compile_search, load=load, progress=bar)
    except OSError as exc:
        where = _about_index(exc, kb.index_path)
        # not allowed, or the disk's fault (a write's error names no file: ENOSPC)
        if isinstance(exc, PermissionError) or (where is None and exc.errno in WRITE_FAILURES):
            raise UsageError(f"--index: cannot write {kb.index_path} ({exc.strerror})") from exc
        if where is None:
            raise
        reason = exc.strerror or str(exc)
        raise UsageError(f"--index: cannot use {kb.index_path} ("
                         + (f"{where}: {reason})" if where in kb.index_path.parents else f"{reason})")) from exc
    finally:
        if bar is not None:
            bar.close()
    if report.pages == 0:
        empty = f"{'docs' if git is not None else '--docs'}: {kb.project.docs_dir} holds no Markdown pages"
        if pages_needed:
            raise UsageError(empty)
        print(f"faqbot: warning: {empty}; every question is answered \"not found\" until some are added",
              file=sys.stderr, flush=True)
    return kb


WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})  # the disk's, not the docs'


def _about_index(exc: OSError, index: Path) -> Path | None:
    """The path `exc` is about when it is one of the index's files (the index, its journal,
    manifest, search file, lock or their temporary files) or a folder they go in; None when it is
    not (a file of the docs)."""
    for name in (exc.filename, exc.filename2):
        if not isinstance(name, str | bytes | os.PathLike):
            continue
        path = Path(os.fsdecode(name))
        if path in index.parents or (path.parent == index.parent and path.name.lstrip(".").startswith(index.name)):
            return path
    return None


def git_docs(args: argparse.Namespace, settings: Settings) -> GitDocs | None:
    """The git repository the docs are followed from (`--docs-git`, else the settings' docs_git unless
    `--docs` is given), checked out at its branch head; None for docs in a folder. When the fetch
    fails, an earlier checkout in the cache is used (with a warning), else it is an error."""
    url = args.docs_git or ("" if args.docs else settings.docs_git)
    if not url:
        return None
    from indexer import GitDocs, GitError

    if not args.docs_git and os.environ.get("FAQBOT_DOCS"):
        raise UsageError("FAQBOT_DOCS and FAQBOT_DOCS_GIT are both set: set one of them")
    if getattr(args, "poll", None) is not None and not 1 <= args.poll <= 86400:
        raise UsageError(f"--poll: {args.poll:g} is not a number of seconds (1 to 86400)")
    try:
        git = GitDocs(url, args.branch or settings.docs_branch or None,
                      args.docs_subdir or settings.docs_subdir or None)
    except GitError as exc:
        raise UsageError(str(exc)) from exc
    try:
        git.sync()
    except GitError as exc:
        if git.current is None:
            raise StartError(f"docs: {exc}") from exc
        print(f"faqbot: warning: docs: {exc}; using commit {git.current.commit[:12]} fetched before", file=sys.stderr)
    return git


def git_index_path(args: argparse.Namespace, git: GitDocs) -> Path:
    """`--index`, else `$FAQBOT_INDEX`, else the index beside the repository's clone."""
    chosen = index_location(args.index)
    return Path(chosen).expanduser() if chosen else git.index_path()


class ProgressBar:
    """A progress bar on stderr for a large update (tqdm: pages parsed, rate, time left); made
    only when stderr is a terminal, shown only once an update is large."""

    def __init__(self) -> None:
        self.bar: Any = None

    @classmethod
    def on_terminal(cls) -> ProgressBar | None:
        return cls() if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="page", desc=texts().indexing, file=sys.stderr, leave=False,
                            dynamic_ncols=True)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# -- commands -----------------------------------------------------------------------------------

def cmd_index(args: argparse.Namespace) -> int:
    from bot.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        raise UsageError(str(exc)) from exc
    git = git_docs(args, settings)
    kb = open_kb(args, full=args.full, compile_search=False, load=args.list, git=git)  # nothing changed: no index read
    report = kb.last_report
    assert report is not None
    if args.list:
        for section in kb.sections():
            print(json.dumps(vars(section), ensure_ascii=False))
    elif args.json:
        print(json.dumps(report.summary() | ({"commit": git.status.commit} if git else {})))
    else:
        t = texts()
        print(t.index_summary.format(**report.summary(), docs=kb.project.docs_dir))
        if report.rebuilt:
            print(t.index_rebuilt.format(reason=t.rebuilt_because[report.rebuilt]))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    kb = open_kb(args, load=False, pages_needed=True)  # nothing changed: answers from the mapped search file
    questions = [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        answer = kb.ask(question, top=args.top)
        if args.json:
            print(json.dumps(answer.public(), ensure_ascii=False), flush=True)
        else:
            print(format_answer(answer), flush=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from indexer import evaluate, load_questions
    from indexer.evaluation import QuestionFileError

    files = []
    for name in args.files:
        try:
            files.append((name, load_questions(Path(name))))
        except QuestionFileError as exc:  # names the file itself
            raise UsageError(str(exc)) from exc
        except (OSError, ValueError) as exc:
            raise UsageError(f"{name}: {exc}") from exc
    kb = open_kb(args, load=False, pages_needed=True)  # a short-lived process: the mapped search file
    for name, questions in files:
        started = time.perf_counter()
        ev = evaluate(kb, questions)
        metrics = ev.metrics()
        metrics["seconds"] = round(time.perf_counter() - started, 2)
        if args.json:
            print(json.dumps({"file": name, "metrics": metrics, "by_kind": ev.by_kind(), "misses": ev.misses},
                             ensure_ascii=False))
            continue
        for miss in [] if args.quiet else ev.misses:
            print(f"miss: {miss['q']!r}: {miss['why']}; got {miss.get('got')}")
        print(f"{name}, by kind:")
        for kind, m in ev.by_kind().items():
            print(f"  {kind:<12} {m['questions']:>4}  hit@1 {m['hit@1']:.2f}  hit@3 {m['hit@3']:.2f}  "
                  f"MRR@5 {m['mrr@5']:.2f}  not found {m['false_not_found']:>3}  declined {m['abstention']:>6}  "
                  f"rows {m['rows_shown']}")
        # the summary last, in three lines: scripts read the tail
        print(f"questions: {metrics['questions']} ({ev.answerable} answerable, {ev.unanswerable} not)")
        print(f"abstention: {metrics['abstention']}  false not-found: {ev.false_not_found}  "
              f"rows shown: {metrics['rows_shown']}")
        print(f"hit@1 {metrics['hit@1']:.3f}  hit@3 {metrics['hit@3']:.3f}  MRR@5 {metrics['mrr@5']:.3f}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import sqlite3
    import threading
    from urllib.error import URLError

    import psycopg
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from bot.app import create_app, drain, recover, recover_every
    from bot.faqbot import FaqBot
    from bot.server import serve_health, serve_http, serve_socket_mode
    from bot.settings import SettingsError, load_settings
    from bot.store import open_store
    from bot.store.postgres import SchemaError

    try:
        settings = load_settings(args.config).require(http=args.http)
    except SettingsError as exc:
        raise UsageError(str(exc)) from exc
    # Bolt takes $SLACK_BOT_TOKEN as a token of its own beside the client it is given (and warns that
    # it goes unused); the settings hold the secrets now, and git and the other child processes need none
    for secret in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        os.environ.pop(secret, None)
    if args.http:
        args.port = http_port(args.port)
    if args.health_port is not None and not 0 < args.health_port < 65536:
        raise UsageError(f"--health-port: {args.health_port} is not a TCP port")
    from bot import logs

    logs.configure()
    git = git_docs(args, settings)
    knowledge = open_kb(args, to_log=True, git=git, site_url=settings.site_url)
    report = knowledge.last_report
    assert report is not None
    if not knowledge.state().site_url.startswith(("http://", "https://")):
        raise UsageError("the docs have no site_url (mkdocs.yml), so answers would link nowhere Slack accepts: "
                         "set FAQBOT_SITE_URL to the docs site's address")
    try:
        store = open_store(settings.database, busy=ACK_BUSY, key=settings.pseudonym_key.encode() or None,
                           lease=settings.lease, retention_days=settings.retention_days,
                           connections=settings.workers + POOL_FOR_ACKS)
    except (OSError, sqlite3.Error, psycopg.Error, SchemaError) as exc:
        raise UsageError(f"FAQBOT_DB: cannot use {_database_name(settings.database)} ({exc})") from exc
    bot = FaqBot(settings, knowledge, store)
    try:
        app = create_app(bot, http=args.http)
    except (BoltError, SlackApiError) as exc:
        raise UsageError(f"SLACK_BOT_TOKEN: Slack did not accept it ({str(exc).splitlines()[0]})") from exc
    except (URLError, OSError) as exc:
        raise UsageError(f"SLACK_API_URL: cannot reach {settings.api_url} ({exc})") from exc
    # events stored but not answered when the last process stopped: Slack will not send them again
    taken_up = recover(app, bot, everyone=True)
    if taken_up:
        print(f"faqbot: answering {taken_up} unfinished events", flush=True)
    stopping = threading.Event()
    recovering = threading.Thread(target=recover_every, args=(app, bot, stopping), name="faqbot-recover",
                                  daemon=True)
    recovering.start()

    def updated(report: UpdateReport) -> None:
        print(f"faqbot: index updated {json.dumps(report.summary())}", flush=True)

    following: threading.Thread | None = None  # the docs followed until the process stops
    if git is not None:  # an export of a commit never changes: new commits come by fetching
        following = knowledge.follow(stopping, args.poll or settings.docs_poll, on_update=updated)
    elif not args.no_watch:
        following = knowledge.watch(stopping, on_update=updated)
    mode = f"http://{args.host}:{args.port}/slack/events" if args.http else "socket mode"
    summary = f"{report.pages} pages, {report.sections} sections"

    def ready() -> None:
        print(f"faqbot: ready ({mode}; {summary})", flush=True)

    if args.http:
        serve_http(app, knowledge, args.host, args.port, ready, bot.problems)  # returns on SIGTERM or SIGINT
    else:
        if args.health_port:
            try:
                serve_health(knowledge, args.host, args.health_port, bot.problems)
            except OSError as exc:  # in use, or not ours to listen on: as uvicorn says of --port
                raise ListenError(f"--health-port: cannot listen on {args.host}:{args.health_port} "
                                  f"({exc.strerror or exc})") from exc
        serve_socket_mode(app, settings.app_token, ready, bot.socket_state)
    # no event taken up again while the workers drain (it would find them shut), no update begun:
    # one under way is given time to finish (a kill mid-save leaves the old index, but costs the work)
    stopping.set()
    for thread in (recovering, following):
        if thread is not None:
            thread.join(timeout=DRAIN_SECONDS / 2)
    if drain(app, DRAIN_SECONDS):
        store.give_back()  # what was queued and never begun: for a replica or the next start, now
        store.close()
        print("faqbot: stopped", flush=True)
        return 0
    print(f"faqbot: stopped; answers still in flight after {DRAIN_SECONDS:.0f} s are left for the next start",
          flush=True)
    os._exit(0)  # the workers still waiting on Slack must not hold the process (their events stay pending)


def http_port(given: int | None) -> int:
    """`--port`, else `$PORT` (as platforms that choose the port set it), else 3000."""
    if given is None:
        raw = os.environ.get("PORT") or "3000"
        try:
            given = int(raw)
        except ValueError:
            raise UsageError(f"PORT must be a number (a TCP port), not {raw!r}") from None
        name = "PORT"
    else:
        name = "--port"
    if not 0 < given < 65536:
        raise UsageError(f"{name}: {given} is not a TCP port")
    return given


def printable(text: str) -> str:
    """`text` without control and format characters (escape sequences, bells, bidi overrides)."""
    return "".join(c if unicodedata.category(c) not in ("Cc", "Cf") else " " for c in text)


DRAIN_SECONDS = 20.0  # at shutdown, the time answers in flight get to finish
ACK_BUSY = 0.5  # seconds the bot's database waits on a lock: past that it answers without (acks stay under 1 s)
POOL_FOR_ACKS = 4  # PostgreSQL connections beyond one per worker: acks and the recovery loop


def _database_name(database: str) -> str:
    """FAQBOT_DB for a message: a URL without its password."""
    from bot.store import is_postgres
    from bot.store.postgres import describe

    return describe(database) if is_postgres(database) else database


def cmd_report(args: argparse.Namespace) -> int:
    import sqlite3

    import psycopg

    from bot.settings import SettingsError, load_settings
    from bot.store import is_postgres, open_store
    from bot.store.postgres import SchemaError

    try:
        settings = load_settings(args.config)
    except SettingsError as exc:
        raise UsageError(str(exc)) from exc
    database, name = (args.db, "--db") if args.db else (settings.database, "FAQBOT_DB")
    if not is_postgres(database) and not Path(database).expanduser().is_file():
        raise UsageError(f"{name}: no database at {database} (the bot has not run yet?)")
    try:  # the report names nobody: it needs no pseudonym key
        store = open_store(database, key=settings.pseudonym_key.encode() or None,
                           retention_days=settings.retention_days, reader=True)
    except (OSError, sqlite3.Error, psycopg.Error, SchemaError) as exc:
        raise UsageError(f"{name}: cannot use {_database_name(database)} ({exc})") from exc
    seen, totals = store.period(0.0, math.inf, args.limit), store.totals()  # all time, one query set
    unanswered, disliked, chosen, people = seen.unanswered, seen.disliked, seen.chosen, seen.people
    store.close()
    if args.json:
        print(json.dumps({"totals": totals, "unanswered": [vars(r) for r in unanswered],
                          "disliked": [vars(r) for r in disliked], "chosen": [vars(r) for r in chosen],
                          "people": [vars(r) for r in people]}, ensure_ascii=False))
        return 0
    print(f"{totals['questions']} questions, {totals['unanswered']} without an answer, "
          f"{totals['undelivered']} whose answer Slack never took; {totals['up']} 👍, {totals['down']} 👎; "
          f"{totals['escalated']} asked for a person, {totals['resolved']} marked resolved")
    # what people typed is printed without control characters (printable)
    t = texts("en")  # the CLI's report is in English, as its headings
    _listing("Asked most often without an answer (what the docs should add):",
             [f"{line.count:4}  {printable(line.text)}"
              + (f"  ({lacking})" if (lacking := t.lacking(line.missing)) else "") for line in unanswered])
    _listing("Answers with the most 👎 (what the docs should improve):",
             [f"{line.count:4}  {printable(line.text)}" for line in disliked])
    _listing("After a 👎, the section people chose instead (what the docs should make findable):",
             [f"{printable(c.question)}  {c.answered_with or '(not found)'} -> {c.chosen or '(none of those offered)'}"
              for c in chosen])
    _listing("Asked for a person, and resolved, per answer given:",
             [f"{p.escalated:4} {p.resolved:4}  {p.location or '(not found)'}" for p in people])
    return 0


def _listing(title: str, lines: list[str]) -> None:
    print(f"\n{title}")
    for line in lines or ["(none)"]:
        print(f"  {line}")


# -- plain output -------------------------------------------------------------------------------

def format_answer(answer: Answer) -> str:
    t = texts()
    lines = [f"? {answer.question}"]
    if not answer.answered:
        lines.append(t.not_found_for(answer.missing))
        if answer.results:
            lines.append(t.suggestions + " " + "; ".join(h.title for h in answer.results))
        return "\n".join(lines) + "\n"
    for number, hit in enumerate(answer.results, start=1):
        crumbs = " › ".join(hit.breadcrumb)
        lines.append(f"{number}. {hit.title}" + (f"  ({crumbs})" if crumbs else ""))
        for line in hit.answer.splitlines():
            lines.append(f"   {line}")
        lines.append(f"   {hit.url}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())

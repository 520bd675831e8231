"""A real, throwaway PostgreSQL server for the tests: a cluster made with initdb in a temporary
folder, started with pg_ctl on a free port of 127.0.0.1, removed afterwards. PostgreSQL refuses to
run as root, so as root the cluster belongs to an unprivileged user (`postgres` where the package
made one, else `nobody`) and its commands run as that user. `make test` installs Debian's
`postgresql` package where neither initdb nor pg_ctl is found."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PACKAGE_BIN = "/usr/lib/postgresql/*/bin"  # where Debian's packages put them (not on PATH)
_databases = itertools.count(1)


class NoServer(Exception):
    """The server cannot be started here; the message says why."""


def find_bin() -> Path:
    """The folder with initdb and pg_ctl: on PATH, else the newest Debian package's."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    folders = sorted(glob.glob(PACKAGE_BIN), key=lambda p: int(Path(p).parent.name.split(".")[0]), reverse=True)
    for folder in folders:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise NoServer("initdb and pg_ctl not found (on PATH or in /usr/lib/postgresql/*/bin); "
                   "`make test` installs Debian's postgresql package")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _owner() -> str | None:
    """Who runs the server: ourselves, unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise NoServer("running as root and there is no unprivileged user (postgres, nobody) to run PostgreSQL as")


@dataclass
class PostgresServer:
    """A running cluster; `url(name)` connects to one of its databases as the superuser `faqbot`."""

    bin: Path
    folder: Path
    port: int
    owner: str | None

    @classmethod
    def start(cls) -> PostgresServer:
        bin_dir, owner = find_bin(), _owner()
        folder = Path(tempfile.mkdtemp(prefix="faqbot-pg-"))
        server = cls(bin_dir, folder, _free_port(), owner)
        try:
            if owner:
                shutil.chown(folder, owner)
            server._run("initdb", "-D", str(folder / "data"), "-U", "faqbot", "--auth=trust", "-E", "UTF8",
                        "--locale=C", "--no-sync")
            server._pg_ctl_start()
        except NoServer:
            server.remove()
            raise
        return server

    def _pg_ctl_start(self) -> None:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
                   " -c full_page_writes=off -c max_connections=200")  # fsync off: a halt is no OS crash
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "server.log"), "-o", options,
                  "-w", "-t", "60", "start")

    def _run(self, command: str, *args: str) -> None:
        argv = [str(self.bin / command), *args]
        if self.owner:
            argv = ["runuser", "-u", self.owner, "--", *argv]
        run = subprocess.run(argv, capture_output=True, text=True, cwd=self.folder, timeout=120)
        if run.returncode != 0:
            log = self.folder / "server.log"
            raise NoServer(f"{command} failed ({run.returncode}): {run.stderr.strip() or run.stdout.strip()}"
                           + (f"\n{log.read_text(errors='replace')[-2000:]}" if log.exists() else ""))

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://faqbot@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database of its own; its URL."""
        import psycopg

        name = f"faqbot_test_{next(_databases)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return self.url(name)

    def halt(self) -> None:
        """Stop the server as a crash or a failover does (its data stays)."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        """Start a halted server again, on the same port."""
        self._pg_ctl_start()

    def stop(self) -> None:
        try:
            self.halt()
        finally:
            self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

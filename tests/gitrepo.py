"""A real git repository of docs for tests: `git init`, pages written and committed, served to
faqbot over a `file://` URL (no network)."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from tests.conftest import MKDOCS_YML


class DocsRepo:
    """A working repository whose commits faqbot follows; `url` is what `--docs-git` is given."""

    def __init__(self, root: Path, project: str = "", branch: str = "main") -> None:
        self.root, self.project = root, root / project if project else root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "--quiet", "--initial-branch", branch)
        self.url = root.as_uri()

    def git(self, *args: str) -> str:
        env = {"GIT_AUTHOR_NAME": "Docs", "GIT_AUTHOR_EMAIL": "docs@example.org", "GIT_COMMITTER_NAME": "Docs",
               "GIT_COMMITTER_EMAIL": "docs@example.org", "HOME": str(self.root), "PATH": "/usr/bin:/bin",
               "GIT_CONFIG_NOSYSTEM": "1"}
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True,
                              timeout=60).stdout

    def write(self, pages: dict[str, str], config: str | None = MKDOCS_YML) -> None:
        """Pages (path under docs/ -> Markdown, dedented); the project's mkdocs.yml unless `config` is None."""
        if config is not None:
            self.project.mkdir(parents=True, exist_ok=True)
            (self.project / "mkdocs.yml").write_text(config, encoding="utf-8")
        for rel, text in pages.items():
            path = self.project / "docs" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")

    def commit(self, message: str = "docs") -> str:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--message", message)
        return self.git("rev-parse", "HEAD").strip()

    def move(self, old: str, new: str) -> None:
        (self.project / "docs" / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", str(self.project / "docs" / old), str(self.project / "docs" / new))

    def remove(self, rel: str) -> None:
        self.git("rm", "--quiet", str(self.project / "docs" / rel))


PAGES = {
    "index.md": """\
        # Welkom

        De helpdesk van Kwartpuls beantwoordt vragen over facturen.
        """,
    "diensten/backup.md": """\
        # Back-up

        Wij maken elke nacht een back-up van alle servers.
        """,
    "diensten/printers.md": """\
        # Printers

        Printers worden binnen vier uur gerepareerd door de monteur.
        """,
    "oud/fax.md": """\
        # Faxdienst

        De faxdienst stopt op 1 januari; faxen gaat voortaan via e-mail.
        """,
}


def change_everything(repo: DocsRepo) -> str:
    """One commit that edits, adds, renames and deletes pages; returns its id."""
    repo.write({"diensten/backup.md": """\
        # Back-up

        Wij maken elk uur een snapshot van alle servers, bewaard in het datacenter in Zwolle.
        """, "diensten/zeilboten.md": """\
        # Zeilboten

        Wij repareren ook zeilboten op zondag.
        """}, config=None)
    repo.move("diensten/printers.md", "hardware/printers.md")
    repo.remove("oud/fax.md")
    return repo.commit("edit, add, rename, delete")


def two_projects(root: Path) -> tuple[DocsRepo, str]:
    """A repository at `root` holding two MkDocs projects, `handbook` (PAGES) and `support` (one
    page), in one commit; returns it and that commit's id."""
    repo = DocsRepo(root, project="handbook")
    repo.write(PAGES)
    repo.project = repo.root / "support"
    repo.write({"index.md": "# Support\n\nBel de servicedesk.\n"})
    return repo, repo.commit("two projects")


def first_commit(root: Path, pages: dict[str, str]) -> DocsRepo:
    """A repository at `root` holding `pages` in one commit."""
    repo = DocsRepo(root)
    repo.write(pages)
    repo.commit("first")
    return repo

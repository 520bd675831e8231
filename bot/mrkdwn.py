"""The indexer's content model (blocks of spans, see `indexer.content`) as Slack mrkdwn.

Everything that comes from a page or a person is escaped (`&`, `<`, `>`), so no text can become a
live mention (`<!channel>`, `<@U…>`, `<!subteam^…>`) or a link it did not mean to be."""

from __future__ import annotations

import re

from indexer.content import Block, row_kind, row_values, table_row_text

_SAFE_URL = re.compile(r"^(https?://|mailto:)[^\s<>|]+$", re.I)


def escape(text: str) -> str:
    """Slack's three control characters, escaped as Slack documents."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# What a setting may hold as a live Slack link: a channel, a person, a user group, a web or mail link.
_SLACK_LINK = re.compile(r"<(?:#C[A-Z0-9]+|@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+|(?:https?://|mailto:)[^\s<>|]+)"
                         r"(?:\|[^<>|]*)?>")


def with_links(text: str) -> str:
    """A setting's text (the contact line) escaped, except the channel, person, user-group and web
    links written in Slack's own syntax (`<#C0123|helpdesk>`): those stay live. `<!here>` and
    `<!channel>` never do."""
    out, last = [], 0
    for match in _SLACK_LINK.finditer(text):
        out += [escape(text[last:match.start()]), match.group(0)]
        last = match.end()
    return "".join(out) + escape(text[last:])


def link(url: str, label: str) -> str:
    label = escape(label.replace("|", "¦")).strip() or escape(url)
    return f"<{url}|{label}>" if _SAFE_URL.match(url) else label


def _wrap(mark: str, text: str) -> str:
    # Slack applies *bold* only when the marks touch the words: keep outer spaces outside
    inner = text.strip()
    if not inner:
        return escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{mark}{escape(inner)}{mark}{trail}"


def spans(items: list[list[str]]) -> str:
    out = []
    for span in items:
        kind, text = span[0], span[1]
        if kind in ("strong", "mark"):
            out.append(_wrap("*", text))
        elif kind == "em":
            out.append(_wrap("_", text))
        elif kind == "del":
            out.append(_wrap("~", text))
        elif kind in ("code", "kbd"):
            out.append(_wrap("`", text.replace("`", "ˋ")))
        elif kind == "link":
            out.append(link(span[2], text))
        else:
            out.append(escape(text))
    return "".join(out)


def block(item: Block) -> str:
    """One block as mrkdwn lines: lists with bullets, tables row by row, admonitions as quotes."""
    kind = item["kind"]
    if kind == "code":
        text = "```\n" + escape(item["text"].rstrip("\n").replace("```", "ˋˋˋ")) + "\n```"
    elif kind == "table":
        rows = [(row_kind(cells), cells) for cells in item["rows"]]
        text = "\n".join("• " + escape(table_row_text(item["header"], cells)) if kind == "values"
                         else f"*{escape(cells[0].strip())}*" for kind, cells in rows if kind != "empty")
    elif kind == "title":
        text = f"*{escape(''.join(s[1] for s in item['spans']).strip())}*"
    elif kind == "item":
        marker = item.get("marker", "-")
        bullet = "•" if marker in ("-", "*", "+") else marker
        text = "    " * item.get("indent", 0) + f"{bullet} {spans(item['spans'])}"
    else:
        text = spans(item["spans"])
    if item.get("quote"):
        text = "\n".join("> " + line for line in text.splitlines())
    return text


def row(header: list[str], cells: list[str], group: str = "") -> str:
    """A table row as the answer: its label in bold (after its group's, when the table groups its
    rows), then one "Column: value" line per cell."""
    label = escape(f"{group} › {cells[0].strip()}" if group else cells[0].strip()) if cells else ""
    lines = [f"*{label}*"] if label else []
    lines += [f"{escape(column)}: {escape(value)}" if column else escape(value)
              for column, value in row_values(header, cells)]
    return "\n".join(lines)

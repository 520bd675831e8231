"""The content of a section as a small typed document model, independent of any output format.

A section's body is a list of blocks; inline text is a list of spans. The bot renders them to
Slack mrkdwn, the command line to plain text: neither needs to parse Markdown again.

    Span   = [kind, text] or ["link", text, href]   kind: text strong em code mark kbd del link
    Block  = {"kind": "paragraph" | "item" | "title", "spans": [...], "quote": q, "indent": i,
              "marker": "-" or "3." (items)}
           | {"kind": "code", "text": str, "lang": str, "quote": q, "indent": i}
           | {"kind": "table", "header": [str], "rows": [[str]], "quote": q, "indent": i}

`quote` is the nesting depth inside admonitions and content tabs (rendered as a quote), `indent`
the list nesting depth. Everything is plain lists, dicts and strings, so it serialises as is.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

Span = list[str]


class Block(TypedDict):
    """One block of a section's body (see the module's docstring for which kind has which keys)."""

    kind: str  # paragraph, item, title, code, table
    quote: int
    indent: int
    spans: NotRequired[list[Span]]  # paragraph, item, title
    marker: NotRequired[str]  # item
    text: NotRequired[str]  # code
    lang: NotRequired[str]  # code
    header: NotRequired[list[str]]  # table
    rows: NotRequired[list[list[str]]]  # table

TEXT, STRONG, EM, CODE, MARK, KBD, DEL, LINK = "text", "strong", "em", "code", "mark", "kbd", "del", "link"


def spans_text(spans: list[Span]) -> str:
    """The plain text of some spans."""
    return "".join(s[1] for s in spans)


DASHES = ("", "-", "—", "–")


def row_kind(cells: list[str]) -> str:
    """"values" (a row that says something), "label" (only its first cell: a group heading inside
    the table, `**Gedeelde Verantwoordelijkheid** | | `) or "empty" (nothing but dashes)."""
    if any(c.strip() not in DASHES for c in cells[1:]):
        return "values"
    return "label" if cells and cells[0].strip() not in DASHES else "empty"


def row_values(header: list[str], cells: list[str]) -> list[tuple[str, str]]:
    """(column, value) for each cell after the first; an empty or dash cell reads "–"."""
    out = []
    for i, cell in enumerate(cells[1:], start=1):
        column = header[i].strip() if i < len(header) else ""
        value = cell.strip()
        out.append((column, "–" if value in DASHES else value))
    return out


def table_row_text(header: list[str], cells: list[str], separator: str = "; ", group: str = "") -> str:
    """One row as "First cell — Column: value; Column: value" (the row's answer text), after the
    label of its group of rows when the table has one ("Group › First cell — …")."""
    label = cells[0].strip() if cells else ""
    if group:
        label = f"{group} › {label}"
    parts = [f"{column}: {value}" if column else value for column, value in row_values(header, cells)]
    # a cell's closing full stop would stand before the separator ("toegangscontroles.; Klant")
    parts = [p[:-1] if p.endswith(".") and not p.endswith("..") else p for p in parts[:-1]] + parts[-1:]
    if not parts:
        return label
    return f"{label} — {separator.join(parts)}" if label else separator.join(parts)


def cut_at_word(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, at a word when one ends in the second half."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:")


def block_text(block: Block) -> str:
    """Plain text of one block, one line per list item or table row."""
    kind = block["kind"]
    if kind == "code":
        return block["text"]
    if kind == "table":
        lines = [" | ".join(block["header"])] if any(block["header"]) else []
        for row in block["rows"]:
            kind = row_kind(row)
            if kind != "empty":
                lines.append(" | ".join(row) if kind == "values" else row[0].strip())
        return "\n".join(lines)
    text = spans_text(block["spans"])
    if kind == "item":
        return f"{'  ' * block.get('indent', 0)}{block.get('marker', '-')} {text}"
    return text


def blocks_text(blocks: list[Block]) -> str:
    """Plain text of a section body, blocks separated by newlines."""
    return "\n".join(t for t in (block_text(b) for b in blocks) if t)

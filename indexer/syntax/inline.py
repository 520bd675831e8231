"""`==marked text==` (pymdownx.mark) and `++ctrl+alt+del++` keys (pymdownx.keys)."""

from __future__ import annotations

from markdown_it.rules_inline import StateInline


def _delimited(state: StateInline, marker: str) -> int | None:
    """End position of the text between `marker` pairs at state.pos, or None."""
    start = state.pos
    if not state.src.startswith(marker, start):
        return None
    end = state.src.find(marker, start + 2, state.posMax)
    if end < 0 or end == start + 2 or state.src[start + 2].isspace() or "\n" in state.src[start:end]:
        return None
    return end


def mark_rule(state: StateInline, silent: bool) -> bool:
    end = _delimited(state, "==")
    if end is None:
        return False
    if not silent:
        state.push("mark_open", "mark", 1)
        old_pos, old_max = state.pos, state.posMax
        state.pos, state.posMax = old_pos + 2, end
        state.md.inline.tokenize(state)
        state.pos, state.posMax = old_pos, old_max
        state.push("mark_close", "mark", -1)
    state.pos = end + 2
    return True


def keys_rule(state: StateInline, silent: bool) -> bool:
    end = _delimited(state, "++")
    if end is None:
        return False
    keys = [k.strip() for k in state.src[state.pos + 2 : end].split("+") if k.strip()]
    if not keys:
        return False
    if not silent:
        token = state.push("kbd", "kbd", 0)
        token.content = "+".join(k.replace("-", " ").title().replace(" ", "") if len(k) > 1 else k.upper()
                                 for k in keys)
    state.pos = end + 2
    return True


MAX_LABEL = 1000  # link text scanned for brackets, at most (keeps a line of 20,000 `[` linear)


def _label_end(src: str, start: int, end: int) -> int | None:
    """Python-Markdown's link text (LinkInlineProcessor.getText): from `start`, just after `[`, to the
    `]` that balances it, counting every unescaped bracket; the index of that `]`, or None."""
    depth = 1
    pos = start
    while pos < end:
        c = src[pos]
        if c == "\\":
            pos += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return pos
        pos += 1
    return None


def _destination_end(src: str, start: int, end: int) -> int | None:
    """From `(` at `start`, the index of the `)` that balances it, or None."""
    depth = 0
    for pos in range(start, end):
        if src[pos] == "(":
            depth += 1
        elif src[pos] == ")":
            depth -= 1
            if depth == 0:
                return pos
    return None


def nested_link_rule(state: StateInline, silent: bool) -> bool:
    """Links as Python-Markdown makes them where CommonMark differs: the first `[` takes the text up to
    its balancing `]`, brackets and links inside it included, and nothing inside a link's text is a link
    again (link text is only run through the patterns after `link`). So `[[a](b)](c)` is a link to `c`
    whose text is `[a](b)`, where CommonMark makes the inner link and leaves the outer brackets as text."""
    if state.src[state.pos] != "[":
        return False
    if state.linkLevel > 0:  # inside link text: a bracket is text
        if not silent:
            state.push("text", "", 0).content = "["
        state.pos += 1
        return True
    if state.src.find("](", state.pos, state.posMax) < 0:
        return False
    label_end = _label_end(state.src, state.pos + 1, min(state.posMax, state.pos + MAX_LABEL))
    if label_end is None or "[" not in state.src[state.pos + 1 : label_end]:
        return False  # no brackets inside: markdown-it's own link rule agrees with Python-Markdown
    if label_end + 1 >= state.posMax or state.src[label_end + 1] != "(":
        return False
    dest_end = _destination_end(state.src, label_end + 1, state.posMax)
    if dest_end is None:
        return False
    if not silent:
        inside = state.src[label_end + 2 : dest_end].strip()
        href = inside.split()[0] if inside.split() else ""
        if href.startswith("<") and ">" in href:
            href = href[1 : href.index(">")]
        old_max = state.posMax
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": state.md.normalizeLink(href)}
        state.pos, state.posMax = state.pos + 1, label_end
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.posMax = old_max
        state.push("link_close", "a", -1)
    state.pos = dest_end + 1
    return True

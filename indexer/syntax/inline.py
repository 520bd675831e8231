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

"""Icon and emoji shortcodes (`:material-check:`, `:heart:`), with an optional attribute list.

Icons that carry meaning in the knowledge base (a check in a comparison table means "yes", a
cross means "no") become a symbol; decorative icons are dropped."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

_SHORTCODE = re.compile(r":(?P<name>[a-z][a-z0-9_+\-]*):(?:\{[^{}\n]*\})?")
ICON_SETS = ("material-", "fontawesome-", "octicons-", "simple-")

YES, NO = "✔️", "✖️"
MEANINGFUL = {
    # yes
    "material-check": YES, "material-check-bold": YES, "material-check-circle": YES,
    "material-check-circle-outline": YES, "material-checkbox-marked": YES,
    "octicons-check-16": YES, "octicons-check-24": YES, "octicons-check-circle-16": YES,
    "fontawesome-solid-check": YES, "fontawesome-solid-circle-check": YES,
    "white_check_mark": "✅", "heavy_check_mark": YES, "check": YES,
    # no
    "material-close": NO, "material-close-thick": NO, "material-close-circle": NO,
    "material-close-circle-outline": NO, "material-minus": "–",
    "octicons-x-16": NO, "octicons-x-24": NO, "octicons-x-circle-16": NO,
    "fontawesome-solid-xmark": NO, "fontawesome-solid-circle-xmark": NO,
    "x": "❌", "heavy_multiplication_x": NO,
    # a few emoji people write in prose
    "warning": "⚠️", "information_source": "ℹ️", "bulb": "💡", "heart": "❤️",
    "thumbsup": "👍", "+1": "👍", "thumbsdown": "👎", "-1": "👎", "rocket": "🚀",
    "smile": "😄", "star": "⭐", "tada": "🎉", "lock": "🔒", "email": "📧", "phone": "📞",
}


def icon_text(name: str) -> str | None:
    """The symbol an icon stands for, "" for a decorative icon, None when not a known shortcode."""
    if name in MEANINGFUL:
        return MEANINGFUL[name]
    if name.startswith(ICON_SETS):
        return ""
    return None


def icon_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != ":":
        return False
    match = _SHORTCODE.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    text = icon_text(match.group("name"))
    if text is None:
        return False
    if not silent:
        token = state.push("icon", "", 0)
        token.content = text
        # pymdownx.emoji writes an emoji as an <img> whose alt text is the emoji without its variation
        # selector (what MkDocs' page title keeps of it); an icon is an <svg>, with no text
        name = match.group("name")
        token.meta = {"name": name, "alt": "" if name.startswith(ICON_SETS) else text.replace("\ufe0f", "")}
    state.pos = match.end()
    return True

"""Attribute lists at the end of a heading (`## Title {#custom-id .class data-search-exclude}`)."""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore

_TRAILING_ATTRS = re.compile(r"\s*\{:?\s*(?P<attrs>[^{}]*?)\s*\}\s*$")
_ATTR = re.compile(r'#(?P<id>[^\s}]+)|\.(?P<cls>[^\s}]+)|(?P<key>[\w-]+)(?:=(?P<q>["\']?)(?P<val>.*?)(?P=q))?(?=\s|$)')


def parse_attr_list(text: str) -> dict[str, str]:
    """`#id .a .b key=value flag` -> {"id": "id", "class": "a b", "key": "value", "flag": ""}."""
    attrs: dict[str, str] = {}
    classes = []
    for m in _ATTR.finditer(text):
        if m.group("id"):
            attrs["id"] = m.group("id")
        elif m.group("cls"):
            classes.append(m.group("cls"))
        elif m.group("key"):
            attrs[m.group("key")] = m.group("val") or ""
    if classes:
        attrs["class"] = " ".join(classes)
    return attrs


def heading_attrs_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[i + 1]
        match = _TRAILING_ATTRS.search(inline.content)
        if not match or not match.group("attrs").startswith(("#", ".", "data-", "id=")):
            continue
        inline.content = inline.content[: match.start()]
        for key, value in parse_attr_list(match.group("attrs")).items():
            token.attrSet(key, value)

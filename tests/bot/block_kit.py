"""Slack's Block Kit limits, checked independently of the bot's own code."""

from __future__ import annotations

from typing import Any


def problems(message: dict[str, Any]) -> list[str]:
    out = []
    blocks = message.get("blocks") or []
    if len(blocks) > 50:
        out.append(f"{len(blocks)} blocks")
    for block in blocks:
        kind = block.get("type")
        text = (block.get("text") or {}).get("text", "")
        if kind == "header" and len(text) > 150:
            out.append(f"header of {len(text)}")
        if kind == "section" and not 0 < len(text) <= 3000:
            out.append(f"section text of {len(text)}")
        if kind == "context" and len(block.get("elements", [])) > 10:
            out.append("context with more than 10 elements")
        for element in block.get("elements", []):
            if element.get("type") == "button":
                label = element["text"]["text"]
                if len(label) > 75:
                    out.append(f"button text of {len(label)}")
                if len(element.get("value", "")) > 2000:
                    out.append("button value over 2000")
                if len(element.get("action_id", "")) > 255:
                    out.append("action_id over 255")
            elif len(element.get("text", "")) > 3000:
                out.append("context element over 3000")
    if len(message.get("text", "")) > 40_000:
        out.append("fallback text over 40000")
    return out


def section_texts(message: dict[str, Any]) -> str:
    parts = []
    for block in message.get("blocks") or []:
        if "text" in block:
            parts.append(block["text"].get("text", ""))
        for element in block.get("elements", []):
            parts.append(element.get("text", "") if isinstance(element.get("text"), str)
                         else element.get("text", {}).get("text", ""))
            if element.get("url"):
                parts.append(element["url"])
    return "\n".join(parts)
